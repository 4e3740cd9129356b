/* Marker for kernel-root detection; the real one defines kmalloc and friends. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/demo_types.h>
#define SLAB_DEMO_MAGIC 0x42
#endif
