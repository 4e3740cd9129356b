// SPDX-License-Identifier: GPL-2.0-or-later
/* Trimmed from drivers/i2c/algos/i2c-algo-bit.c (v6.12): the bit-banging algorithm's
 * .master_xfer, bit_xfer(), waits for SCL with cond_resched() (sclhi()); its .functionality does
 * not sleep. Stored in struct i2c_algorithm by i2c_bit_algo. */
#include <linux/i2c.h>
#include <linux/i2c-algo-bit.h>
#include <linux/sched.h>

static int sclhi(struct i2c_algo_bit_data *adap)
{
	while (!adap->getscl(adap->data)) {
		if (adap->timeout < 0)
			return -ETIMEDOUT;
		cond_resched();
	}
	return 0;
}

static int bit_xfer(struct i2c_adapter *i2c_adap, struct i2c_msg msgs[], int num)
{
	struct i2c_algo_bit_data *adap = i2c_adap->algo_data;

	return sclhi(adap) ? -ETIMEDOUT : num;
}

static u32 bit_func(struct i2c_adapter *adap)
{
	return I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL;
}

const struct i2c_algorithm i2c_bit_algo = {
	.master_xfer = bit_xfer,
	.functionality = bit_func,
};
EXPORT_SYMBOL(i2c_bit_algo);
