/* Modelled on drivers/clk/xilinx/clk-xlnx-clock-wizard.c, clk_wzrd_dynamic_reconfig(),
 * Linux 6.12.117 (fixed): readl_poll_timeout_atomic() under the divider's spinlock (6.1.192
 * called readl_poll_timeout(), which usleep_range()s, with the lock taken under
 * 'if (divider->lock)'). */
#include <linux/clk-provider.h>
#include <linux/iopoll.h>
#include <linux/spinlock.h>

#define WZRD_USEC_POLL				10
#define WZRD_TIMEOUT_POLL			1000
#define WZRD_DR_STATUS_REG_OFFSET		0x04
#define WZRD_DR_LOCK_BIT_MASK			0x00000001
#define WZRD_DR_INIT_REG_OFFSET			0x25C
#define WZRD_DR_DIV_TO_PHASE_OFFSET		4
#define WZRD_DR_BEGIN_DYNA_RECONF_5_2		0x07
#define WZRD_DR_BEGIN_DYNA_RECONF1_5_2		0x02
#define WZRD_DR_MAX_INT_DIV_VALUE		255

struct clk_wzrd_divider {
	struct clk_hw hw;
	void __iomem *base;
	u16 offset;
	spinlock_t *lock;
};

#define to_clk_wzrd_divider(_hw) container_of(_hw, struct clk_wzrd_divider, hw)

static int clk_wzrd_dynamic_reconfig(struct clk_hw *hw, unsigned long rate,
				     unsigned long parent_rate)
{
	struct clk_wzrd_divider *divider = to_clk_wzrd_divider(hw);
	void __iomem *div_addr = divider->base + divider->offset;
	unsigned long flags;
	u32 value;
	int err;

	spin_lock_irqsave(divider->lock, flags);

	value = DIV_ROUND_CLOSEST(parent_rate, rate);

	/* Cap the value to max */
	min_t(u32, value, WZRD_DR_MAX_INT_DIV_VALUE);

	/* Set divisor and clear phase offset */
	writel(value, div_addr);
	writel(0x00, div_addr + WZRD_DR_DIV_TO_PHASE_OFFSET);

	/* Check status register */
	err = readl_poll_timeout_atomic(divider->base + WZRD_DR_STATUS_REG_OFFSET,
					value, value & WZRD_DR_LOCK_BIT_MASK,
					WZRD_USEC_POLL, WZRD_TIMEOUT_POLL);
	if (err)
		goto err_reconfig;

	/* Initiate reconfiguration */
	writel(WZRD_DR_BEGIN_DYNA_RECONF_5_2,
	       divider->base + WZRD_DR_INIT_REG_OFFSET);
	writel(WZRD_DR_BEGIN_DYNA_RECONF1_5_2,
	       divider->base + WZRD_DR_INIT_REG_OFFSET);

	/* Check status register */
	err = readl_poll_timeout_atomic(divider->base + WZRD_DR_STATUS_REG_OFFSET,
					value, value & WZRD_DR_LOCK_BIT_MASK,
					WZRD_USEC_POLL, WZRD_TIMEOUT_POLL);
err_reconfig:
	spin_unlock_irqrestore(divider->lock, flags);
	return err;
}

static const struct clk_ops clk_wzrd_clk_divider_ops = {
	.set_rate = clk_wzrd_dynamic_reconfig,
};
