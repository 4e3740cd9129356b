/* Modelled on drivers/scsi/scsi_sysfs.c (v6.12): scsi_sysfs_device_initialize() makes
 * scsi_dev_type the type of sdev_gendev, whose .release, scsi_device_dev_release(), sleeps
 * (might_sleep(), cancel_work_sync(), mutex_lock()); scsi_remove_device() is what the file
 * exports (a model build reads only the drivers' files that export). */
struct Scsi_Host {
	struct mutex scan_mutex;
};

struct scsi_device {
	struct Scsi_Host *host;
	struct device sdev_gendev;
	struct work_struct requeue_work;
	struct mutex inquiry_mutex;
	void *inquiry;
};

static void scsi_device_dev_release(struct device *dev)
{
	struct scsi_device *sdev = container_of(dev, struct scsi_device, sdev_gendev);

	might_sleep();
	cancel_work_sync(&sdev->requeue_work);
	mutex_lock(&sdev->inquiry_mutex);
	kfree(sdev->inquiry);
	mutex_unlock(&sdev->inquiry_mutex);
	kfree(sdev);
}

static const struct device_type scsi_dev_type = {
	.name =		"scsi_device",
	.release =	scsi_device_dev_release,
};

void scsi_sysfs_device_initialize(struct scsi_device *sdev)
{
	device_initialize(&sdev->sdev_gendev);
	sdev->sdev_gendev.type = &scsi_dev_type;
}

void scsi_remove_device(struct scsi_device *sdev)
{
	struct Scsi_Host *shost = sdev->host;

	mutex_lock(&shost->scan_mutex);
	__scsi_remove_device(sdev);
	mutex_unlock(&shost->scan_mutex);
}
EXPORT_SYMBOL(scsi_remove_device);
