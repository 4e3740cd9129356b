/* Modelled on sound/oss/dmasound/dmasound_q40.c, Q40Play(), Q40PlayNextFrame() and the sample
 * interrupt handlers, Linux 6.1.192 (buggy): Q40PlayNextFrame() switches between the stereo and
 * the mono handler with free_irq() + request_irq() (free_irq() waits for running handlers,
 * request_irq() allocates with GFP_KERNEL), and it is called by Q40Play() under
 * spin_lock_irqsave(&dmasound.lock), itself reached from the interrupt handler (under
 * spin_lock(&dmasound.lock)) through Q40Interrupt(). Fixed in 6.12.117: one handler,
 * q40_audio_interrupt(), tests dmasound.hard.stereo; the frame-done work runs after the unlock and
 * Q40PlayNextFrame() no longer touches the IRQ. dmasound.h's state is reduced to what is used. */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define Q40_IRQ_SAMPLE		(Q40_IRQ_MAX + 1)
#define SAMPLE_ENABLE_REG	0x20
#define SAMPLE_RATE_REG		0x21
#define SAMPLE_CLEAR_REG	0x22

struct sound_settings {
	spinlock_t lock;
	struct { int stereo; int speed; } soft, hard;
};

struct sound_queue {
	int front, count, rear_size, block_size, max_count, active, syncing;
	char **buffers;
	wait_queue_head_t action_queue, sync_queue;
};

static struct sound_settings dmasound;
static struct sound_queue write_sq;

static void Q40Interrupt(void);
static irqreturn_t Q40StereoInterrupt(int irq, void *dummy);
static irqreturn_t Q40MonoInterrupt(int irq, void *dummy);

static char *q40_pp;
static unsigned int q40_sc;

static int __init Q40IrqInit(void)
{
	/* Register interrupt handler. */
	if (request_irq(Q40_IRQ_SAMPLE, Q40StereoInterrupt, 0,
		    "DMA sound", Q40Interrupt))
		return 0;

	return(1);
}

static void Q40PlayNextFrame(int index)
{
	u_char *start;
	u_long size;
	u_char speed;
	int error;

	start = write_sq.buffers[write_sq.front];
	size = (write_sq.count == index ? write_sq.rear_size : write_sq.block_size);

	q40_pp=start;
	q40_sc=size;

	write_sq.front = (write_sq.front+1) % write_sq.max_count;
	write_sq.active++;

	speed=(dmasound.hard.speed==10000 ? 0 : 1);

	master_outb( 0,SAMPLE_ENABLE_REG);
	free_irq(Q40_IRQ_SAMPLE, Q40Interrupt);
	if (dmasound.soft.stereo)
		error = request_irq(Q40_IRQ_SAMPLE, Q40StereoInterrupt, 0,
				    "Q40 sound", Q40Interrupt);
	  else
		error = request_irq(Q40_IRQ_SAMPLE, Q40MonoInterrupt, 0,
				    "Q40 sound", Q40Interrupt);
	if (error && printk_ratelimit())
		pr_err("Couldn't register sound interrupt\n");

	master_outb( speed, SAMPLE_RATE_REG);
	master_outb( 1,SAMPLE_CLEAR_REG);
	master_outb( 1,SAMPLE_ENABLE_REG);
}

static void Q40Play(void)
{
        unsigned long flags;

	if (write_sq.active || write_sq.count<=0 ) {
		/* There's already a frame loaded */
		return;
	}

	/* nothing in the queue */
	if (write_sq.count <= 1 && write_sq.rear_size < write_sq.block_size && !write_sq.syncing) {
	         return;
	}
	spin_lock_irqsave(&dmasound.lock, flags);
	Q40PlayNextFrame(1);	/* BUG: sleep-in-atomic */
	spin_unlock_irqrestore(&dmasound.lock, flags);
}

static irqreturn_t Q40StereoInterrupt(int irq, void *dummy)
{
	spin_lock(&dmasound.lock);
        if (q40_sc>1){
            *DAC_LEFT=*q40_pp++;
	    *DAC_RIGHT=*q40_pp++;
	    q40_sc -=2;
	    master_outb(1,SAMPLE_CLEAR_REG);
	}else Q40Interrupt();
	spin_unlock(&dmasound.lock);
	return IRQ_HANDLED;
}
static irqreturn_t Q40MonoInterrupt(int irq, void *dummy)
{
	spin_lock(&dmasound.lock);
        if (q40_sc>0){
            *DAC_LEFT=*q40_pp;
	    *DAC_RIGHT=*q40_pp++;
	    q40_sc --;
	    master_outb(1,SAMPLE_CLEAR_REG);
	}else Q40Interrupt();
	spin_unlock(&dmasound.lock);
	return IRQ_HANDLED;
}
static void Q40Interrupt(void)
{
	if (!write_sq.active) {
	           wake_up_interruptible(&write_sq.sync_queue);
		   master_outb(0,SAMPLE_ENABLE_REG); /* better safe */
		   goto exit;
	} else write_sq.active=0;
	write_sq.count--;
	Q40Play();

	if (q40_sc<2)
	      { /* there was nothing to play, disable irq */
		master_outb(0,SAMPLE_ENABLE_REG);
		*DAC_LEFT=*DAC_RIGHT=127;
	      }
	wake_up_interruptible(&write_sq.action_queue);

 exit:
	master_outb(1,SAMPLE_CLEAR_REG);
}
