/* Modelled on drivers/scsi/libsas/sas_scsi_host.c (v6.12) sas_queuecommand(): a SATA device's
 * command goes to libata's ata_sas_queuecmd() with the ATA port lock held. */
#include <linux/libata.h>
#include <linux/spinlock.h>

int ata_sas_queuecmd(struct ata_port *ap, struct ata_queued_cmd *qc);

int sas_queuecommand(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	int res;

	spin_lock_irq(ap->lock);
	res = ata_sas_queuecmd(ap, qc);
	spin_unlock_irq(ap->lock);
	return res;
}
EXPORT_SYMBOL_GPL(sas_queuecommand);
