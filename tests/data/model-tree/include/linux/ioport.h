/* Modelled on include/linux/ioport.h (v6.12): the region requests are macros over
 * kernel/resource.c's __request_region(). */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

struct resource *__request_region(struct resource *, resource_size_t start, resource_size_t n,
				  const char *name, int flags);

#define request_region(start,n,name)		__request_region(&ioport_resource, (start), (n), (name), 0)
#define __request_mem_region(start,n,name, excl) __request_region(&iomem_resource, (start), (n), (name), excl)

#endif
