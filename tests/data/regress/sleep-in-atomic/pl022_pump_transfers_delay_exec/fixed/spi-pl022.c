/* Modelled on drivers/spi/spi-pl022.c, pl022_transfer_one() and pl022_probe(), Linux 6.12.117
 * (fixed): the driver uses the SPI core's spi_transfer_one_message() through .transfer_one, so
 * the transfer delays (spi_transfer_delay_exec(), which may sleep) are applied by the core's
 * message pump in process context; no tasklet pumps transfers any more. Buggy in 6.1.192
 * (pump_transfers() tasklet calling spi_transfer_delay_exec()). */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/spi/spi.h>

struct pl022 {
	struct spi_controller		*host;
	void __iomem			*virtbase;
	struct spi_transfer		*cur_transfer;
	int				cur_cs;
};

static void flush(struct pl022 *pl022)
{
}

static int do_interrupt_dma_transfer(struct pl022 *pl022)
{
	/* enable interrupts; completion is signalled by the IRQ handler */
	return 1;
}

static int pl022_transfer_one(struct spi_controller *host, struct spi_device *spi,
			      struct spi_transfer *transfer)
{
	struct pl022 *pl022 = spi_controller_get_devdata(host);

	pl022->cur_transfer = transfer;
	pl022->cur_cs = spi_get_chipselect(spi, 0);

	flush(pl022);

	return do_interrupt_dma_transfer(pl022);
}

static irqreturn_t pl022_interrupt_handler(int irq, void *dev_id)
{
	struct pl022 *pl022 = dev_id;

	spi_finalize_current_transfer(pl022->host);
	return IRQ_HANDLED;
}

static int pl022_probe(struct amba_device *adev, const struct amba_id *id)
{
	struct device *dev = &adev->dev;
	struct spi_controller *host;
	struct pl022 *pl022 = NULL;

	host = spi_alloc_host(dev, sizeof(struct pl022));
	if (host == NULL)
		return -ENOMEM;

	pl022 = spi_controller_get_devdata(host);
	pl022->host = host;

	host->transfer_one = pl022_transfer_one;

	return devm_request_irq(dev, adev->irq[0], pl022_interrupt_handler,
				0, "pl022", pl022);
}
