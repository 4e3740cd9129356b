// SPDX-License-Identifier: GPL-2.0-or-later
/* Trimmed from drivers/i2c/i2c-core-smbus.c (v6.12): i2c_smbus_xfer_emulated() gets a DMA-safe
 * buffer with kzalloc(GFP_KERNEL) (i2c_smbus_try_get_dmabuf()) and then calls __i2c_transfer():
 * the core runs algo->master_xfer in process context. */
#include <linux/i2c.h>
#include <linux/slab.h>

static void i2c_smbus_try_get_dmabuf(struct i2c_msg *msg, u8 init_val)
{
	msg->buf = kzalloc(msg->len, GFP_KERNEL);
}

static s32 i2c_smbus_xfer_emulated(struct i2c_adapter *adapter, u16 addr, u8 command)
{
	struct i2c_msg msg[2];
	int status;

	msg[0].addr = addr;
	msg[0].len = 34;
	i2c_smbus_try_get_dmabuf(&msg[0], command);
	status = __i2c_transfer(adapter, msg, 2);
	kfree(msg[0].buf);
	return status;
}

s32 __i2c_smbus_xfer(struct i2c_adapter *adapter, u16 addr, u8 command)
{
	return i2c_smbus_xfer_emulated(adapter, addr, command);
}
EXPORT_SYMBOL(__i2c_smbus_xfer);
