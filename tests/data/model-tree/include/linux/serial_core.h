/* Modelled on include/linux/serial_core.h (v6.12): struct uart_ops, struct uart_port. */
struct uart_port;
struct uart_ops {
	unsigned int (*tx_empty)(struct uart_port *);
	void (*stop_tx)(struct uart_port *);
	void (*start_tx)(struct uart_port *);
	int (*startup)(struct uart_port *);
};
struct uart_port { spinlock_t lock; const struct uart_ops *ops;
		   void (*set_divisor)(struct uart_port *, unsigned int baud, unsigned int quot, unsigned int quot_frac); };
struct uart_state { struct uart_port *uart_port; };
