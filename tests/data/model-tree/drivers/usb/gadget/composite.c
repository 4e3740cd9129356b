/* Trimmed from drivers/usb/gadget/composite.c (v6.12): the composite core runs each function's
 * .disable from usb_remove_function() (line 363) in process context, and from reset_config()
 * (line 928) under its own cdev->lock on every disconnect (__composite_disconnect(),
 * spin_lock_irqsave(&cdev->lock)) and every SET_CONFIGURATION. A file that calls a member both ways,
 * and takes the lock itself, holds every implementation to atomic context: its process-context
 * call is no veto. .unbind it calls in process context only. */
#include <linux/usb/composite.h>

void usb_remove_function(struct usb_configuration *c, struct usb_function *f)
{
	if (f->disable)
		f->disable(f);
	list_del(&f->list);
	if (f->unbind)
		f->unbind(c, f);
}
EXPORT_SYMBOL_GPL(usb_remove_function);

static void reset_config(struct usb_composite_dev *cdev)
{
	struct usb_function *f;

	list_for_each_entry(f, &cdev->config->functions, list) {
		if (f->disable)
			f->disable(f);
	}
	cdev->config = NULL;
}

void remove_config(struct usb_composite_dev *cdev, struct usb_configuration *config)
{
	while (!list_empty(&config->functions)) {
		struct usb_function *f;

		f = list_first_entry(&config->functions, struct usb_function, list);
		usb_remove_function(config, f);
	}
	msleep(1);
	kfree(config);
}

void __composite_disconnect(struct usb_gadget *gadget)
{
	struct usb_composite_dev *cdev = get_gadget_data(gadget);
	unsigned long flags;

	spin_lock_irqsave(&cdev->lock, flags);
	if (cdev->config)
		reset_config(cdev);
	spin_unlock_irqrestore(&cdev->lock, flags);
}
EXPORT_SYMBOL_GPL(__composite_disconnect);
