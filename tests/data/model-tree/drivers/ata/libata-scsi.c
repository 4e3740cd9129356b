/* Modelled on drivers/ata/libata-scsi.c (v6.12): ata_scsi_queuecmd() takes the port lock around
 * __ata_scsi_queuecmd(), which hands the command to the static ata_scsi_translate(), which issues
 * it through the static ata_scsi_qc_issue() with ata_qc_issue() (libata-core.c). No helper takes
 * the lock nor is called without it: what ata_qc_issue() calls through the port operations runs
 * under the port spinlock. libata-sata.c's exported ata_sas_queuecmd() calls __ata_scsi_queuecmd()
 * too, and its only caller, libsas's sas_queuecommand(), holds the port lock. */
#include <linux/libata.h>
#include <linux/spinlock.h>

void ata_qc_issue(struct ata_queued_cmd *qc);

static int ata_scsi_qc_issue(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	ata_qc_issue(qc);
	return 0;
}

static int ata_scsi_translate(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	return ata_scsi_qc_issue(ap, qc);
}

int __ata_scsi_queuecmd(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	if (!qc)
		return -EINVAL;
	return ata_scsi_translate(ap, qc);
}

int ata_scsi_queuecmd(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	unsigned long irq_flags;
	int rc;

	spin_lock_irqsave(ap->lock, irq_flags);
	rc = __ata_scsi_queuecmd(ap, qc);
	spin_unlock_irqrestore(ap->lock, irq_flags);
	return rc;
}
EXPORT_SYMBOL_GPL(ata_scsi_queuecmd);
