/* SPDX-License-Identifier: GPL-2.0+ */
/* Modelled on include/linux/xarray.h (v6.12): the array's lock macros */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

struct xarray { spinlock_t xa_lock; unsigned int xa_flags; void *xa_head; };

#define xa_lock(xa)		spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa)		spin_unlock(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags) \
				spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags) \
				spin_unlock_irqrestore(&(xa)->xa_lock, flags)

#endif
