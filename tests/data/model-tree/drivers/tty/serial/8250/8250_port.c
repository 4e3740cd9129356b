/* Modelled on drivers/tty/serial/8250/8250_port.c (v6.12): serial8250_do_set_termios() programs the
 * divisor with the port lock held, through the static serial8250_set_divisor(), which calls the
 * port's ``set_divisor`` hook when a driver installed one. */
#include <linux/serial_core.h>
#include <linux/spinlock.h>

static void serial8250_set_divisor(struct uart_port *port, unsigned int baud,
				   unsigned int quot, unsigned int quot_frac)
{
	if (port->set_divisor)
		port->set_divisor(port, baud, quot, quot_frac);
}

void serial8250_do_set_termios(struct uart_port *port, unsigned int baud, unsigned int quot)
{
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	serial8250_set_divisor(port, baud, quot, 0);
	spin_unlock_irqrestore(&port->lock, flags);
}
EXPORT_SYMBOL(serial8250_do_set_termios);
