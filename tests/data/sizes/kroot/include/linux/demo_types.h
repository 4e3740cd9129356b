#ifndef _LINUX_DEMO_TYPES_H
#define _LINUX_DEMO_TYPES_H
#include <asm/demo_arch.h>
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define DEMO_NAME_LEN 32

#ifdef CONFIG_DEMO_BIG_RING
#define DEMO_RING_ENTRIES 1024
#elif defined(CONFIG_DEMO_MEDIUM_RING)
#define DEMO_RING_ENTRIES 256
#else
#define DEMO_RING_ENTRIES 64
#endif

#if PAGE_SHIFT > 12
#define DEMO_PAGE_KIND 2
#else
#define DEMO_PAGE_KIND 1
#endif

struct demo_hdr {
	u32 magic;
	u16 version;
	u16 flags;
};
#endif
