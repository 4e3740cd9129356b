/* Modelled on drivers/net/ethernet/freescale/fs_enet/fs_enet-main.c, fs_timeout_work(),
 * Linux 6.12.117 (fixed): the PHY is stopped and restarted through phylink under rtnl_lock(),
 * outside spin_lock_irqsave(&fep->lock). Buggy in 6.1.192 (phy_stop() under the spinlock). */
#include <linux/netdevice.h>
#include <linux/phylink.h>
#include <linux/rtnetlink.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct fs_enet_private {
	struct net_device *ndev;
	spinlock_t lock;
	struct phylink *phylink;
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

	if (!netif_running(dev))
		return;

	rtnl_lock();
	phylink_stop(fep->phylink);
	phylink_start(fep->phylink);
	rtnl_unlock();

	spin_lock_irqsave(&fep->lock, flags);
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
