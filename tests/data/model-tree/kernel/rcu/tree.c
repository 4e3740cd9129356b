/* Modelled on kernel/rcu/tree.c (v6.12) rcu_barrier(): serialised by a mutex (trimmed).
 * kernel/rcu/Makefile: obj-$(CONFIG_TREE_RCU) += tree.o */
void rcu_barrier(void)
{
	unsigned long s = rcu_seq_snap(&rcu_state.barrier_sequence);

	mutex_lock(&rcu_state.barrier_mutex);
	if (rcu_seq_done(&rcu_state.barrier_sequence, s)) {
		mutex_unlock(&rcu_state.barrier_mutex);
		return;
	}
	mutex_unlock(&rcu_state.barrier_mutex);
}
EXPORT_SYMBOL_GPL(rcu_barrier);
