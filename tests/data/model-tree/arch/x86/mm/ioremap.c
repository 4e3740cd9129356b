/* Modelled on arch/x86/mm/ioremap.c (v6.12) iounmap(): the mapping's vm area is removed
 * (remove_vm_area(), which may sleep: mm/vmalloc.c might_sleep()), trimmed. x86-64 builds this one. */
void iounmap(volatile void __iomem *addr)
{
	struct vm_struct *p, *o;

	if (WARN_ON_ONCE(!is_ioremap_addr((void __force *)addr)))
		return;
	p = find_vm_area((void __force *)addr);
	if (!p)
		return;
	o = remove_vm_area((void __force *)addr);
	might_sleep();
	kfree(p);
}
EXPORT_SYMBOL(iounmap);
