/* Modelled on drivers/iio/adc/ad9467.c, ad9467_spi_write(), Linux 6.12.117 (fixed): the register
 * write goes through st->buf, __aligned(IIO_DMA_MINALIGN) in the driver state. Buggy in 6.1.192
 * (a stack array to spi_write()). ad9467_spi_read() uses spi_write_then_read(), which bounces. */
#include <linux/iio/iio.h>
#include <linux/spi/spi.h>

#define AN877_ADC_REG_TRANSFER		0xFF
#define AN877_ADC_TRANSFER_SYNC		0x1

struct ad9467_state {
	struct spi_device *spi;
	unsigned int output_mode;
	/* data buffer aligned for DMA */
	u8 buf[3] __aligned(IIO_DMA_MINALIGN);
};

static int ad9467_spi_read(struct ad9467_state *st, unsigned int reg)
{
	unsigned char tbuf[2], rbuf[1];
	int ret;

	tbuf[0] = 0x80 | (reg >> 8);
	tbuf[1] = reg & 0xFF;

	ret = spi_write_then_read(st->spi,
				  tbuf, ARRAY_SIZE(tbuf),
				  rbuf, ARRAY_SIZE(rbuf));

	if (ret < 0)
		return ret;

	return rbuf[0];
}

static int ad9467_spi_write(struct ad9467_state *st, unsigned int reg,
			    unsigned int val)
{
	st->buf[0] = reg >> 8;
	st->buf[1] = reg & 0xFF;
	st->buf[2] = val;

	return spi_write(st->spi, st->buf, ARRAY_SIZE(st->buf));
}

static int ad9467_reg_access(struct ad9467_state *st, unsigned int reg,
			     unsigned int writeval, unsigned int *readval)
{
	int ret;

	if (!readval) {
		ret = ad9467_spi_write(st, reg, writeval);
		if (ret)
			return ret;
		return ad9467_spi_write(st, AN877_ADC_REG_TRANSFER,
					AN877_ADC_TRANSFER_SYNC);
	}

	ret = ad9467_spi_read(st, reg);
	if (ret < 0)
		return ret;
	*readval = ret;
	return 0;
}
