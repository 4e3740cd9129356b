// SPDX-License-Identifier: GPL-2.0
/* Modelled on a leaf serial driver of drivers/tty/serial (v6.12): it exports nothing and no library
 * file calls it, so the model leaves it to the runs that analyse it. */
#include <linux/serial_core.h>

int foo_uart_probe(struct uart_driver *drv, struct uart_port *port)
{
	msleep(10);
	return uart_add_one_port(drv, port);
}
