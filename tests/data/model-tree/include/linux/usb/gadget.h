/* Trimmed from include/linux/usb/gadget.h (v6.12). */
struct usb_ep;
struct usb_request { void *buf; unsigned length; struct list_head list; };
struct usb_ep_ops {
	int (*enable) (struct usb_ep *ep, const struct usb_endpoint_descriptor *desc);
	struct usb_request *(*alloc_request) (struct usb_ep *ep, gfp_t gfp_flags);
	void (*free_request) (struct usb_ep *ep, struct usb_request *req);
	int (*queue) (struct usb_ep *ep, struct usb_request *req, gfp_t gfp_flags);
};
struct usb_ep {
	void *driver_data;
	const char *name;
	const struct usb_ep_ops *ops;
	unsigned enabled:1;
	u8 address;
};
