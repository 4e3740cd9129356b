// SPDX-License-Identifier: GPL-2.0-or-later
/* Trimmed from drivers/i2c/i2c-core-base.c (v6.12): __i2c_transfer() runs the adapter's
 * algo->master_xfer (line 2283). */
#include <linux/i2c.h>

int __i2c_transfer(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)
{
	if (!adap->algo->master_xfer)
		return -EOPNOTSUPP;
	return adap->algo->master_xfer(adap, msgs, num);
}
EXPORT_SYMBOL(__i2c_transfer);
