/* Modelled on include/linux/watchdog.h (v6.12), trimmed to the operations and the device's
 * restart notifier block. */
struct watchdog_device;

struct watchdog_ops {
	struct module *owner;
	int (*start)(struct watchdog_device *);
	int (*stop)(struct watchdog_device *);
	int (*ping)(struct watchdog_device *);
	int (*restart)(struct watchdog_device *, unsigned long, void *);
};

struct watchdog_device {
	int id;
	const struct watchdog_ops *ops;
	struct notifier_block restart_nb;
	void *driver_data;
};
