#ifndef DEMO_H
#define DEMO_H
#include <linux/slab.h>
#include <asm/demo_generic.h>

#define DEMO_QUEUES 4
#define DEMO_DESC_SIZE(n) ((n) * sizeof(struct demo_desc))
#define DEMO_CAT(a, b) a ## b
#define DEMO_BUF_4K 4096

enum demo_state { DEMO_IDLE, DEMO_RUNNING, DEMO_STOPPED = 10, DEMO_NR_STATES };

struct demo_desc {
	u64 addr;
	u32 len;
	u16 id;
	u8 flags;
	u8 pad;
};

struct demo_queue {
	struct demo_hdr hdr;
	struct demo_desc *ring;
	u32 words[DEMO_ARCH_WORDS];
	char name[DEMO_NAME_LEN];
	struct {
		u16 head;
		u16 tail;
	} idx;
};

struct demo_dev {
	struct demo_queue queues[DEMO_QUEUES];
	spinlock_t lock;
	struct list_head list;
#ifdef CONFIG_DEMO_STATS
	u64 stats[8];
#endif
	u32 nr_entries;
	struct demo_desc entries[];
};
#endif
