/* SPDX-License-Identifier: GPL-2.0 */
/* Trimmed from Linux 6.12 include/linux/devcoredump.h: prototypes when CONFIG_DEV_COREDUMP is set,
 * inline stubs of the same names otherwise, and dev_coredumpm() calling either. */
#ifndef __DEVCOREDUMP_H
#define __DEVCOREDUMP_H

#include <linux/device.h>

#define DEVCD_TIMEOUT	(HZ * 60 * 5)

#ifdef CONFIG_DEV_COREDUMP
void dev_coredumpv(struct device *dev, void *data, size_t datalen,
		   gfp_t gfp);

void dev_coredumpm_timeout(struct device *dev, struct module *owner,
			   void *data, size_t datalen, gfp_t gfp,
			   ssize_t (*read)(char *buffer, loff_t offset,
					   size_t count, void *data,
					   size_t datalen),
			   void (*free)(void *data),
			   unsigned long timeout);
#else
static inline void dev_coredumpv(struct device *dev, void *data,
				 size_t datalen, gfp_t gfp)
{
	vfree(data);
}

static inline void
dev_coredumpm_timeout(struct device *dev, struct module *owner,
		      void *data, size_t datalen, gfp_t gfp,
		      ssize_t (*read)(char *buffer, loff_t offset,
				      size_t count, void *data,
				      size_t datalen),
		      void (*free)(void *data),
		      unsigned long timeout)
{
	free(data);
}
#endif /* CONFIG_DEV_COREDUMP */

static inline void dev_coredumpm(struct device *dev, struct module *owner,
				 void *data, size_t datalen, gfp_t gfp,
				 ssize_t (*read)(char *buffer, loff_t offset, size_t count,
						 void *data, size_t datalen),
				void (*free)(void *data))
{
	dev_coredumpm_timeout(dev, owner, data, datalen, gfp, read, free,
			      DEVCD_TIMEOUT);
}

#endif /* __DEVCOREDUMP_H */
