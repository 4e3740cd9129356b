/* Modelled on drivers/pci/p2pdma.c, calc_map_type_and_dist(),
 * Linux 6.1.192 (buggy): xa_store() with GFP_KERNEL inside rcu_read_lock();
 * xa_store() (lib/xarray.c) may allocate a node with the given gfp and sleep. Fixed in 6.12.117
 * (GFP_ATOMIC). xa_store()'s body is deliberately not part of this fixture. */
#include <linux/pci.h>
#include <linux/rcupdate.h>
#include <linux/xarray.h>

enum pci_p2pdma_map_type {
	PCI_P2PDMA_MAP_UNKNOWN = 0,
	PCI_P2PDMA_MAP_NOT_SUPPORTED,
	PCI_P2PDMA_MAP_BUS_ADDR,
	PCI_P2PDMA_MAP_THRU_HOST_BRIDGE,
};

struct pci_p2pdma {
	struct gen_pool *pool;
	bool p2pmem_published;
	struct xarray map_types;
};

static unsigned long map_types_idx(struct pci_dev *client)
{
	return (pci_domain_nr(client->bus) << 16) | pci_dev_id(client);
}

static enum pci_p2pdma_map_type
calc_map_type_and_dist(struct pci_dev *provider, struct pci_dev *client,
		int *dist, bool verbose)
{
	enum pci_p2pdma_map_type map_type = PCI_P2PDMA_MAP_THRU_HOST_BRIDGE;
	struct pci_p2pdma *p2pdma;

	*dist = 0;
	if (!pci_upstream_bridge(client))
		map_type = PCI_P2PDMA_MAP_NOT_SUPPORTED;

	rcu_read_lock();
	p2pdma = rcu_dereference(provider->p2pdma);
	if (p2pdma)
		xa_store(&p2pdma->map_types, map_types_idx(client),	/* BUG: sleep-in-atomic */
			 xa_mk_value(map_type), GFP_KERNEL);
	rcu_read_unlock();
	return map_type;
}

int pci_p2pdma_distance_many(struct pci_dev *provider, struct device **clients,
			     int num_clients, bool verbose)
{
	int i, distance, total_dist = 0;

	for (i = 0; i < num_clients; i++) {
		if (calc_map_type_and_dist(provider, to_pci_dev(clients[i]), &distance,
					   verbose) == PCI_P2PDMA_MAP_NOT_SUPPORTED)
			return -1;
		total_dist += distance;
	}
	return total_dist;
}
