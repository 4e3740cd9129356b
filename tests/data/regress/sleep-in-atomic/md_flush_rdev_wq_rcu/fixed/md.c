/* Modelled on drivers/md/md.c, new_dev_store(), Linux 6.12.117 (fixed): rdev deletion was
 * reworked, flush_rdev_wq() and md_rdev_misc_wq are gone; nothing is flushed under
 * rcu_read_lock(). */
#include <linux/rculist.h>
#include <linux/workqueue.h>

struct md_rdev { struct list_head same_set; struct work_struct del_work; };
struct mddev { struct list_head disks; int persistent; };

static ssize_t new_dev_store(struct mddev *mddev, const char *buf, size_t len)
{
	int err;

	err = mddev_suspend_and_lock(mddev);
	if (err)
		return err;
	mddev_unlock_and_resume(mddev);
	return len;
}
