/* Modelled on drivers/s390/crypto/zcrypt_api.c, zcrypt_unlocked_ioctl(),
 * Linux 6.1.192 (buggy): the ZCRYPT_DEVICE_STATUS ioctl kzalloc()s 65536 entries of 4 bytes
 * (256 KiB, order 6) through a local size variable. Fixed in 6.12.117: kvcalloc()/kvfree(). */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "zcrypt.h"

void zcrypt_device_status_mask_ext(struct zcrypt_device_status_ext *devstatus);

static long zcrypt_unlocked_ioctl(struct file *filp, unsigned int cmd,
				  unsigned long arg)
{
	int rc = 0;

	switch (cmd) {
	case ZCRYPT_DEVICE_STATUS: {
		struct zcrypt_device_status_ext *device_status;
		size_t total_size = MAX_ZDEV_ENTRIES_EXT
			* sizeof(struct zcrypt_device_status_ext);

		device_status = kzalloc(total_size, GFP_KERNEL);	/* BUG: kmalloc-too-large */
		if (!device_status)
			return -ENOMEM;
		zcrypt_device_status_mask_ext(device_status);
		if (copy_to_user((char __user *)arg, device_status,
				 total_size))
			rc = -EFAULT;
		kfree(device_status);
		return rc;
	}
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct file_operations zcrypt_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= zcrypt_unlocked_ioctl,
};
