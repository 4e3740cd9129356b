// SPDX-License-Identifier: GPL-2.0-only
/* Trimmed from Linux 6.12 mm/nommu.c: built only without an MMU (mm/Makefile mmu-y := nommu.o), where
 * vmalloc_to_page() is virt_to_page(). */
#include <linux/mm.h>

struct page *vmalloc_to_page(const void *addr)
{
	return virt_to_page(addr);
}
EXPORT_SYMBOL(vmalloc_to_page);
