// SPDX-License-Identifier: GPL-2.0+
/* Trimmed from Linux 6.12 drivers/tty/serial/serial_ctrl.c: a file of the serial core that exports
 * nothing, between the exported uart_add_one_port() and serial_core_register_port(). */
#include <linux/serial_core.h>

int serial_ctrl_register_port(struct uart_driver *drv, struct uart_port *port)
{
	return serial_core_register_port(drv, port);
}
