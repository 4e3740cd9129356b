/* Modelled on drivers/misc/cxl/pci.c (v6.12) cxl_pci_resume(): cxl calls the ->resume handlers of
 * the drivers of its virtual PHB's devices with afu_list_lock (a spinlock) held. One such caller
 * does not make every PCI driver's ->resume run in atomic context. */
struct cxl { spinlock_t afu_list_lock; struct pci_dev *afu_dev; };

void cxl_pci_resume(struct cxl *adapter)
{
	struct pci_dev *afu_dev = adapter->afu_dev;

	spin_lock(&adapter->afu_list_lock);
	if (afu_dev->driver && afu_dev->driver->err_handler && afu_dev->driver->err_handler->resume)
		afu_dev->driver->err_handler->resume(afu_dev);
	spin_unlock(&adapter->afu_list_lock);
}
EXPORT_SYMBOL_GPL(cxl_pci_resume);
