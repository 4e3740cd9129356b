/* Modelled on drivers/md/md.c, flush_rdev_wq() and new_dev_store(), Linux 6.1.192 (buggy):
 * flush_workqueue() (kernel/workqueue.c __flush_workqueue(): mutex_lock(&wq->mutex),
 * wait_for_completion()) inside rcu_read_lock() around rdev_for_each_rcu(). 6.12.117 reworked
 * rdev deletion: md_rdev_misc_wq and flush_rdev_wq() are gone, new_dev_store() flushes nothing
 * under RCU. */
#include <linux/rculist.h>
#include <linux/workqueue.h>

struct md_rdev { struct list_head same_set; struct work_struct del_work; };
struct mddev { struct list_head disks; int persistent; };

static struct workqueue_struct *md_rdev_misc_wq;

#define rdev_for_each_rcu(rdev, mddev)				\
	list_for_each_entry_rcu(rdev, &((mddev)->disks), same_set)

/* need to ensure rdev_delayed_delete() has completed */
static void flush_rdev_wq(struct mddev *mddev)
{
	struct md_rdev *rdev;

	rcu_read_lock();
	rdev_for_each_rcu(rdev, mddev)
		if (work_pending(&rdev->del_work)) {
			flush_workqueue(md_rdev_misc_wq);	/* BUG: sleep-in-atomic */
			break;
		}
	rcu_read_unlock();
}

static ssize_t new_dev_store(struct mddev *mddev, const char *buf, size_t len)
{
	int err;

	flush_rdev_wq(mddev);
	err = mddev_lock(mddev);
	if (err)
		return err;
	mddev_unlock(mddev);
	return len;
}
