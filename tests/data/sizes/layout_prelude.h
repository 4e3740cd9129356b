/* Kernel-like prelude for the layout tests: what a non-debug x86_64 build would see. */
#include <stddef.h>
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define ____cacheline_aligned __attribute__((__aligned__(64)))
#define __counted_by(m)
#define NAME_LEN 20
#define NR_QUEUES (2 * 4)

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef u16 __le16;
typedef u32 __be32;
typedef u64 dma_addr_t;
typedef _Bool bool;
typedef unsigned int gfp_t;
typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic64_t;
typedef atomic64_t atomic_long_t;
typedef struct { atomic_t refs; } refcount_t;
typedef struct { unsigned int slock; } spinlock_t;
struct list_head { struct list_head *next, *prev; };
struct hlist_node { struct hlist_node *next, **pprev; };
struct kref { refcount_t refcount; };
struct mutex { atomic_long_t owner; spinlock_t wait_lock; unsigned int osq; struct list_head wait_list; };
struct work_struct { atomic_long_t data; struct list_head entry; void (*func)(struct work_struct *); };
struct wait_queue_head { spinlock_t lock; struct list_head head; };
typedef struct wait_queue_head wait_queue_head_t;
struct completion { unsigned int done; struct { spinlock_t lock; struct list_head task_list; } wait; };
struct device;
