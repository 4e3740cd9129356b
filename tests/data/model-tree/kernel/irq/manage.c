/* Modelled on kernel/irq/manage.c (v6.12) disable_irq(): waits for running handlers. */
void disable_irq(unsigned int irq)
{
	might_sleep();
	if (!__disable_irq_nosync(irq))
		synchronize_irq(irq);
}
EXPORT_SYMBOL(disable_irq);
