/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Trimmed from include/linux/i2c.h and include/uapi/linux/i2c.h (v6.12): an adapter and its
 * algorithm's transfer operations. */
#ifndef _LINUX_I2C_H
#define _LINUX_I2C_H

struct i2c_adapter;

struct i2c_msg {
	__u16 addr;
	__u16 flags;
	__u16 len;
	__u8 *buf;
};

struct i2c_algorithm {
	int (*master_xfer)(struct i2c_adapter *adap, struct i2c_msg *msgs, int num);
	u32 (*functionality)(struct i2c_adapter *adap);
};

struct i2c_adapter {
	const struct i2c_algorithm *algo;
	void *algo_data;
};

#endif
