/* Modelled on drivers/usb/core/message.c (v6.12) usb_get_descriptor(): the buffer goes to
 * usb_control_msg(), so it must be DMA-able. Trimmed: the real function retries three times in a
 * for loop, and a sink reached only inside a loop is not taken to be reached on every path (a
 * known limitation of the wrapper summaries). */
int usb_get_descriptor(struct usb_device *dev, unsigned char type,
		       unsigned char index, void *buf, int size)
{
	int result;

	memset(buf, 0, size);
	result = usb_control_msg(dev, usb_rcvctrlpipe(dev, 0),
			USB_REQ_GET_DESCRIPTOR, USB_DIR_IN,
			(type << 8) + index, 0, buf, size,
			USB_CTRL_GET_TIMEOUT);
	return result;
}
EXPORT_SYMBOL_GPL(usb_get_descriptor);
