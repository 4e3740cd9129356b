/* Trimmed from drivers/usb/core/usb.c and buffer.c (v6.12): usb_alloc_coherent() returns early on
 * a NULL device, then hcd_buffer_alloc() allocates with the caller's mask: kmalloc() memory for a
 * host controller that does PIO only, else a dma_pool block or a coherent buffer by the size; only
 * hcd_buffer_free() (usb_free_coherent()) tells them apart again. */
void *hcd_buffer_alloc(struct usb_bus *bus, size_t size, gfp_t mem_flags, dma_addr_t *dma)
{
	struct usb_hcd *hcd = bus_to_hcd(bus);
	int i;

	if (size == 0)
		return NULL;
	if (!hcd_uses_dma(hcd)) {
		*dma = ~(dma_addr_t) 0;
		return kmalloc(size, mem_flags);
	}
	for (i = 0; i < HCD_BUFFER_POOLS; i++) {
		if (size <= pool_max[i])
			return dma_pool_alloc(hcd->pool[i], mem_flags, dma);
	}
	return dma_alloc_coherent(hcd->self.sysdev, size, dma, mem_flags);
}

void hcd_buffer_free(struct usb_bus *bus, size_t size, void *addr, dma_addr_t dma)
{
	struct usb_hcd *hcd = bus_to_hcd(bus);
	int i;

	if (!addr)
		return;
	if (!hcd_uses_dma(hcd)) {
		kfree(addr);
		return;
	}
	for (i = 0; i < HCD_BUFFER_POOLS; i++) {
		if (size <= pool_max[i]) {
			dma_pool_free(hcd->pool[i], addr, dma);
			return;
		}
	}
	dma_free_coherent(hcd->self.sysdev, size, addr, dma);
}

void *usb_alloc_coherent(struct usb_device *dev, size_t size, gfp_t mem_flags, dma_addr_t *dma)
{
	if (!dev || !dev->bus)
		return NULL;
	return hcd_buffer_alloc(dev->bus, size, mem_flags, dma);
}
EXPORT_SYMBOL_GPL(usb_alloc_coherent);

void usb_free_coherent(struct usb_device *dev, size_t size, void *addr, dma_addr_t dma)
{
	if (!dev || !dev->bus)
		return;
	if (!addr)
		return;
	hcd_buffer_free(dev->bus, size, addr, dma);
}
EXPORT_SYMBOL_GPL(usb_free_coherent);
