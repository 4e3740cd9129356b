// SPDX-License-Identifier: GPL-2.0-or-later
/* Trimmed from drivers/i2c/i2c-core-base.c (v6.12): __i2c_transfer() runs the adapter's
 * algo->master_xfer (line 2283); i2c_transfer() takes the bus lock through the adapter's
 * lock_ops (__i2c_lock_bus_helper() of i2c-core.h, then i2c_lock_bus(), an inline of
 * include/linux/i2c.h), whose default implementation
 * takes an rt_mutex (i2c_adapter_lock_bus(), line 843). */
#include <linux/i2c.h>
#include "i2c-core.h"

static void i2c_adapter_lock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	rt_mutex_lock_nested(&adapter->bus_lock, i2c_adapter_depth(adapter));
}

static int i2c_adapter_trylock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	return rt_mutex_trylock(&adapter->bus_lock);
}

static void i2c_adapter_unlock_bus(struct i2c_adapter *adapter, unsigned int flags)
{
	rt_mutex_unlock(&adapter->bus_lock);
}

static const struct i2c_lock_operations i2c_adapter_lock_ops = {
	.lock_bus =    i2c_adapter_lock_bus,
	.trylock_bus = i2c_adapter_trylock_bus,
	.unlock_bus =  i2c_adapter_unlock_bus,
};

int __i2c_transfer(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)
{
	if (!adap->algo->master_xfer)
		return -EOPNOTSUPP;
	return adap->algo->master_xfer(adap, msgs, num);
}
EXPORT_SYMBOL(__i2c_transfer);

int i2c_transfer(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)
{
	int ret;

	if (!adap->algo->master_xfer)
		return -EOPNOTSUPP;
	ret = __i2c_lock_bus_helper(adap);
	if (ret)
		return ret;
	ret = __i2c_transfer(adap, msgs, num);
	i2c_unlock_bus(adap, I2C_LOCK_SEGMENT);
	return ret;
}
EXPORT_SYMBOL(i2c_transfer);

int i2c_register_adapter(struct i2c_adapter *adap)
{
	if (!adap->lock_ops)
		adap->lock_ops = &i2c_adapter_lock_ops;
	return 0;
}
EXPORT_SYMBOL(i2c_register_adapter);
