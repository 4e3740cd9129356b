/* Trimmed from Linux 6.12 lib/scatterlist.c: sg_alloc_table() hands its gfp mask and sg_kmalloc() to
 * __sg_alloc_table(), which calls the allocator it was given with that mask. */
#include <linux/scatterlist.h>
#include <linux/slab.h>

typedef struct scatterlist *(sg_alloc_fn)(unsigned int, gfp_t);

static struct scatterlist *sg_kmalloc(unsigned int nents, gfp_t gfp_mask)
{
	if (nents == SG_MAX_SINGLE_ALLOC) {
		void *ptr = (void *) __get_free_page(gfp_mask);
		kmemleak_alloc(ptr, PAGE_SIZE, 1, gfp_mask);
		return ptr;
	} else
		return kmalloc_array(nents, sizeof(struct scatterlist),
				     gfp_mask);
}

int __sg_alloc_table(struct sg_table *table, unsigned int nents,
		     unsigned int max_ents, struct scatterlist *first_chunk,
		     unsigned int nents_first_chunk, gfp_t gfp_mask,
		     sg_alloc_fn *alloc_fn)
{
	struct scatterlist *sg;
	unsigned int alloc_size = nents;

	if (nents == 0)
		return -EINVAL;
	sg = alloc_fn(alloc_size, gfp_mask);
	if (unlikely(!sg))
		return -ENOMEM;
	table->sgl = sg;
	table->nents = table->orig_nents = nents;
	return 0;
}

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp_mask)
{
	return __sg_alloc_table(table, nents, SG_MAX_SINGLE_ALLOC, NULL, 0, gfp_mask, sg_kmalloc);
}
EXPORT_SYMBOL(sg_alloc_table);
