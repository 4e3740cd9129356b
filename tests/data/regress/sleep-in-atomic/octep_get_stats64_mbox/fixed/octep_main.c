/* Modelled on drivers/net/ethernet/marvell/octeon_ep/octep_main.c, octep_get_stats64(),
 * Linux 6.12.117 (fixed): .ndo_get_stats64 only sums counters; the firmware query
 * (octep_get_if_stats(), octep_ctrl.c) runs from the ethtool path in process context.
 * Buggy in 6.1.192 (the query from .ndo_get_stats64). */
#include <linux/netdevice.h>
#include "octep_main.h"

static void octep_get_stats64(struct net_device *netdev,
			      struct rtnl_link_stats64 *stats)
{
	struct octep_device *oct = netdev_priv(netdev);
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	int q;

	tx_packets = 0;
	tx_bytes = 0;
	rx_packets = 0;
	rx_bytes = 0;
	for (q = 0; q < OCTEP_MAX_QUEUES; q++) {
		tx_packets += oct->stats_iq[q].instr_completed;
		tx_bytes += oct->stats_iq[q].bytes_sent;
		rx_packets += oct->stats_oq[q].packets;
		rx_bytes += oct->stats_oq[q].bytes;
	}
	stats->tx_packets = tx_packets;
	stats->tx_bytes = tx_bytes;
	stats->rx_packets = rx_packets;
	stats->rx_bytes = rx_bytes;
}

static void octep_get_ethtool_stats(struct net_device *netdev,
				    struct ethtool_stats *stats, u64 *data)
{
	struct octep_device *oct = netdev_priv(netdev);

	octep_get_if_stats(oct);
	data[0] = oct->iface_rx_stats.mcast_pkts;
}

static const struct net_device_ops octep_netdev_ops = {
	.ndo_get_stats64         = octep_get_stats64,
};

static const struct ethtool_ops octep_ethtool_ops = {
	.get_ethtool_stats = octep_get_ethtool_stats,
};

void octep_setup_netdev(struct net_device *netdev)
{
	netdev->netdev_ops = &octep_netdev_ops;
	netdev->ethtool_ops = &octep_ethtool_ops;
}
