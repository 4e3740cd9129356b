/* Modelled on include/linux/pm_runtime.h (v6.12): the get helpers are inline wrappers of
 * __pm_runtime_resume(); the synchronous one sleeps, RPM_ASYNC queues the resume. */
#define RPM_ASYNC	0x01
#define RPM_GET_PUT	0x04

static inline int pm_runtime_get(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT | RPM_ASYNC);
}

static inline int pm_runtime_get_sync(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT);
}

/* the !CONFIG_PM stubs of the same header (include/linux/pm_runtime.h, #else branch): tree-sitter
 * sees both branches; the real __pm_runtime_resume() is the one that counts */
static inline int __pm_runtime_resume(struct device *dev, int rpmflags) { return 1; }
