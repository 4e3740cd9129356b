/* Modelled on drivers/scsi/scsi_lib.c, scsi_single_lun_run(), Linux 6.1.192 shape (buggy with the
 * SCSI core of 6.12.117): for each other LUN of a single-LUN target it takes a reference with
 * scsi_device_get(), drops host_lock to kick the queue, retakes it and drops the reference with
 * scsi_device_put() under spin_lock_irqsave(shost->host_lock). scsi_device_put()
 * (drivers/scsi/scsi.c) -> put_device(&sdev->sdev_gendev); when that is the last reference
 * device_release() calls dev->type->release, scsi_device_dev_release() (drivers/scsi/scsi_sysfs.c,
 * the .release of scsi_dev_type, set as sdev_gendev.type by scsi_sysfs_device_initialize()),
 * which runs synchronously and begins with might_sleep() (cancel_work_sync(), mutex_lock()). Fixed in 6.12.117: the queues are kicked with
 * __starget_for_each_device(starget, current_sdev, scsi_kick_sdev_queue), which takes no device
 * reference. The core functions' bodies are deliberately not part of this case. */
#include <linux/blk-mq.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

static void scsi_kick_queue(struct request_queue *q)
{
	blk_mq_run_hw_queues(q, false);
}

static void scsi_single_lun_run(struct scsi_device *current_sdev)
{
	struct Scsi_Host *shost = current_sdev->host;
	struct scsi_device *sdev, *tmp;
	struct scsi_target *starget = scsi_target(current_sdev);
	unsigned long flags;

	spin_lock_irqsave(shost->host_lock, flags);
	starget->starget_sdev_user = NULL;
	spin_unlock_irqrestore(shost->host_lock, flags);

	/*
	 * Call blk_run_queue for all LUNs on the target, starting with
	 * current_sdev. We race with others (to set starget_sdev_user),
	 * but in most cases, we will be first. Ideally, each LU on the
	 * target would get some limited time or requests on the target.
	 */
	scsi_kick_queue(current_sdev->request_queue);

	spin_lock_irqsave(shost->host_lock, flags);
	if (starget->starget_sdev_user)
		goto out;
	list_for_each_entry_safe(sdev, tmp, &starget->devices,
			same_target_siblings) {
		if (sdev == current_sdev)
			continue;
		if (scsi_device_get(sdev))
			continue;

		spin_unlock_irqrestore(shost->host_lock, flags);
		scsi_kick_queue(sdev->request_queue);
		spin_lock_irqsave(shost->host_lock, flags);

		scsi_device_put(sdev);	/* BUG: sleep-in-atomic */
	}
 out:
	spin_unlock_irqrestore(shost->host_lock, flags);
}

static void scsi_run_queue(struct request_queue *q)
{
	struct scsi_device *sdev = q->queuedata;

	if (scsi_target(sdev)->single_lun)
		scsi_single_lun_run(sdev);

	blk_mq_run_hw_queues(q, false);
}

void scsi_run_host_queues(struct Scsi_Host *shost)
{
	struct scsi_device *sdev;

	shost_for_each_device(sdev, shost)
		scsi_run_queue(sdev->request_queue);
}
