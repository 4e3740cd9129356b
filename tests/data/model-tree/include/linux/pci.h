/* Modelled on include/linux/pci.h (v6.12): the error-recovery callbacks of a PCI driver. */
struct pci_dev;
struct pci_error_handlers {
	int (*error_detected)(struct pci_dev *dev, int state);
	void (*resume)(struct pci_dev *dev);
};
struct pci_driver { const struct pci_error_handlers *err_handler; };
struct pci_dev { struct pci_driver *driver; };
