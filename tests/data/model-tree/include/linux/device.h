/* Modelled on include/linux/device.h (v6.12) device_lock(). */
struct device { struct mutex mutex; struct dev_pm_info power; };

static inline void device_lock(struct device *dev)
{
	mutex_lock(&dev->mutex);
}
