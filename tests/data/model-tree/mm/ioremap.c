/* Modelled on mm/ioremap.c (v6.12) iounmap(): CONFIG_GENERIC_IOREMAP's (mm/Makefile:
 * obj-$(CONFIG_GENERIC_IOREMAP) += ioremap.o), not x86-64's; trimmed to what the model can see. */
void iounmap(volatile void __iomem *addr)
{
	void *vaddr = (void *)((unsigned long)addr & PAGE_MASK);

	if (!iounmap_allowed(vaddr))
		return;
	if (is_vmalloc_addr(vaddr))
		vunmap(vaddr);
}
EXPORT_SYMBOL(iounmap);
