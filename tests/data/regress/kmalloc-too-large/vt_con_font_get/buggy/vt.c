/* Modelled on drivers/tty/vt/vt.c, con_font_get(),
 * Linux 6.1.192 (buggy): a 64 KiB (order-4) kzalloc() for a buffer only the CPU touches.
 * Fixed in 6.12.117: kvzalloc()/kvfree() (and a bigger maximum font). */
#include <linux/console.h>
#include <linux/console_struct.h>
#include <linux/kd.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define max_font_size 65536

static int con_font_get(struct vc_data *vc, struct console_font_op *op)
{
	struct console_font font;
	int rc = -EINVAL;
	int c;

	if (op->data) {
		font.data = kzalloc(max_font_size, GFP_KERNEL);	/* BUG: kmalloc-too-large */
		if (!font.data)
			return -ENOMEM;
	} else
		font.data = NULL;

	console_lock();
	if (vc->vc_mode != KD_TEXT)
		rc = -EINVAL;
	else if (vc->vc_sw->con_font_get)
		rc = vc->vc_sw->con_font_get(vc, &font);
	else
		rc = -ENOSYS;
	console_unlock();

	if (rc)
		goto out;

	c = (font.width+7)/8 * 32 * font.charcount;

	if (op->data && font.charcount > op->charcount)
		rc = -ENOSPC;
	if (rc)
		goto out;

	op->height = font.height;
	op->width = font.width;
	op->charcount = font.charcount;

	if (op->data && copy_to_user(op->data, font.data, c))
		rc = -EFAULT;

out:
	kfree(font.data);
	return rc;
}

int con_font_op(struct vc_data *vc, struct console_font_op *op)
{
	if (op->op == KD_FONT_OP_GET)
		return con_font_get(vc, op);
	return -ENOSYS;
}
