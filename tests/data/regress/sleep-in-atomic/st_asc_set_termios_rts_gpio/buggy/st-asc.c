/* Modelled on drivers/tty/serial/st-asc.c, asc_set_termios(),
 * Linux 6.1.192 (buggy): with port->lock held (spin_lock_irqsave), switching RTS between
 * hardware flow control and a GPIO calls devm_gpiod_put(), devm_gpiod_get() (gpiolib/devres:
 * GFP_KERNEL, mutexes) and pinctrl_select_state(). Fixed in 6.12.117: the decision is recorded
 * under the lock and the GPIO/pinctrl calls run after uart_port_unlock_irqrestore().
 * The core functions' bodies are deliberately not part of this fixture. */
#include <linux/gpio/consumer.h>
#include <linux/pinctrl/consumer.h>
#include <linux/serial_core.h>
#include <linux/tty.h>

#define DEFAULT		0
#define NO_HW_FLOWCTRL	1
#define ASC_CTL			0x0C
#define ASC_CTL_RUN		0x80
#define ASC_CTL_CTSENABLE	0x800
#define ASC_CTL_RXENABLE	0x100
#define ASC_CTL_FIFOENABLE	0x400

struct asc_port {
	struct uart_port port;
	struct gpio_desc *rts;
	struct clk *clk;
	struct pinctrl *pinctrl;
	struct pinctrl_state *states[2];
	unsigned int hw_flow_control:1;
};

static inline struct asc_port *to_asc_port(struct uart_port *port)
{
	return container_of(port, struct asc_port, port);
}

static inline u32 asc_in(struct uart_port *port, u32 offset)
{
	return readl_relaxed(port->membase + offset);
}

static inline void asc_out(struct uart_port *port, u32 offset, u32 value)
{
	writel_relaxed(value, port->membase + offset);
}

static void asc_set_termios(struct uart_port *port, struct ktermios *termios,
			    const struct ktermios *old)
{
	struct asc_port *ascport = to_asc_port(port);
	struct gpio_desc *gpiod;
	u32 ctrl_val;
	tcflag_t cflag;
	unsigned long flags;

	cflag = termios->c_cflag;

	spin_lock_irqsave(&port->lock, flags);

	ctrl_val = asc_in(port, ASC_CTL);
	asc_out(port, ASC_CTL, (ctrl_val & ~ASC_CTL_RUN));
	ctrl_val = ASC_CTL_RXENABLE | ASC_CTL_FIFOENABLE;

	/* hardware flow control */
	if ((cflag & CRTSCTS)) {
		ctrl_val |= ASC_CTL_CTSENABLE;

		/* If flow-control selected, stop handling RTS manually */
		if (ascport->rts) {
			devm_gpiod_put(port->dev, ascport->rts);
			ascport->rts = NULL;

			pinctrl_select_state(ascport->pinctrl,
					     ascport->states[DEFAULT]);
		}
	} else {
		/* If flow-control disabled, it's safe to handle RTS manually */
		if (!ascport->rts && ascport->states[NO_HW_FLOWCTRL]) {
			pinctrl_select_state(ascport->pinctrl,
					     ascport->states[NO_HW_FLOWCTRL]);

			gpiod = devm_gpiod_get(port->dev, "rts", GPIOD_OUT_LOW);	/* BUG: sleep-in-atomic */
			if (!IS_ERR(gpiod)) {
				gpiod_set_consumer_name(gpiod,
						port->dev->of_node->name);
				ascport->rts = gpiod;
			}
		}
	}

	asc_out(port, ASC_CTL, (ctrl_val | ASC_CTL_RUN));

	spin_unlock_irqrestore(&port->lock, flags);
}

static const struct uart_ops asc_uart_ops = {
	.set_termios	= asc_set_termios,
};
