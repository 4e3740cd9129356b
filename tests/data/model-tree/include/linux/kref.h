/* Modelled on include/linux/kref.h (v6.12) kref_put(): runs the release function in the
 * caller's context when the last reference goes. */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}
