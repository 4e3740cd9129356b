/* Modelled on fs/char_dev.c (v6.12) cdev_add(): the map's entry is made by drivers/base/map.c. */
int cdev_add(struct cdev *p, dev_t dev, unsigned count)
{
	int error;

	p->dev = dev;
	p->count = count;
	if (WARN_ON(dev == WHITEOUT_DEV)) {
		error = -EBUSY;
		goto err;
	}
	error = kobj_map(cdev_map, dev, count, NULL, exact_match, exact_lock, p);
	if (error)
		goto err;
	return 0;
err:
	return error;
}
EXPORT_SYMBOL(cdev_add);
