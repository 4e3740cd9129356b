/* Modelled on drivers/watchdog/watchdog_core.c (v6.12): the core registers a restart handler for
 * a watchdog with a .restart operation; the handler calls the driver's ops->restart. */
static int watchdog_restart_notifier(struct notifier_block *nb, unsigned long action, void *data)
{
	struct watchdog_device *wdd = container_of(nb, struct watchdog_device, restart_nb);
	int ret;

	ret = wdd->ops->restart(wdd, action, data);
	if (ret)
		return NOTIFY_BAD;
	return NOTIFY_DONE;
}

static int ___watchdog_register_device(struct watchdog_device *wdd)
{
	int ret = 0;

	if (wdd->ops->restart) {
		wdd->restart_nb.notifier_call = watchdog_restart_notifier;

		ret = register_restart_handler(&wdd->restart_nb);
		if (ret)
			pr_warn("watchdog%d: Cannot register restart handler (%d)\n", wdd->id, ret);
	}
	return ret;
}

int watchdog_register_device(struct watchdog_device *wdd)
{
	return ___watchdog_register_device(wdd);
}
EXPORT_SYMBOL_GPL(watchdog_register_device);
