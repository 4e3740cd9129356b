/* Modelled on drivers/net/ethernet/marvell/octeon_ep/octep_ctrl_net.c, octep_get_if_stats(), and
 * octep_ctrl_mbox.c, octep_ctrl_mbox_send() (Linux 6.1.192): a firmware mailbox request that
 * takes mbox->h2fq_lock (a mutex) and polls with schedule_timeout_interruptible(). */
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include "octep_main.h"

int octep_ctrl_mbox_send(struct octep_ctrl_mbox *mbox, struct octep_ctrl_mbox_msg *msg)
{
	unsigned long timeout = msecs_to_jiffies(OCTEP_CTRL_MBOX_MSG_TIMEOUT_MS);
	unsigned long period = msecs_to_jiffies(OCTEP_CTRL_MBOX_MSG_WAIT_MS);
	struct octep_ctrl_mbox_q *q = &mbox->h2fq;
	unsigned long expire;
	u64 *word0 = &msg->hdr.word0;
	u8 __iomem *qidx = q->hw_q;

	mutex_lock(&mbox->h2fq_lock);
	writeq(*word0, qidx);
	mutex_unlock(&mbox->h2fq_lock);

	expire = jiffies + timeout;
	while (true) {
		*word0 = readq(qidx);
		if (msg->hdr.flags == OCTEP_CTRL_MBOX_MSG_HDR_FLAG_RESP)
			break;
		schedule_timeout_interruptible(period);
		if (signal_pending(current) || time_after(jiffies, expire))
			return -EBUSY;
	}
	return 0;
}

int octep_get_if_stats(struct octep_device *oct)
{
	struct octep_ctrl_net_h2f_req req = {};
	struct octep_ctrl_mbox_msg msg = {};
	int err;

	req.hdr.cmd = OCTEP_CTRL_NET_H2F_CMD_GET_IF_STATS;
	req.get_stats.offset = oct->ctrl_mbox_ifstats_offset;
	msg.hdr.flags = OCTEP_CTRL_MBOX_MSG_HDR_FLAG_REQ;
	msg.msg = &req;
	err = octep_ctrl_mbox_send(&oct->ctrl_mbox, &msg);
	if (err)
		return err;

	memcpy_fromio(&oct->iface_rx_stats, oct->ctrl_mbox.barmem + oct->ctrl_mbox_ifstats_offset,
		      sizeof(struct octep_iface_rx_stats));
	return 0;
}
