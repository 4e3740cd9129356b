// SPDX-License-Identifier: GPL-2.0-only
/* Trimmed from kernel/locking/rtmutex_api.c (v6.12): rt_mutex_lock_nested() may sleep
 * (__rt_mutex_lock_common(): might_sleep(), line 29); rt_mutex_trylock() and rt_mutex_unlock()
 * do not. */
#include <linux/rtmutex.h>

static __always_inline int __rt_mutex_lock_common(struct rt_mutex *lock, unsigned int state,
						  struct lockdep_map *nest_lock, unsigned int subclass)
{
	int ret;

	might_sleep();
	mutex_acquire_nest(&lock->dep_map, subclass, 0, nest_lock, _RET_IP_);
	ret = __rt_mutex_lock(&lock->rtmutex, state);
	if (ret)
		mutex_release(&lock->dep_map, _RET_IP_);
	return ret;
}

void __sched rt_mutex_lock_nested(struct rt_mutex *lock, unsigned int subclass)
{
	__rt_mutex_lock_common(lock, TASK_UNINTERRUPTIBLE, NULL, subclass);
}
EXPORT_SYMBOL_GPL(rt_mutex_lock_nested);

int __sched rt_mutex_trylock(struct rt_mutex *lock)
{
	int ret;

	ret = __rt_mutex_trylock(&lock->rtmutex);
	if (ret)
		mutex_acquire(&lock->dep_map, 0, 1, _RET_IP_);
	return ret;
}
EXPORT_SYMBOL_GPL(rt_mutex_trylock);

void __sched rt_mutex_unlock(struct rt_mutex *lock)
{
	mutex_release(&lock->dep_map, _RET_IP_);
	__rt_mutex_unlock(&lock->rtmutex);
}
EXPORT_SYMBOL_GPL(rt_mutex_unlock);
