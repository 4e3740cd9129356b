#include "demo.h"

static const u32 demo_table[] = { 1, 2, 3, 5, 8 };
static char demo_banner[] = "demo";

static int demo_probe(struct demo_dev *dev, size_t len)
{
	struct demo_dev *d;
	void *buf;

	d = kzalloc(struct_size(d, entries, DEMO_RING_ENTRIES), GFP_KERNEL);
	buf = kmalloc(DEMO_DESC_SIZE(DEMO_QUEUES * 2), GFP_KERNEL);
	buf = kmalloc(len + sizeof(*d), GFP_KERNEL);
	return 0;
}
