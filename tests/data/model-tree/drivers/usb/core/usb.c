/* Trimmed from drivers/usb/core/usb.c and buffer.c (v6.12): usb_alloc_coherent() returns early on
 * a NULL device, then hcd_buffer_alloc() allocates with the caller's mask. */
void *hcd_buffer_alloc(struct usb_bus *bus, size_t size, gfp_t mem_flags, dma_addr_t *dma)
{
	if (size == 0)
		return NULL;
	return kmalloc(size, mem_flags);
}

void *usb_alloc_coherent(struct usb_device *dev, size_t size, gfp_t mem_flags, dma_addr_t *dma)
{
	if (!dev || !dev->bus)
		return NULL;
	return hcd_buffer_alloc(dev->bus, size, mem_flags, dma);
}
EXPORT_SYMBOL_GPL(usb_alloc_coherent);
