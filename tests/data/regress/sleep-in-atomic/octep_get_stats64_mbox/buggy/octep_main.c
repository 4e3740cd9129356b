/* Modelled on drivers/net/ethernet/marvell/octeon_ep/octep_main.c, octep_get_stats64(),
 * Linux 6.1.192 (buggy): .ndo_get_stats64 queries the firmware through octep_get_if_stats()
 * (octep_ctrl.c: mutex, schedule_timeout_interruptible()); dev_get_stats() may be called under
 * RCU or a spinlock (bonding's bond_get_stats(), /proc/net/dev). Fixed in 6.12.117: the
 * stats come from counters a worker refreshes, nothing is queried in the callback. */
#include <linux/netdevice.h>
#include "octep_main.h"

static void octep_get_stats64(struct net_device *netdev,
			      struct rtnl_link_stats64 *stats)
{
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	struct octep_device *oct = netdev_priv(netdev);
	int q;

	octep_get_if_stats(oct);	/* BUG: sleep-in-atomic */
	tx_packets = 0;
	tx_bytes = 0;
	rx_packets = 0;
	rx_bytes = 0;
	for (q = 0; q < oct->num_oqs; q++) {
		struct octep_iq *iq = oct->iq[q];
		struct octep_oq *oq = oct->oq[q];

		tx_packets += iq->stats.instr_completed;
		tx_bytes += iq->stats.bytes_sent;
		rx_packets += oq->stats.packets;
		rx_bytes += oq->stats.bytes;
	}
	stats->tx_packets = tx_packets;
	stats->tx_bytes = tx_bytes;
	stats->rx_packets = rx_packets;
	stats->rx_bytes = rx_bytes;
	stats->multicast = oct->iface_rx_stats.mcast_pkts;
	stats->rx_errors = oct->iface_rx_stats.err_pkts;
}

static const struct net_device_ops octep_netdev_ops = {
	.ndo_get_stats64         = octep_get_stats64,
};

void octep_setup_netdev(struct net_device *netdev)
{
	netdev->netdev_ops = &octep_netdev_ops;
}
