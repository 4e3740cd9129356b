/* Modelled on drivers/scsi/scsi.c (v6.12) scsi_device_get() / scsi_device_put(): the put drops a
 * reference with put_device(&sdev->sdev_gendev), which runs the device type's release (scsi_sysfs.c)
 * when it is the last. */
struct scsi_device {
	struct device sdev_gendev;
	struct module *module;
};

int scsi_device_get(struct scsi_device *sdev)
{
	if (!get_device(&sdev->sdev_gendev))
		goto fail;
	if (!try_module_get(sdev->module))
		goto fail_put_device;
	return 0;

fail_put_device:
	put_device(&sdev->sdev_gendev);
fail:
	return -ENXIO;
}
EXPORT_SYMBOL(scsi_device_get);

void scsi_device_put(struct scsi_device *sdev)
{
	struct module *mod = sdev->module;

	put_device(&sdev->sdev_gendev);
	module_put(mod);
}
EXPORT_SYMBOL(scsi_device_put);
