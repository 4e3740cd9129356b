/* Modelled on sound/oss/dmasound/dmasound_q40.c, Q40Play(), Q40PlayNextFrame(),
 * q40_audio_interrupt() and q40_frame_done(), Linux 6.12.117 (fixed): one handler tests
 * dmasound.hard.stereo, so Q40PlayNextFrame() no longer free_irq()s/request_irq()s under
 * dmasound.lock, and the frame-done work runs after the handler's unlock. Buggy in 6.1.192.
 * dmasound.h's state is reduced to what is used. */
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

static irqreturn_t q40_audio_interrupt(int irq, void *dummy);
static void q40_frame_done(void);

static char *q40_pp;
static unsigned int q40_sc;

static int __init Q40IrqInit(void)
{
	/* Register interrupt handler. */
	if (request_irq(Q40_IRQ_SAMPLE, q40_audio_interrupt, 0,
			"DMA sound", q40_frame_done))
		return 0;

	return(1);
}

static void Q40PlayNextFrame(int index)
{
	u_char *start;
	u_long size;
	u_char speed;

	start = write_sq.buffers[write_sq.front];
	size = (write_sq.count == index ? write_sq.rear_size : write_sq.block_size);

	q40_pp=start;
	q40_sc=size;

	write_sq.front = (write_sq.front+1) % write_sq.max_count;
	write_sq.active++;

	speed=(dmasound.hard.speed==10000 ? 0 : 1);

	master_outb( 0,SAMPLE_ENABLE_REG);

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
	Q40PlayNextFrame(1);
	spin_unlock_irqrestore(&dmasound.lock, flags);
}

static irqreturn_t q40_audio_interrupt(int irq, void *dummy)
{
	bool frame_done = false;

	spin_lock(&dmasound.lock);
	if (dmasound.hard.stereo) {
		if (q40_sc > 1) {
			*DAC_LEFT = *q40_pp++;
			*DAC_RIGHT = *q40_pp++;
			q40_sc -= 2;
			master_outb(1, SAMPLE_CLEAR_REG);
		} else {
			frame_done = true;
		}
	} else if (q40_sc > 0) {
		*DAC_LEFT = *q40_pp;
		*DAC_RIGHT = *q40_pp++;
		q40_sc--;
		master_outb(1, SAMPLE_CLEAR_REG);
	} else {
		frame_done = true;
	}
	spin_unlock(&dmasound.lock);
	if (frame_done)
		q40_frame_done();
	return IRQ_HANDLED;
}

static void q40_frame_done(void)
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
