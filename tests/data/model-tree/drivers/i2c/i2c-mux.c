// SPDX-License-Identifier: GPL-2.0-or-later
/* Trimmed from drivers/i2c/i2c-mux.c (v6.12): a mux adapter locks its parent: its lock_bus
 * implementations take the parent's mux_lock rt_mutex (lines 130, 166), its trylock_bus ones
 * do not sleep. */
#include <linux/i2c.h>
#include <linux/i2c-mux.h>

static void i2c_mux_lock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	struct i2c_mux_priv *priv = adapter->algo_data;
	struct i2c_adapter *parent = priv->muxc->parent;

	rt_mutex_lock_nested(&parent->mux_lock, i2c_adapter_depth(adapter));
	if (!(flags & I2C_LOCK_ROOT_ADAPTER))
		return;
	i2c_lock_bus(parent, flags);
}

static int i2c_mux_trylock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	struct i2c_mux_priv *priv = adapter->algo_data;
	struct i2c_adapter *parent = priv->muxc->parent;

	return rt_mutex_trylock(&parent->mux_lock);
}

static void i2c_mux_unlock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	struct i2c_mux_priv *priv = adapter->algo_data;
	struct i2c_adapter *parent = priv->muxc->parent;

	rt_mutex_unlock(&parent->mux_lock);
}

static void i2c_parent_lock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	struct i2c_mux_priv *priv = adapter->algo_data;
	struct i2c_adapter *parent = priv->muxc->parent;

	rt_mutex_lock_nested(&parent->mux_lock, i2c_adapter_depth(adapter));
	i2c_lock_bus(parent, flags);
}

static const struct i2c_lock_operations i2c_mux_lock_ops = {
	.lock_bus =    i2c_mux_lock_bus,
	.trylock_bus = i2c_mux_trylock_bus,
	.unlock_bus =  i2c_mux_unlock_bus,
};

static const struct i2c_lock_operations i2c_parent_lock_ops = {
	.lock_bus =    i2c_parent_lock_bus,
	.trylock_bus = i2c_mux_trylock_bus,
	.unlock_bus =  i2c_mux_unlock_bus,
};

int i2c_mux_add_adapter(struct i2c_mux_core *muxc, struct i2c_adapter *adap)
{
	if (muxc->mux_locked)
		adap->lock_ops = &i2c_mux_lock_ops;
	else
		adap->lock_ops = &i2c_parent_lock_ops;
	return 0;
}
EXPORT_SYMBOL_GPL(i2c_mux_add_adapter);
