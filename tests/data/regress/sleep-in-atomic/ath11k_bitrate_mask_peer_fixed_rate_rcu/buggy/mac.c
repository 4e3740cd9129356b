/* Modelled on drivers/net/wireless/ath/ath11k/mac.c, ath11k_mac_op_set_bitrate_mask() and
 * ath11k_mac_disable_peer_fixed_rate(), Linux 6.1.192 (buggy): the station iterator passed to
 * ieee80211_iterate_stations_atomic() (net/mac80211/util.c: the iterator runs under
 * rcu_read_lock()) sends a WMI command with ath11k_wmi_set_peer_param() (wmi.c), which waits for
 * TX credits in ath11k_wmi_cmd_send() (might_sleep(), wait_event_timeout()). Fixed in 6.12.117:
 * ath11k_mac_disable_peer_fixed_rate() is run with ieee80211_iterate_stations_mtx() (under the
 * wiphy mutex, no RCU section); the iterator that only queues work stays atomic. */
#include <net/mac80211.h>
#include "core.h"
#include "wmi.h"

static void ath11k_mac_set_bitrate_mask_iter(void *data,
					     struct ieee80211_sta *sta)
{
	struct ath11k_vif *arvif = data;
	struct ath11k_sta *arsta = (struct ath11k_sta *)sta->drv_priv;
	struct ath11k *ar = arvif->ar;

	spin_lock_bh(&ar->data_lock);
	arsta->changed |= IEEE80211_RC_SUPP_RATES_CHANGED;
	spin_unlock_bh(&ar->data_lock);

	ieee80211_queue_work(ar->hw, &arsta->update_wk);
}

static void ath11k_mac_disable_peer_fixed_rate(void *data,
					       struct ieee80211_sta *sta)
{
	struct ath11k_vif *arvif = data;
	struct ath11k *ar = arvif->ar;
	int ret;

	ret = ath11k_wmi_set_peer_param(ar, sta->addr,	/* BUG: sleep-in-atomic */
					arvif->vdev_id,
					WMI_PEER_PARAM_FIXED_RATE,
					WMI_FIXED_RATE_NONE);
	if (ret)
		ath11k_warn(ar->ab,
			    "failed to disable peer fixed rate for STA %pM ret %d\n",
			    sta->addr, ret);
}

static int
ath11k_mac_op_set_bitrate_mask(struct ieee80211_hw *hw,
			       struct ieee80211_vif *vif,
			       const struct cfg80211_bitrate_mask *mask)
{
	struct ath11k_vif *arvif = (void *)vif->drv_priv;
	struct ath11k *ar = arvif->ar;
	u32 rate;
	u8 nss;
	int ret;

	if (ath11k_mac_has_single_legacy_rate(ar, NL80211_BAND_2GHZ, mask)) {
		ret = ath11k_mac_get_single_legacy_rate(ar, NL80211_BAND_2GHZ, mask,
							&rate, &nss);
		if (ret)
			return ret;
		ieee80211_iterate_stations_atomic(ar->hw,
						  ath11k_mac_disable_peer_fixed_rate,
						  arvif);
	} else {
		rate = WMI_FIXED_RATE_NONE;
		nss = ar->num_tx_chains;

		mutex_lock(&ar->conf_mutex);
		ieee80211_iterate_stations_atomic(ar->hw,
						  ath11k_mac_disable_peer_fixed_rate,
						  arvif);

		arvif->bitrate_mask = *mask;
		ieee80211_iterate_stations_atomic(ar->hw,
						  ath11k_mac_set_bitrate_mask_iter,
						  arvif);

		mutex_unlock(&ar->conf_mutex);
	}

	mutex_lock(&ar->conf_mutex);
	ret = ath11k_mac_set_rate_params(arvif, rate, nss, 0, 0, 0, 0, false);
	mutex_unlock(&ar->conf_mutex);

	return ret;
}

static const struct ieee80211_ops ath11k_ops = {
	.set_bitrate_mask		= ath11k_mac_op_set_bitrate_mask,
};
