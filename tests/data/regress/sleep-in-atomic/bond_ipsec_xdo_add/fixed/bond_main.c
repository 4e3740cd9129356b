/* Modelled on drivers/net/bonding/bond_main.c, bond_ipsec_add_sa() and bond_ipsec_add_sa_all(),
 * Linux 6.12.117 (fixed): the slave is pinned with netdev_hold() and its
 * xfrmdev_ops->xdo_dev_state_add() is called outside RCU; bond->ipsec_lock is a mutex.
 * Buggy in 6.1.192 (the op called under rcu_read_lock() / spin_lock_bh()). */
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/bonding.h>
#include <net/xfrm.h>

struct bond_ipsec {
	struct list_head list;
	struct xfrm_state *xs;
};

static int bond_ipsec_add_sa(struct xfrm_state *xs)
{
	struct net_device *bond_dev = xs->xso.dev;
	struct net_device *real_dev;
	netdevice_tracker tracker;
	struct bond_ipsec *ipsec;
	struct bonding *bond;
	struct slave *slave;
	int err;

	if (!bond_dev)
		return -EINVAL;

	rcu_read_lock();
	bond = netdev_priv(bond_dev);
	slave = rcu_dereference(bond->curr_active_slave);
	real_dev = slave ? slave->dev : NULL;
	netdev_hold(real_dev, &tracker, GFP_ATOMIC);
	rcu_read_unlock();
	if (!real_dev) {
		err = -ENODEV;
		goto out;
	}

	if (!real_dev->xfrmdev_ops ||
	    !real_dev->xfrmdev_ops->xdo_dev_state_add ||
	    netif_is_bond_master(real_dev)) {
		err = -EOPNOTSUPP;
		goto out;
	}

	ipsec = kmalloc(sizeof(*ipsec), GFP_KERNEL);
	if (!ipsec) {
		err = -ENOMEM;
		goto out;
	}

	err = real_dev->xfrmdev_ops->xdo_dev_state_add(xs);
	if (!err) {
		xs->xso.real_dev = real_dev;
		ipsec->xs = xs;
		INIT_LIST_HEAD(&ipsec->list);
		mutex_lock(&bond->ipsec_lock);
		list_add(&ipsec->list, &bond->ipsec_list);
		mutex_unlock(&bond->ipsec_lock);
	} else {
		kfree(ipsec);
	}
out:
	netdev_put(real_dev, &tracker);
	return err;
}

static void bond_ipsec_add_sa_all(struct bonding *bond)
{
	struct net_device *real_dev;
	struct bond_ipsec *ipsec;
	struct slave *slave;

	slave = rtnl_dereference(bond->curr_active_slave);
	real_dev = slave ? slave->dev : NULL;
	if (!real_dev)
		return;

	mutex_lock(&bond->ipsec_lock);
	if (!real_dev->xfrmdev_ops ||
	    !real_dev->xfrmdev_ops->xdo_dev_state_add ||
	    netif_is_bond_master(real_dev))
		goto out;

	list_for_each_entry(ipsec, &bond->ipsec_list, list) {
		if (ipsec->xs->xso.real_dev == real_dev)
			continue;
		ipsec->xs->xso.real_dev = real_dev;
		if (real_dev->xfrmdev_ops->xdo_dev_state_add(ipsec->xs))
			ipsec->xs->xso.real_dev = NULL;
	}
out:
	mutex_unlock(&bond->ipsec_lock);
}

static const struct xfrmdev_ops bond_xfrmdev_ops = {
	.xdo_dev_state_add = bond_ipsec_add_sa,
};

void bond_change_active_slave(struct bonding *bond)
{
	bond_ipsec_add_sa_all(bond);
}

void bond_setup(struct net_device *bond_dev)
{
	bond_dev->xfrmdev_ops = &bond_xfrmdev_ops;
}
