/* Modelled on drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec.c, mlx5e_xfrm_add_state()
 * (Linux 6.1.192; same allocation in 6.12.117): a struct xfrmdev_ops .xdo_dev_state_add that
 * allocates with GFP_KERNEL and creates firmware contexts (mlx5_cmd_exec(), which sleeps).
 * Shared by the buggy and fixed bonding versions of this pair. */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/xfrm.h>

struct mlx5e_ipsec_sa_entry {
	struct xfrm_state *x;
	void *ipsec;
};

struct mlx5e_priv {
	void *ipsec;
};

static int mlx5e_xfrm_add_state(struct xfrm_state *x)
{
	struct mlx5e_ipsec_sa_entry *sa_entry = NULL;
	struct net_device *netdev = x->xso.real_dev;
	struct mlx5e_priv *priv;

	priv = netdev_priv(netdev);
	if (!priv->ipsec)
		return -EOPNOTSUPP;

	sa_entry = kzalloc(sizeof(*sa_entry), GFP_KERNEL);
	if (!sa_entry)
		return -ENOMEM;

	sa_entry->x = x;
	sa_entry->ipsec = priv->ipsec;
	x->xso.offload_handle = (unsigned long)sa_entry;
	return 0;
}

static const struct xfrmdev_ops mlx5e_ipsec_xfrmdev_ops = {
	.xdo_dev_state_add	= mlx5e_xfrm_add_state,
};

void mlx5e_ipsec_build_netdev(struct net_device *netdev)
{
	netdev->xfrmdev_ops = &mlx5e_ipsec_xfrmdev_ops;
}
