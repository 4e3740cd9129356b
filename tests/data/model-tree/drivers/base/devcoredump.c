// SPDX-License-Identifier: GPL-2.0
/* Trimmed from Linux 6.12 drivers/base/devcoredump.c: the device coredump allocates its entry with
 * the caller's gfp mask. */
#include <linux/device.h>
#include <linux/devcoredump.h>

struct devcd_entry {
	struct device devcd_dev;
	void *data;
	size_t datalen;
	struct mutex mutex;
	void (*free)(void *data);
};

void dev_coredumpm_timeout(struct device *dev, struct module *owner,
			   void *data, size_t datalen, gfp_t gfp,
			   ssize_t (*read)(char *buffer, loff_t offset,
					   size_t count, void *data,
					   size_t datalen),
			   void (*free)(void *data),
			   unsigned long timeout)
{
	struct devcd_entry *devcd;

	devcd = kzalloc(sizeof(*devcd), gfp);
	if (!devcd)
		goto free;

	devcd->data = data;
	devcd->datalen = datalen;
	devcd->free = free;
	return;
 free:
	free(data);
}
EXPORT_SYMBOL_GPL(dev_coredumpm_timeout);

static ssize_t devcd_readv(char *buffer, loff_t offset, size_t count,
			   void *data, size_t datalen)
{
	return memory_read_from_buffer(buffer, count, &offset, data, datalen);
}

static void devcd_freev(void *data)
{
	vfree(data);
}

void dev_coredumpv(struct device *dev, void *data, size_t datalen,
		   gfp_t gfp)
{
	dev_coredumpm(dev, NULL, data, datalen, gfp, devcd_readv, devcd_freev);
}
EXPORT_SYMBOL_GPL(dev_coredumpv);
