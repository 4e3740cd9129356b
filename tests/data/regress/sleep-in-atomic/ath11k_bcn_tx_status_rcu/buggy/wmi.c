/* Modelled on drivers/net/wireless/ath/ath11k/wmi.c, ath11k_bcn_tx_status_event(),
 * Linux 6.1.192 (buggy): the WMI beacon-TX-status event handler calls ath11k_mac_bcn_tx_event()
 * inside rcu_read_lock(); it ends in ath11k_wmi_cmd_send(), which waits (wait_event_timeout()).
 * Fixed in 6.12.117: the handler queues arvif->bcn_tx_work instead. */
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/wait.h>
#include "core.h"
#include "wmi.h"

static int ath11k_wmi_cmd_send_nowait(struct ath11k_pdev_wmi *wmi, struct sk_buff *skb,
				      u32 cmd_id)
{
	return ath11k_htc_send(&wmi->wmi_ab->ab->htc, wmi->eid, skb);
}

int ath11k_wmi_cmd_send(struct ath11k_pdev_wmi *wmi, struct sk_buff *skb,
			u32 cmd_id)
{
	struct ath11k_wmi_base *wmi_sc = wmi->wmi_ab;
	int ret = -EOPNOTSUPP;

	might_sleep();

	wait_event_timeout(wmi_sc->tx_credits_wq, ({
		ret = ath11k_wmi_cmd_send_nowait(wmi, skb, cmd_id);
		(ret != -EAGAIN);
		}), WMI_SEND_TIMEOUT_HZ);

	return ret;
}

int ath11k_wmi_bcn_tmpl(struct ath11k *ar, u32 vdev_id,
			struct ieee80211_mutable_offsets *offs,
			struct sk_buff *bcn)
{
	struct ath11k_pdev_wmi *wmi = ar->wmi;
	struct sk_buff *skb;
	int ret;

	skb = ath11k_wmi_alloc_skb(wmi->wmi_ab, sizeof(struct wmi_bcn_tmpl_cmd) + bcn->len);
	if (!skb)
		return -ENOMEM;

	ret = ath11k_wmi_cmd_send(wmi, skb, WMI_BCN_TMPL_CMDID);
	if (ret)
		dev_kfree_skb(skb);
	return ret;
}

static void ath11k_bcn_tx_status_event(struct ath11k_base *ab, struct sk_buff *skb)
{
	struct ath11k_vif *arvif;
	u32 vdev_id, tx_status;

	if (ath11k_pull_bcn_tx_status_ev(ab, skb->data, skb->len,
					 &vdev_id, &tx_status) != 0)
		return;

	rcu_read_lock();
	arvif = ath11k_mac_get_arvif_by_vdev_id(ab, vdev_id);
	if (!arvif) {
		rcu_read_unlock();
		return;
	}
	ath11k_mac_bcn_tx_event(arvif);	/* BUG: sleep-in-atomic */
	rcu_read_unlock();
}

static void ath11k_wmi_tlv_op_rx(struct ath11k_base *ab, struct sk_buff *skb)
{
	u32 id = FIELD_GET(WMI_CMD_HDR_CMD_ID, ((struct wmi_cmd_hdr *)skb->data)->cmd_id);

	switch (id) {
	case WMI_BEACON_TX_STATUS_EVENTID:
		ath11k_bcn_tx_status_event(ab, skb);
		break;
	default:
		break;
	}
	dev_kfree_skb(skb);
}
