/* Modelled on drivers/base/map.c (v6.12) kobj_map(): a file of the driver core that exports
 * nothing, called by fs/char_dev.c. */
int kobj_map(struct kobj_map *domain, dev_t dev, unsigned long range, struct module *module,
	     kobj_probe_t *probe, int (*lock)(dev_t, void *), void *data)
{
	unsigned int n = MAJOR(dev + range - 1) - MAJOR(dev) + 1;
	struct probe *p;

	if (n > 255)
		n = 255;
	p = kmalloc_array(n, sizeof(struct probe), GFP_KERNEL);
	if (p == NULL)
		return -ENOMEM;
	mutex_lock(domain->lock);
	mutex_unlock(domain->lock);
	return 0;
}
