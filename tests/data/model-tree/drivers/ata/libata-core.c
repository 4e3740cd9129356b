/* Modelled on drivers/ata/libata-core.c (v6.12): ata_qc_issue() ("LOCKING: spin_lock_irqsave(host
 * lock)") calls the driver's ``ap->ops->qc_issue`` with no lock of its own; every caller holds the
 * port lock, ata_exec_internal() itself and the SCSI path two calls up (libata-scsi.c). The file
 * exports (here a stand-in, ata_port_classify()): it is a library, whose dispatch is the core's. */
#include <linux/libata.h>
#include <linux/spinlock.h>

void ata_qc_issue(struct ata_queued_cmd *qc)
{
	struct ata_port *ap = qc->ap;

	qc->err_mask |= ap->ops->qc_issue(qc);
}

unsigned int ata_exec_internal(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	unsigned long flags;

	spin_lock_irqsave(ap->lock, flags);
	ata_qc_issue(qc);
	spin_unlock_irqrestore(ap->lock, flags);
	return qc->err_mask;
}

unsigned int ata_port_classify(struct ata_port *ap)
{
	return ap->ops ? 1 : 0;
}
EXPORT_SYMBOL_GPL(ata_port_classify);
