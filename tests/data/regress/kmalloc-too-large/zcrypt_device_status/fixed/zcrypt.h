/* Modelled on arch/s390/include/uapi/asm/zcrypt.h (Linux 6.1.192 and 6.12.117), trimmed to the
 * device status array. */
#ifndef __ASM_S390_ZCRYPT_H
#define __ASM_S390_ZCRYPT_H

struct zcrypt_device_status_ext {
	unsigned int hwtype:8;
	unsigned int qid:16;
	unsigned int online:1;
	unsigned int functions:6;
	unsigned int reserved:1;
};

#define MAX_ZDEV_CARDIDS_EXT 256
#define MAX_ZDEV_DOMAINS_EXT 256

/* Maximum number of zcrypt devices */
#define MAX_ZDEV_ENTRIES_EXT (MAX_ZDEV_CARDIDS_EXT * MAX_ZDEV_DOMAINS_EXT)

#define ZCRYPT_IOCTL_MAGIC 'z'
#define ZCRYPT_DEVICE_STATUS _IOC(_IOC_READ | _IOC_WRITE, ZCRYPT_IOCTL_MAGIC, 0x5f, 0)

#endif
