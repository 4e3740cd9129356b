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
