/* Modelled on drivers/pwm/pwm-atmel-tcb.c, atmel_tcb_pwm_apply(), atmel_tcb_pwm_config() and
 * atmel_tcb_pwm_probe(), Linux 6.12.117 (fixed): probe calls clk_rate_exclusive_get() and caches
 * clk_get_rate() of both clocks in tcbpwmc->rate / slow_rate; config, called by .apply under
 * guard(spinlock)(&tcbpwmc->lock), only reads the cached rates. Buggy in 6.1.192 (clk_get_rate()
 * under the spinlock). */
#include <linux/cleanup.h>
#include <linux/clk.h>
#include <linux/platform_device.h>
#include <linux/pwm.h>
#include <linux/spinlock.h>

#define NPWM	2

struct atmel_tcb_pwm_device {
	unsigned div;			/* PWM clock divider */
	unsigned duty;			/* PWM duty expressed in clk cycles */
	unsigned period;		/* PWM period expressed in clk cycles */
};

struct atmel_tcb_pwm_chip {
	struct pwm_chip chip;
	spinlock_t lock;
	u8 channel;
	u8 width;
	struct clk *clk;
	struct clk *gclk;
	struct clk *slow_clk;
	unsigned long rate;
	unsigned long slow_rate;
	struct atmel_tcb_pwm_device pwms[NPWM];
};

static const u8 atmel_tcb_divisors[] = { 2, 8, 32, 128, 0, };

static inline struct atmel_tcb_pwm_chip *to_tcb_chip(struct pwm_chip *chip)
{
	return container_of(chip, struct atmel_tcb_pwm_chip, chip);
}

static void atmel_tcb_pwm_disable(struct pwm_chip *chip, struct pwm_device *pwm,
				  enum pwm_polarity polarity)
{
}

static int atmel_tcb_pwm_enable(struct pwm_chip *chip, struct pwm_device *pwm,
				enum pwm_polarity polarity)
{
	return 0;
}

static int atmel_tcb_pwm_config(struct pwm_chip *chip, struct pwm_device *pwm,
				int duty_ns, int period_ns)
{
	struct atmel_tcb_pwm_chip *tcbpwmc = to_tcb_chip(chip);
	struct atmel_tcb_pwm_device *tcbpwm = &tcbpwmc->pwms[pwm->hwpwm];
	int i = 0;
	int slowclk = 0;
	unsigned period;
	unsigned duty;
	unsigned long rate = tcbpwmc->rate;
	unsigned long long min;
	unsigned long long max;

	if (tcbpwmc->gclk)
		i = 1;
	for (; i < ARRAY_SIZE(atmel_tcb_divisors); ++i) {
		if (atmel_tcb_divisors[i] == 0) {
			slowclk = i;
			continue;
		}
		min = div_u64((u64)NSEC_PER_SEC * atmel_tcb_divisors[i], rate);
		max = min << tcbpwmc->width;
		if (max >= period_ns)
			break;
	}

	/*
	 * If none of the divisor are small enough to represent period_ns
	 * take slow clock (32KHz).
	 */
	if (i == ARRAY_SIZE(atmel_tcb_divisors)) {
		i = slowclk;
		rate = tcbpwmc->slow_rate;
		min = div_u64(NSEC_PER_SEC, rate);
		max = min << tcbpwmc->width;

		/* If period is too big return ERANGE error */
		if (max < period_ns)
			return -ERANGE;
	}

	duty = div_u64(duty_ns, min);
	period = div_u64(period_ns, min);

	tcbpwm->period = period;
	tcbpwm->div = i;
	tcbpwm->duty = duty;

	return 0;
}

static int atmel_tcb_pwm_apply(struct pwm_chip *chip, struct pwm_device *pwm,
			       const struct pwm_state *state)
{
	struct atmel_tcb_pwm_chip *tcbpwmc = to_tcb_chip(chip);
	int duty_cycle, period;
	int ret;

	guard(spinlock)(&tcbpwmc->lock);

	if (!state->enabled) {
		atmel_tcb_pwm_disable(chip, pwm, state->polarity);
		return 0;
	}

	period = state->period < INT_MAX ? state->period : INT_MAX;
	duty_cycle = state->duty_cycle < INT_MAX ? state->duty_cycle : INT_MAX;

	ret = atmel_tcb_pwm_config(chip, pwm, duty_cycle, period);
	if (ret)
		return ret;

	return atmel_tcb_pwm_enable(chip, pwm, state->polarity);
}

static const struct pwm_ops atmel_tcb_pwm_ops = {
	.apply = atmel_tcb_pwm_apply,
	.owner = THIS_MODULE,
};

static int atmel_tcb_pwm_probe(struct platform_device *pdev)
{
	struct atmel_tcb_pwm_chip *tcbpwm;
	int err;

	tcbpwm = devm_kzalloc(&pdev->dev, sizeof(*tcbpwm), GFP_KERNEL);
	if (tcbpwm == NULL)
		return -ENOMEM;

	tcbpwm->clk = devm_clk_get(&pdev->dev, "t0_clk");
	if (IS_ERR(tcbpwm->clk))
		return PTR_ERR(tcbpwm->clk);

	tcbpwm->slow_clk = devm_clk_get(&pdev->dev, "slow_clk");
	if (IS_ERR(tcbpwm->slow_clk))
		return PTR_ERR(tcbpwm->slow_clk);

	tcbpwm->chip.dev = &pdev->dev;
	tcbpwm->chip.ops = &atmel_tcb_pwm_ops;
	tcbpwm->chip.npwm = NPWM;

	err = clk_rate_exclusive_get(tcbpwm->clk);
	if (err)
		return err;

	err = clk_rate_exclusive_get(tcbpwm->slow_clk);
	if (err)
		goto err_clk_unlock;

	tcbpwm->rate = clk_get_rate(tcbpwm->clk);
	tcbpwm->slow_rate = clk_get_rate(tcbpwm->slow_clk);

	spin_lock_init(&tcbpwm->lock);

	err = pwmchip_add(&tcbpwm->chip);
	if (err < 0)
		goto err_slow_clk_unlock;

	return 0;

err_slow_clk_unlock:
	clk_rate_exclusive_put(tcbpwm->slow_clk);
err_clk_unlock:
	clk_rate_exclusive_put(tcbpwm->clk);
	return err;
}
