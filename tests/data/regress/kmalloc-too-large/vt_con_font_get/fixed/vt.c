/* Modelled on drivers/tty/vt/vt.c, con_font_get(),
 * Linux 6.12.117 (fixed): kvzalloc()/kvfree(). Buggy in 6.1.192 (a 64 KiB kzalloc()). */
#include <linux/console.h>
#include <linux/console_struct.h>
#include <linux/kd.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define max_font_glyphs	512
#define max_font_width	64
#define max_font_height	128
#define max_font_size	(max_font_glyphs*max_font_width*max_font_height)

static int con_font_get(struct vc_data *vc, struct console_font_op *op)
{
	struct console_font font;
	int rc = -EINVAL;
	int c;

	if (op->data) {
		font.data = kvzalloc(max_font_size, GFP_KERNEL);
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
	kvfree(font.data);
	return rc;
}

int con_font_op(struct vc_data *vc, struct console_font_op *op)
{
	if (op->op == KD_FONT_OP_GET)
		return con_font_get(vc, op);
	return -ENOSYS;
}
