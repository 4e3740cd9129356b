/* Modelled on include/linux/libata.h (v6.12): the port operations a libata driver fills in. */
#ifndef __LINUX_LIBATA_H__
#define __LINUX_LIBATA_H__

struct ata_queued_cmd;

struct ata_port_operations {
	unsigned int (*qc_issue)(struct ata_queued_cmd *qc);
	void (*sff_exec_command)(struct ata_port *ap);
};

struct ata_port {
	spinlock_t *lock;
	struct ata_port_operations *ops;
};

struct ata_queued_cmd {
	struct ata_port *ap;
	unsigned int err_mask;
};

#endif
