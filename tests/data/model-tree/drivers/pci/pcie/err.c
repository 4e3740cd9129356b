/* Modelled on drivers/pci/pcie/err.c (v6.12) report_resume(): the PCI core runs a driver's
 * ->resume error handler in process context, with the device lock (a mutex) held. */
static int report_resume(struct pci_dev *dev, void *data)
{
	struct pci_driver *pdrv;

	device_lock(&dev->dev);
	pdrv = dev->driver;
	if (pdrv && pdrv->err_handler && pdrv->err_handler->resume)
		pdrv->err_handler->resume(dev);
	device_unlock(&dev->dev);
	return 0;
}

void pcie_do_recovery(struct pci_dev *dev)
{
	pci_walk_bridge(dev, report_resume, NULL);
}
EXPORT_SYMBOL_GPL(pcie_do_recovery);
