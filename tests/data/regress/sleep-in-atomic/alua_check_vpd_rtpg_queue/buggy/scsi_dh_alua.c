/* Modelled on drivers/scsi/device_handler/scsi_dh_alua.c, alua_check_vpd(),
 * Linux 6.1.192 (buggy): alua_rtpg_queue() is called under spin_lock(&h->pg_lock); it may drop
 * the last port-group reference, kref_put(..., release_port_group), whose release function
 * flush_delayed_work()s, and it scsi_device_put()s. Fixed in 6.12.117: a reference is taken
 * first and alua_rtpg_queue()/kref_put() run after the unlock. */
#include <linux/kref.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_dh.h>

#define ALUA_RTPG_DELAY_MSECS		5
#define ALUA_PG_RUN_RTPG		0x02
#define ALUA_PG_RUNNING			0x08

static struct workqueue_struct *kaluad_wq;
static DEFINE_SPINLOCK(port_group_lock);

struct alua_port_group {
	struct kref		kref;
	struct rcu_head		rcu;
	struct list_head	node;
	struct list_head	dh_list;
	int			flags;
	int			interval;
	struct scsi_device	*rtpg_sdev;
	struct delayed_work	rtpg_work;
	spinlock_t		lock;
};

struct alua_dh_data {
	struct list_head	node;
	struct alua_port_group __rcu *pg;
	spinlock_t		pg_lock;
};

static void release_port_group(struct kref *kref)
{
	struct alua_port_group *pg;

	pg = container_of(kref, struct alua_port_group, kref);
	if (pg->rtpg_sdev)
		flush_delayed_work(&pg->rtpg_work);
	spin_lock(&port_group_lock);
	list_del(&pg->node);
	spin_unlock(&port_group_lock);
	kfree_rcu(pg, rcu);
}

static bool alua_rtpg_queue(struct alua_port_group *pg,
			    struct scsi_device *sdev, bool force)
{
	int start_queue = 0;
	unsigned long flags;

	if (WARN_ON_ONCE(!pg) || scsi_device_get(sdev))
		return false;

	spin_lock_irqsave(&pg->lock, flags);
	if (pg->rtpg_sdev == NULL) {
		pg->interval = 0;
		pg->flags |= ALUA_PG_RUN_RTPG;
		kref_get(&pg->kref);
		pg->rtpg_sdev = sdev;
		start_queue = 1;
	} else if (!(pg->flags & ALUA_PG_RUN_RTPG) && force) {
		pg->flags |= ALUA_PG_RUN_RTPG;
		if (!(pg->flags & ALUA_PG_RUNNING)) {
			kref_get(&pg->kref);
			start_queue = 1;
		}
	}
	spin_unlock_irqrestore(&pg->lock, flags);

	if (start_queue) {
		if (queue_delayed_work(kaluad_wq, &pg->rtpg_work,
				msecs_to_jiffies(ALUA_RTPG_DELAY_MSECS)))
			sdev = NULL;
		else
			kref_put(&pg->kref, release_port_group);
	}
	if (sdev)
		scsi_device_put(sdev);

	return true;
}

struct alua_port_group *alua_alloc_pg(struct scsi_device *sdev, int group_id, int tpgs);

static int alua_check_vpd(struct scsi_device *sdev, struct alua_dh_data *h,
			  int tpgs)
{
	int rel_port = -1, group_id;
	struct alua_port_group *pg, *old_pg = NULL;
	bool pg_updated = false;
	unsigned long flags;

	group_id = scsi_vpd_tpg_id(sdev, &rel_port);
	if (group_id < 0)
		return SCSI_DH_DEV_UNSUPP;

	pg = alua_alloc_pg(sdev, group_id, tpgs);
	if (IS_ERR(pg))
		return SCSI_DH_NOMEM;

	/* Check for existing port group references */
	spin_lock(&h->pg_lock);
	old_pg = rcu_dereference_protected(h->pg, lockdep_is_held(&h->pg_lock));
	if (old_pg != pg) {
		/* port group has changed. Update to new port group */
		if (h->pg) {
			spin_lock_irqsave(&old_pg->lock, flags);
			list_del_rcu(&h->node);
			spin_unlock_irqrestore(&old_pg->lock, flags);
		}
		rcu_assign_pointer(h->pg, pg);
		pg_updated = true;
	}

	spin_lock_irqsave(&pg->lock, flags);
	if (pg_updated)
		list_add_rcu(&h->node, &pg->dh_list);
	spin_unlock_irqrestore(&pg->lock, flags);

	alua_rtpg_queue(rcu_dereference_protected(h->pg,	/* BUG: sleep-in-atomic */
						  lockdep_is_held(&h->pg_lock)),
			sdev, true);
	spin_unlock(&h->pg_lock);

	if (old_pg)
		kref_put(&old_pg->kref, release_port_group);

	return SCSI_DH_OK;
}
