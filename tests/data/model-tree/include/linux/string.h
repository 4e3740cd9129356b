/* Modelled on include/linux/string.h (v6.12) vmemdup_array_user(): an inline whose annotation
 * `__realloc_size(2, 3)` sits between `static inline` and the return type (kmemlint/frontend/
 * rewrites.toml blanks it, or the function would not parse); it returns vmemdup_user() memory,
 * which may be vmalloc'd. */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

static inline __realloc_size(2, 3)
void *vmemdup_array_user(const void __user *src, size_t n, size_t size)
{
	size_t nbytes;

	if (check_mul_overflow(n, size, &nbytes))
		return ERR_PTR(-EOVERFLOW);

	return vmemdup_user(src, nbytes);
}

#endif /* _LINUX_STRING_H_ */
