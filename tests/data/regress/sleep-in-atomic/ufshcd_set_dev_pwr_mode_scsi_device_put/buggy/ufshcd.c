/* Modelled on drivers/ufs/core/ufshcd.c, ufshcd_set_dev_pwr_mode(), Linux 6.1.192 shape (buggy
 * with the SCSI core of 6.12.117): when the well-known LUN is not online, the reference just taken
 * is dropped with scsi_device_put() under spin_lock_irqsave(hba->host->host_lock).
 * scsi_device_put() (drivers/scsi/scsi.c) -> put_device(&sdev->sdev_gendev) -> kobject_put() ->
 * device_release() (drivers/base/core.c) -> dev->type->release: scsi_device_dev_release()
 * (drivers/scsi/scsi_sysfs.c, the .release of scsi_dev_type, set as sdev_gendev.type by
 * scsi_sysfs_device_initialize()), which runs synchronously since "scsi: core: Release SCSI
 * devices synchronously" and starts with might_sleep() (cancel_work_sync(), mutex_lock()). Fixed in
 * 6.12.117: scsi_device_online() is tested before scsi_device_get(), so no reference is dropped
 * under the lock. The core functions' bodies are deliberately not part of this case. */
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_dbg.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <ufs/ufshcd.h>

static int ufshcd_set_dev_pwr_mode(struct ufs_hba *hba,
				     enum ufs_dev_pwr_mode pwr_mode)
{
	unsigned char cmd[6] = { START_STOP };
	struct scsi_sense_hdr sshdr;
	struct scsi_device *sdp;
	unsigned long flags;
	int ret, retries;

	spin_lock_irqsave(hba->host->host_lock, flags);
	sdp = hba->ufs_device_wlun;
	if (sdp) {
		ret = scsi_device_get(sdp);
		if (!ret && !scsi_device_online(sdp)) {
			ret = -ENODEV;
			scsi_device_put(sdp);	/* BUG: sleep-in-atomic */
		}
	} else {
		ret = -ENODEV;
	}
	spin_unlock_irqrestore(hba->host->host_lock, flags);

	if (ret)
		return ret;

	/*
	 * If scsi commands fail, the scsi mid-layer schedules scsi error-
	 * handling, which would wait for host to be resumed. Since we know
	 * we are functional while we are here, skip host resume in error
	 * handling context.
	 */
	WRITE_ONCE(hba->host->eh_noresume, 1);

	cmd[4] = pwr_mode << 4;

	for (retries = 3; retries > 0; --retries) {
		ret = scsi_execute(sdp, cmd, DMA_NONE, NULL, 0, NULL, &sshdr,
				   HZ, 0, 0, RQF_PM, NULL);
		if (ret <= 0)
			break;
	}
	if (ret) {
		sdev_printk(KERN_WARNING, sdp,
			    "START_STOP failed for power mode: %d, result %x\n",
			    pwr_mode, ret);
		if (ret > 0) {
			if (scsi_sense_valid(&sshdr))
				scsi_print_sense_hdr(sdp, NULL, &sshdr);
			ret = -EIO;
		}
	}

	if (!ret)
		hba->curr_dev_pwr_mode = pwr_mode;

	scsi_device_put(sdp);
	WRITE_ONCE(hba->host->eh_noresume, 0);
	return ret;
}

int ufshcd_resume_active(struct ufs_hba *hba)
{
	return ufshcd_set_dev_pwr_mode(hba, UFS_ACTIVE_PWR_MODE);
}
