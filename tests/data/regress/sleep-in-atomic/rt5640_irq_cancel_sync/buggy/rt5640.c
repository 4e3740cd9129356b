/* Modelled on sound/soc/codecs/rt5640.c, rt5640_irq() and rt5640_enable_jack_detect(),
 * Linux 6.1.192 (buggy): the jack-detect interrupt handler, requested with request_irq() (hard-irq
 * context), calls cancel_delayed_work_sync(&rt5640->jack_work) for the HDA header jack source,
 * which waits for the work to finish. Fixed in 6.12.117 ("ASoC: rt5640: Fix sleep in atomic
 * context"): the handler only mod_delayed_work()s the jack work. */
#include <linux/interrupt.h>
#include <linux/workqueue.h>
#include <sound/soc.h>
#include <sound/jack.h>

#define RT5640_JD_SRC_HDA_HEADER	4

struct rt5640_priv {
	struct snd_soc_jack *jack;
	struct delayed_work jack_work;
	int jd_src;
	int irq;
	bool irq_requested;
};

static irqreturn_t rt5640_irq(int irq, void *data)
{
	struct rt5640_priv *rt5640 = data;
	int delay = 0;

	if (rt5640->jd_src == RT5640_JD_SRC_HDA_HEADER) {
		cancel_delayed_work_sync(&rt5640->jack_work);	/* BUG: sleep-in-atomic */
		delay = 100;
	}

	if (rt5640->jack)
		queue_delayed_work(system_long_wq, &rt5640->jack_work, delay);

	return IRQ_HANDLED;
}

static void rt5640_disable_jack_detect(struct snd_soc_component *component)
{
	struct rt5640_priv *rt5640 = snd_soc_component_get_drvdata(component);

	if (rt5640->irq_requested) {
		free_irq(rt5640->irq, rt5640);
		rt5640->irq_requested = false;
	}
	rt5640->jack = NULL;
}

static void rt5640_enable_jack_detect(struct snd_soc_component *component,
				      struct snd_soc_jack *jack)
{
	struct rt5640_priv *rt5640 = snd_soc_component_get_drvdata(component);
	int ret;

	rt5640->jack = jack;

	ret = request_irq(rt5640->irq, rt5640_irq,
			  IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING | IRQF_ONESHOT,
			  "rt5640", rt5640);
	if (ret) {
		dev_warn(component->dev, "Failed to reguest IRQ %d: %d\n", rt5640->irq, ret);
		rt5640_disable_jack_detect(component);
		return;
	}
	rt5640->irq_requested = true;

	/* sync initial jack state */
	queue_delayed_work(system_long_wq, &rt5640->jack_work, 0);
}

static int rt5640_set_jack(struct snd_soc_component *component,
			   struct snd_soc_jack *jack, void *data)
{
	if (jack)
		rt5640_enable_jack_detect(component, jack);
	else
		rt5640_disable_jack_detect(component);

	return 0;
}

static const struct snd_soc_component_driver soc_component_dev_rt5640 = {
	.set_jack		= rt5640_set_jack,
};
