// SPDX-License-Identifier: GPL-2.0
/*
 * A demo driver modelled on drivers/net/ethernet/intel/e1000/e1000_ethtool.c (v6.12):
 * rings resized in one function, descriptors and buffers freed in others.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>

struct demo_desc { u64 addr; u32 len; u32 flags; };

struct demo_ring {
	struct demo_desc *desc;
	void *buf;
	unsigned int count;
};

static int demo_ring_alloc(struct demo_ring *ring, unsigned int count)
{
	ring->count = count;
	ring->desc = kvmalloc(count * sizeof(*ring->desc), GFP_KERNEL);
	if (!ring->desc)
		return -ENOMEM;
	return 0;
}

static void demo_ring_free(struct demo_ring *ring)
{
	kfree(ring->desc);
	ring->desc = NULL;
}

static int demo_ring_resize(struct demo_ring *ring, size_t len)
{
	void *old = ring->buf;
	void *tmp = vmalloc(len);

	if (!tmp)
		return -ENOMEM;
	kfree(old);	/* kmemlint: ignore[alloc-free-mismatch] */
	ring->buf = tmp;
	return 0;
}

static void *demo_stats_snapshot(size_t len)
{
	void *s = vzalloc(len);

	kfree(s);
	return NULL;
}

#include <linux/module.h>
MODULE_DESCRIPTION("kmemlint demo: the README's examples");
MODULE_LICENSE("GPL");
