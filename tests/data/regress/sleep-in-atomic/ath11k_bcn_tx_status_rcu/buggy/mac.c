/* Modelled on drivers/net/wireless/ath/ath11k/mac.c, ath11k_mac_bcn_tx_event() and
 * ath11k_mac_setup_bcn_tmpl() (Linux 6.1.192 and 6.12.117): the beacon template is rebuilt and
 * sent to firmware through ath11k_wmi_bcn_tmpl() (wmi.c), which waits for TX credits. */
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <net/mac80211.h>
#include "core.h"
#include "wmi.h"

static int ath11k_mac_setup_bcn_tmpl(struct ath11k_vif *arvif)
{
	struct ath11k *ar = arvif->ar;
	struct ieee80211_mutable_offsets offs = {};
	struct sk_buff *bcn;
	int ret;

	if (arvif->vdev_type != WMI_VDEV_TYPE_AP)
		return 0;

	bcn = ieee80211_beacon_get_template(ar->hw, arvif->vif, &offs, 0);
	if (!bcn)
		return -EPERM;

	ret = ath11k_wmi_bcn_tmpl(ar, arvif->vdev_id, &offs, bcn);
	kfree_skb(bcn);
	return ret;
}

void ath11k_mac_bcn_tx_event(struct ath11k_vif *arvif)
{
	struct ieee80211_vif *vif = arvif->vif;

	if (!vif->bss_conf.color_change_active && !arvif->bcca_zero_sent)
		return;

	if (vif->bss_conf.color_change_active &&
	    ieee80211_beacon_cntdwn_is_complete(vif)) {
		arvif->bcca_zero_sent = true;
		ieee80211_color_change_finish(vif);
		return;
	}

	arvif->bcca_zero_sent = false;

	if (vif->bss_conf.color_change_active)
		ieee80211_beacon_update_cntdwn(vif);
	ath11k_mac_setup_bcn_tmpl(arvif);
}
