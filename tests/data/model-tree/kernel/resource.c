/* Modelled on kernel/resource.c (v6.12): __request_region() allocates the region's descriptor
 * with GFP_KERNEL before taking resource_lock; drivers reach it through include/linux/ioport.h's
 * request_region() and __request_mem_region() macros. */
static struct resource *alloc_resource(gfp_t flags)
{
	return kzalloc(sizeof(struct resource), flags);
}

struct resource *__request_region(struct resource *parent,
				  resource_size_t start, resource_size_t n,
				  const char *name, int flags)
{
	struct resource *res = alloc_resource(GFP_KERNEL);
	int ret;

	if (!res)
		return NULL;

	write_lock(&resource_lock);
	ret = __request_region_locked(res, parent, start, n, name, flags);
	write_unlock(&resource_lock);

	if (ret) {
		free_resource(res);
		return NULL;
	}
	return res;
}
EXPORT_SYMBOL(__request_region);
