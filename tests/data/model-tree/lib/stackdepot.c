/* Trimmed from lib/stackdepot.c (v6.12) stack_depot_save_flags(): the mask only goes through
 * gfp_nested_mask() (include/linux/gfp.h, analysed after lib/ in a model build) and an
 * allocation it makes with GFP_NOWAIT semantics. */
depot_stack_handle_t stack_depot_save_flags(unsigned long *entries, unsigned int nr_entries,
					    gfp_t alloc_flags, depot_flags_t depot_flags)
{
	gfp_t flags = gfp_nested_mask(alloc_flags);

	if (!nr_entries)
		return 0;
	return depot_alloc(entries, nr_entries, flags & ~__GFP_DIRECT_RECLAIM);
}
EXPORT_SYMBOL_GPL(stack_depot_save_flags);
