/* Modelled on kernel/notifier.c (v6.12): one helper, notifier_call_chain(), runs the
 * notifier_call of every block of a chain; atomic chains call it under rcu_read_lock(), blocking
 * chains under down_read(), so notifier_block.notifier_call runs in either context. */
static int notifier_call_chain(struct notifier_block **nl, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;
	struct notifier_block *nb, *next_nb;

	nb = rcu_dereference_raw(*nl);
	while (nb) {
		next_nb = rcu_dereference_raw(nb->next);
		ret = nb->notifier_call(nb, val, v);
		nb = next_nb;
	}
	return ret;
}

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	int ret;

	rcu_read_lock();
	ret = notifier_call_chain(&nh->head, val, v);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(atomic_notifier_call_chain);

int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	if (rcu_access_pointer(nh->head)) {
		down_read(&nh->rwsem);
		ret = notifier_call_chain(&nh->head, val, v);
		up_read(&nh->rwsem);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_call_chain);
