/* Modelled on drivers/ata/libata-sata.c (v6.12) ata_sas_queuecmd(): libsas's entry into libata,
 * exported, called by drivers/scsi/libsas/sas_scsi_host.c sas_queuecommand() under the port lock. */
#include <linux/libata.h>

int __ata_scsi_queuecmd(struct ata_port *ap, struct ata_queued_cmd *qc);

int ata_sas_queuecmd(struct ata_port *ap, struct ata_queued_cmd *qc)
{
	return __ata_scsi_queuecmd(ap, qc);
}
EXPORT_SYMBOL_GPL(ata_sas_queuecmd);
