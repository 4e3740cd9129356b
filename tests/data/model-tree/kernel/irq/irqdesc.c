/* Trimmed from kernel/irq/irqdesc.c (v6.12) __irq_get_desc_lock() (:880): the descriptor's lock is
 * taken only when the descriptor exists. */
struct irq_desc *__irq_get_desc_lock(unsigned int irq, unsigned long *flags, bool bus, unsigned int check)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		raw_spin_lock_irqsave(&desc->lock, *flags);
	return desc;
}
