/* Modelled on drivers/s390/crypto/zcrypt_api.c, zcrypt_unlocked_ioctl(),
 * Linux 6.12.117 (fixed): kvcalloc()/kvfree(). Buggy in 6.1.192 (a 256 KiB kzalloc()). */
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

		device_status = kvcalloc(MAX_ZDEV_ENTRIES_EXT,
					 sizeof(struct zcrypt_device_status_ext),
					 GFP_KERNEL);
		if (!device_status)
			return -ENOMEM;
		zcrypt_device_status_mask_ext(device_status);
		if (copy_to_user((char __user *)arg, device_status,
				 total_size))
			rc = -EFAULT;
		kvfree(device_status);
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
