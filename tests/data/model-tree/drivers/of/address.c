// SPDX-License-Identifier: GPL-2.0
/* Trimmed from Linux 6.12 drivers/of/address.c: of_iomap() maps with ioremap(). */
#include <linux/io.h>
#include <linux/of_address.h>

void __iomem *of_iomap(struct device_node *np, int index)
{
	struct resource res;

	if (of_address_to_resource(np, index, &res))
		return NULL;

	return ioremap(res.start, resource_size(&res));
}
EXPORT_SYMBOL(of_iomap);
