/* Modelled on drivers/tty/serial/serial_core.c (v6.12) uart_start(): the core calls the driver's
 * start_tx with the port lock held, through __uart_start(). */
static void __uart_start(struct uart_state *state)
{
	struct uart_port *port = state->uart_port;

	if (port && !uart_tx_stopped(port))
		port->ops->start_tx(port);
}

static void uart_start(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	struct uart_port *port = state->uart_port;
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	__uart_start(state);
	spin_unlock_irqrestore(&port->lock, flags);
}

static int uart_port_startup(struct tty_struct *tty, struct uart_state *state)
{
	struct uart_port *uport = state->uart_port;

	return uport->ops->startup(uport);
}

void uart_write_wakeup(struct uart_port *port)
{
	tty_port_tty_wakeup(&port->state->port);
}
EXPORT_SYMBOL(uart_write_wakeup);

/* Trimmed from Linux 6.12 drivers/tty/serial/serial_core.c serial_core_register_port(): adding a
 * port takes the core's port mutex. */
static DEFINE_MUTEX(port_mutex);

int serial_core_register_port(struct uart_driver *drv, struct uart_port *port)
{
	mutex_lock(&port_mutex);
	port->state = drv->state + port->line;
	mutex_unlock(&port_mutex);
	return 0;
}
