/* Modelled on drivers/usb/gadget/udc/core.c (v6.12): the gadget core hands the caller's gfp mask
 * to the UDC's ops. */
struct usb_request *usb_ep_alloc_request(struct usb_ep *ep, gfp_t gfp_flags)
{
	struct usb_request *req = NULL;

	req = ep->ops->alloc_request(ep, gfp_flags);
	return req;
}
EXPORT_SYMBOL_GPL(usb_ep_alloc_request);

int usb_ep_queue(struct usb_ep *ep, struct usb_request *req, gfp_t gfp_flags)
{
	int ret = 0;

	if (!ep->enabled && ep->address)
		return -ESHUTDOWN;
	ret = ep->ops->queue(ep, req, gfp_flags);
	return ret;
}
EXPORT_SYMBOL_GPL(usb_ep_queue);
