// SPDX-License-Identifier: GPL-2.0+
/* Trimmed from Linux 6.12 drivers/tty/serial/serial_port.c: the exported entry of port registration. */
#include <linux/serial_core.h>

int uart_add_one_port(struct uart_driver *drv, struct uart_port *port)
{
	return serial_ctrl_register_port(drv, port);
}
EXPORT_SYMBOL(uart_add_one_port);
