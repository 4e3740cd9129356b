/* Modelled on kernel/rcu/tiny.c (v6.12) rcu_barrier(), the uniprocessor configuration's
 * (kernel/rcu/Makefile: obj-$(CONFIG_TINY_RCU) += tiny.o): not x86-64's. */
void rcu_barrier(void)
{
	wait_rcu_gp(call_rcu_hurry);
}
EXPORT_SYMBOL(rcu_barrier);
