/* Modelled on kernel/reboot.c (v6.12) register_restart_handler(): restart handlers are an atomic
 * notifier chain (do_kernel_restart() runs it with interrupts off). */
static ATOMIC_NOTIFIER_HEAD(restart_handler_list);

int register_restart_handler(struct notifier_block *nb)
{
	return atomic_notifier_chain_register(&restart_handler_list, nb);
}
EXPORT_SYMBOL(register_restart_handler);
