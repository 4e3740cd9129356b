/* Modelled on drivers/iio/adc/ad9467.c, ad9467_spi_write(), Linux 6.1.192 (buggy): the 3-byte
 * register write goes to spi_write() from a stack array; SPI controllers may DMA the buffer.
 * Fixed in 6.12.117: the bytes live in st->buf, __aligned(IIO_DMA_MINALIGN) in the state.
 * ad9467_spi_read() uses spi_write_then_read(), which bounces, in both versions. */
#include <linux/iio/iio.h>
#include <linux/spi/spi.h>

#define AN877_ADC_REG_TRANSFER		0xFF
#define AN877_ADC_TRANSFER_SYNC		0x1

struct ad9467_state {
	struct spi_device *spi;
	unsigned int output_mode;
};

static int ad9467_spi_read(struct spi_device *spi, unsigned int reg)
{
	unsigned char tbuf[2], rbuf[1];
	int ret;

	tbuf[0] = 0x80 | (reg >> 8);
	tbuf[1] = reg & 0xFF;

	ret = spi_write_then_read(spi,
				  tbuf, ARRAY_SIZE(tbuf),
				  rbuf, ARRAY_SIZE(rbuf));

	if (ret < 0)
		return ret;

	return rbuf[0];
}

static int ad9467_spi_write(struct spi_device *spi, unsigned int reg,
			    unsigned int val)
{
	unsigned char buf[3];

	buf[0] = reg >> 8;
	buf[1] = reg & 0xFF;
	buf[2] = val;

	return spi_write(spi, buf, ARRAY_SIZE(buf));	/* BUG: dma-on-stack */
}

static int ad9467_reg_access(struct ad9467_state *st, unsigned int reg,
			     unsigned int writeval, unsigned int *readval)
{
	struct spi_device *spi = st->spi;
	int ret;

	if (!readval) {
		ret = ad9467_spi_write(spi, reg, writeval);
		if (ret)
			return ret;
		return ad9467_spi_write(spi, AN877_ADC_REG_TRANSFER,
					AN877_ADC_TRANSFER_SYNC);
	}

	ret = ad9467_spi_read(spi, reg);
	if (ret < 0)
		return ret;
	*readval = ret;
	return 0;
}
