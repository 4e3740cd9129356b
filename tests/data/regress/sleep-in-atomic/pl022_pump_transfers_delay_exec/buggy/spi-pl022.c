/* Modelled on drivers/spi/spi-pl022.c, pump_transfers() and giveback(), Linux 6.1.192 (buggy):
 * the interrupt-mode transfer pump is a tasklet (tasklet_init(&pl022->pump_transfers,
 * pump_transfers, ...)), and it calls spi_transfer_delay_exec() (include/linux/spi/spi.h) ->
 * spi_delay_exec() (drivers/spi/spi.c), which starts with might_sleep() and usleep_range()s for
 * delays over 10 us; the driver's own comment says "FIXME: This runs in interrupt context. Is this
 * really smart?". Fixed in 6.12.117 when the driver was converted to the SPI core's
 * spi_transfer_one_message() (.transfer_one = pl022_transfer_one): the core applies the transfer
 * delays from its message pump, in process context, and the tasklet is gone. */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/spi/spi.h>

#define STATE_START			((void *) 0)
#define STATE_RUNNING			((void *) 1)
#define STATE_DONE			((void *) 2)
#define STATE_ERROR			((void *) -1)
#define SSP_CHIP_SELECT			(0)
#define SSP_CHIP_DESELECT		(1)

struct pl022 {
	struct spi_master		*master;
	void __iomem			*virtbase;
	struct tasklet_struct		pump_transfers;
	struct spi_message		*cur_msg;
	struct spi_transfer		*cur_transfer;
	bool				next_msg_cs_active;
};

static void pl022_cs_control(struct pl022 *pl022, u32 command)
{
}

static void giveback(struct pl022 *pl022)
{
	struct spi_transfer *last_transfer;
	pl022->next_msg_cs_active = false;

	last_transfer = list_last_entry(&pl022->cur_msg->transfers,
					struct spi_transfer, transfer_list);

	/* Delay if requested before any change in chip select */
	/*
	 * FIXME: This runs in interrupt context.
	 * Is this really smart?
	 */
	spi_transfer_delay_exec(last_transfer);

	if (!last_transfer->cs_change)
		pl022_cs_control(pl022, SSP_CHIP_DESELECT);

	pl022->cur_msg = NULL;
	pl022->cur_transfer = NULL;

	spi_finalize_current_message(pl022->master);
}

static void pump_transfers(unsigned long data)
{
	struct pl022 *pl022 = (struct pl022 *) data;
	struct spi_message *message = NULL;
	struct spi_transfer *transfer = NULL;
	struct spi_transfer *previous = NULL;

	/* Get current state information */
	message = pl022->cur_msg;
	transfer = pl022->cur_transfer;

	/* Handle end of message */
	if (message->state == STATE_DONE) {
		message->status = 0;
		giveback(pl022);
		return;
	}

	/* Delay if requested at end of transfer before CS change */
	if (message->state == STATE_RUNNING) {
		previous = list_entry(transfer->transfer_list.prev,
					struct spi_transfer,
					transfer_list);
		/*
		 * FIXME: This runs in interrupt context.
		 * Is this really smart?
		 */
		spi_transfer_delay_exec(previous);	/* BUG: sleep-in-atomic */

		/* Reselect chip select only if cs_change was requested */
		if (previous->cs_change)
			pl022_cs_control(pl022, SSP_CHIP_SELECT);
	} else {
		/* STATE_START */
		message->state = STATE_RUNNING;
	}
}

static irqreturn_t pl022_interrupt_handler(int irq, void *dev_id)
{
	struct pl022 *pl022 = dev_id;

	pl022->cur_msg->state = STATE_DONE;
	tasklet_schedule(&pl022->pump_transfers);
	return IRQ_HANDLED;
}

static int pl022_probe(struct amba_device *adev, const struct amba_id *id)
{
	struct device *dev = &adev->dev;
	struct spi_master *master;
	struct pl022 *pl022 = NULL;

	master = spi_alloc_master(dev, sizeof(struct pl022));
	if (master == NULL)
		return -ENOMEM;

	pl022 = spi_master_get_devdata(master);
	pl022->master = master;

	/* Initialize transfer pump */
	tasklet_init(&pl022->pump_transfers, pump_transfers,
		     (unsigned long)pl022);

	return devm_request_irq(dev, adev->irq[0], pl022_interrupt_handler,
				0, "pl022", pl022);
}
