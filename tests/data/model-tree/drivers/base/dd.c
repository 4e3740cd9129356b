/* Modelled on drivers/base/dd.c (v6.12) device_release_driver(): takes the device lock (a mutex,
 * through device_lock() of include/linux/device.h). */
void device_release_driver(struct device *dev)
{
	device_lock(dev);
	__device_release_driver(dev, NULL);
	device_unlock(dev);
}
EXPORT_SYMBOL_GPL(device_release_driver);
