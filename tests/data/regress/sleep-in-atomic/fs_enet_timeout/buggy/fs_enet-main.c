/* Modelled on drivers/net/ethernet/freescale/fs_enet/fs_enet-main.c, fs_timeout_work(),
 * Linux 6.1.192 (buggy): phy_stop()/phy_start() (drivers/net/phy/phy.c, take phydev->lock, a
 * mutex) called under spin_lock_irqsave(&fep->lock). Fixed in 6.12.117: the PHY is restarted
 * through phylink under rtnl_lock() before the spinlock is taken.
 * The core functions' bodies are deliberately not part of this fixture. */
#include <linux/netdevice.h>
#include <linux/phy.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct fs_ops {
	void (*stop)(struct net_device *dev);
	void (*restart)(struct net_device *dev);
};

struct fs_enet_private {
	struct net_device *ndev;
	spinlock_t lock;
	const struct fs_ops *ops;
	struct work_struct timeout_work;
	int tx_free;
};

static void fs_timeout_work(struct work_struct *work)
{
	struct fs_enet_private *fep = container_of(work, struct fs_enet_private,
						   timeout_work);
	struct net_device *dev = fep->ndev;
	unsigned long flags;
	int wake = 0;

	dev->stats.tx_errors++;

	spin_lock_irqsave(&fep->lock, flags);

	if (dev->flags & IFF_UP) {
		phy_stop(dev->phydev);	/* BUG: sleep-in-atomic */
		(*fep->ops->stop)(dev);
		(*fep->ops->restart)(dev);
	}

	phy_start(dev->phydev);
	wake = fep->tx_free >= MAX_SKB_FRAGS;
	spin_unlock_irqrestore(&fep->lock, flags);

	if (wake)
		netif_wake_queue(dev);
}

static void fs_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct fs_enet_private *fep = netdev_priv(dev);

	schedule_work(&fep->timeout_work);
}

static const struct net_device_ops fs_enet_netdev_ops = {
	.ndo_tx_timeout		= fs_timeout,
};

static int fs_enet_probe(struct net_device *ndev)
{
	struct fs_enet_private *fep = netdev_priv(ndev);

	fep->ndev = ndev;
	spin_lock_init(&fep->lock);
	INIT_WORK(&fep->timeout_work, fs_timeout_work);
	ndev->netdev_ops = &fs_enet_netdev_ops;
	return register_netdev(ndev);
}
