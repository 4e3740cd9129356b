/* Modelled on drivers/char/random.c (v6.12) execute_with_initialized_rng(): one block's
 * notifier_call is called directly with a spinlock held. */
static DEFINE_SPINLOCK(random_ready_lock);

int execute_with_initialized_rng(struct notifier_block *nb)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&random_ready_lock, flags);
	if (crng_ready())
		nb->notifier_call(nb, 0, NULL);
	else
		ret = raw_notifier_chain_register(&random_ready_notifier, nb);
	spin_unlock_irqrestore(&random_ready_lock, flags);
	return ret;
}
EXPORT_SYMBOL(execute_with_initialized_rng);
