/* Modelled on drivers/usb/chipidea/udc.c (v6.12) ep_alloc_request() and ep_queue(): a UDC's
 * usb_ep_ops, allocating a request with the caller's mask and queueing under its own lock (the file
 * exports a function, as udc.c does: the model build analyses the exporting files of drivers/). */
static struct usb_request *dummy_alloc_request(struct usb_ep *ep, gfp_t gfp_flags)
{
	struct dummy_request *req;

	req = kzalloc(sizeof(*req), gfp_flags);
	if (!req)
		return NULL;
	return &req->req;
}

static int dummy_queue(struct usb_ep *ep, struct usb_request *req, gfp_t gfp_flags)
{
	struct dummy_ep *hwep = container_of(ep, struct dummy_ep, ep);
	unsigned long flags;

	spin_lock_irqsave(hwep->lock, flags);
	list_add_tail(&req->list, &hwep->queue);
	spin_unlock_irqrestore(hwep->lock, flags);
	return 0;
}

static const struct usb_ep_ops dummy_ep_ops = {
	.alloc_request	= dummy_alloc_request,
	.queue		= dummy_queue,
};

int dummy_udc_probe(struct device *dev, struct dummy_ep *hwep)
{
	hwep->ep.ops = &dummy_ep_ops;
	return 0;
}
EXPORT_SYMBOL_GPL(dummy_udc_probe);
