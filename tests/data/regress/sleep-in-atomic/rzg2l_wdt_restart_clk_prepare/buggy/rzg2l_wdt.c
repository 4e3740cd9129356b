/* Modelled on drivers/watchdog/rzg2l_wdt.c, rzg2l_wdt_restart() and rzg2l_wdt_probe(),
 * Linux 6.1.192 (buggy): the watchdog_ops .restart callback calls clk_prepare_enable() (clk_prepare()
 * takes the clock framework's prepare_lock mutex). The watchdog core runs .restart from
 * watchdog_restart_notifier() (drivers/watchdog/watchdog_core.c), a restart handler registered
 * with register_restart_handler() on the atomic notifier chain restart_handler_list
 * (kernel/reboot.c do_kernel_restart() -> atomic_notifier_call_chain(): rcu_read_lock(), and
 * interrupts are off at that stage): lockdep reports "Invalid wait context". Fixed in 6.12.117: probe makes
 * runtime PM IRQ-safe (pm_runtime_irq_safe()) and .restart powers the device with
 * pm_runtime_resume_and_get(); no clk_prepare_enable() is left in the callback. */
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/reset.h>
#include <linux/watchdog.h>

#define WDTCNT		0x00
#define WDTTIM		0x0c
#define PECR		0x10
#define PEEN		0x14
#define WDTCNT_WDTEN	BIT(0)
#define PEEN_FORCE	BIT(0)
#define WDT_DEFAULT_TIMEOUT	60U

enum rz_wdt_type {
	WDT_RZG2L,
	WDT_RZV2M,
};

struct rzg2l_wdt_priv {
	void __iomem *base;
	struct watchdog_device wdev;
	struct reset_control *rstc;
	unsigned long osc_clk_rate;
	struct clk *pclk;
	struct clk *osc_clk;
	enum rz_wdt_type devtype;
};

static void rzg2l_wdt_write(struct rzg2l_wdt_priv *priv, u32 val, unsigned int reg)
{
	writel_relaxed(val, priv->base + reg);
}

static int rzg2l_wdt_start(struct watchdog_device *wdev)
{
	struct rzg2l_wdt_priv *priv = watchdog_get_drvdata(wdev);
	int ret;

	ret = pm_runtime_resume_and_get(wdev->parent);
	if (ret)
		return ret;

	rzg2l_wdt_write(priv, WDTCNT_WDTEN, WDTCNT);
	return 0;
}

static int rzg2l_wdt_restart(struct watchdog_device *wdev,
			     unsigned long action, void *data)
{
	struct rzg2l_wdt_priv *priv = watchdog_get_drvdata(wdev);

	clk_prepare_enable(priv->pclk);	/* BUG: sleep-in-atomic */
	clk_prepare_enable(priv->osc_clk);

	if (priv->devtype == WDT_RZG2L) {
		/* Generate Reset (WDTRSTB) Signal on parity error */
		rzg2l_wdt_write(priv, 0, PECR);

		/* Force parity error */
		rzg2l_wdt_write(priv, PEEN_FORCE, PEEN);
	} else {
		/* RZ/V2M doesn't have parity error registers */
		reset_control_reset(priv->rstc);

		wdev->timeout = 0;

		/* Initialize watchdog counter register */
		rzg2l_wdt_write(priv, 0, WDTTIM);

		/* Enable watchdog timer*/
		rzg2l_wdt_write(priv, WDTCNT_WDTEN, WDTCNT);

		/* Wait 2 consecutive overflow cycles for reset */
		mdelay(DIV_ROUND_UP(2 * 0xFFFFF * 1000, priv->osc_clk_rate));
	}

	return 0;
}

static const struct watchdog_ops rzg2l_wdt_ops = {
	.owner = THIS_MODULE,
	.start = rzg2l_wdt_start,
	.restart = rzg2l_wdt_restart,
};

static int rzg2l_wdt_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rzg2l_wdt_priv *priv;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(priv->base))
		return PTR_ERR(priv->base);

	priv->osc_clk = devm_clk_get(&pdev->dev, "oscclk");
	if (IS_ERR(priv->osc_clk))
		return dev_err_probe(&pdev->dev, PTR_ERR(priv->osc_clk), "no oscclk");
	priv->osc_clk_rate = clk_get_rate(priv->osc_clk);

	priv->pclk = devm_clk_get(&pdev->dev, "pclk");
	if (IS_ERR(priv->pclk))
		return dev_err_probe(&pdev->dev, PTR_ERR(priv->pclk), "no pclk");

	priv->rstc = devm_reset_control_get_exclusive(&pdev->dev, NULL);
	if (IS_ERR(priv->rstc))
		return dev_err_probe(&pdev->dev, PTR_ERR(priv->rstc),
				     "failed to get cpg reset");

	priv->devtype = (uintptr_t)of_device_get_match_data(dev);

	pm_runtime_enable(&pdev->dev);

	priv->wdev.ops = &rzg2l_wdt_ops;
	priv->wdev.parent = dev;
	priv->wdev.timeout = WDT_DEFAULT_TIMEOUT;

	watchdog_set_drvdata(&priv->wdev, priv);

	return devm_watchdog_register_device(&pdev->dev, &priv->wdev);
}
