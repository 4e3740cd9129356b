/* Modelled on drivers/mmc/host/sdhci.c (v6.12): sdhci_do_reset() calls ``host->ops->reset`` from
 * the request-done path under the host spinlock, but also from sdhci_init(), which the probe path
 * calls with no lock held (after a sleeping allocation): a helper called both ways does not make
 * the member atomic through it. */
#include "sdhci.h"
#include <linux/spinlock.h>
#include <linux/slab.h>

static void sdhci_do_reset(struct sdhci_host *host, u8 mask)
{
	host->ops->reset(host, mask);
}

static void sdhci_reset_for_reason(struct sdhci_host *host, u8 mask)
{
	sdhci_do_reset(host, mask);
}

void sdhci_request_done(struct sdhci_host *host)
{
	unsigned long flags;

	spin_lock_irqsave(&host->lock, flags);
	sdhci_reset_for_reason(host, 2);
	spin_unlock_irqrestore(&host->lock, flags);
}

static void sdhci_init(struct sdhci_host *host)
{
	sdhci_reset_for_reason(host, 1);
}

int sdhci_add_host(struct sdhci_host *host)
{
	void *buf = kmalloc(64, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	sdhci_init(host);
	kfree(buf);
	return 0;
}
EXPORT_SYMBOL_GPL(sdhci_add_host);
