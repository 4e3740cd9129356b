/* Modelled on net/mac80211/util.c (v6.12): the _atomic interface iterator runs the driver's
 * iterator under rcu_read_lock(), the _mtx one under the wiphy mutex (process context). */
static void __iterate_interfaces(struct ieee80211_local *local, u32 iter_flags,
				 void (*iterator)(void *data, u8 *mac, struct ieee80211_vif *vif),
				 void *data)
{
	struct ieee80211_sub_if_data *sdata;

	list_for_each_entry_rcu(sdata, &local->interfaces, list) {
		if (!(iter_flags & IEEE80211_IFACE_ITER_ACTIVE) || ieee80211_sdata_running(sdata))
			iterator(data, sdata->vif.addr, &sdata->vif);
	}
}

void ieee80211_iterate_active_interfaces_atomic(struct ieee80211_hw *hw, u32 iter_flags,
						void (*iterator)(void *data, u8 *mac, struct ieee80211_vif *vif),
						void *data)
{
	struct ieee80211_local *local = hw_to_local(hw);

	rcu_read_lock();
	__iterate_interfaces(local, iter_flags | IEEE80211_IFACE_ITER_ACTIVE, iterator, data);
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(ieee80211_iterate_active_interfaces_atomic);

void ieee80211_iterate_active_interfaces_mtx(struct ieee80211_hw *hw, u32 iter_flags,
					     void (*iterator)(void *data, u8 *mac, struct ieee80211_vif *vif),
					     void *data)
{
	struct ieee80211_local *local = hw_to_local(hw);

	lockdep_assert_wiphy(hw->wiphy);
	__iterate_interfaces(local, iter_flags | IEEE80211_IFACE_ITER_ACTIVE, iterator, data);
}
EXPORT_SYMBOL_GPL(ieee80211_iterate_active_interfaces_mtx);
