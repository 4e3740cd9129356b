/* Modelled on drivers/gpu/drm/msm/msm_gem_submit.c, msm_ioctl_gem_submit(),
 * Linux 6.1.192 (buggy): idr_alloc_u32() and idr_alloc_cyclic() with GFP_KERNEL under
 * spin_lock(&queue->idr_lock); the idr allocators (lib/idr.c, radix-tree node allocation) sleep
 * when given GFP_KERNEL. Fixed in 6.12.117: idr_preload(GFP_KERNEL) before the lock, GFP_NOWAIT
 * inside it. The idr functions' bodies are deliberately not part of this fixture. */
#include <linux/dma-fence.h>
#include <linux/idr.h>
#include <linux/spinlock.h>
#include <drm/drm_device.h>
#include <drm/msm_drm.h>

struct msm_gpu_submitqueue {
	spinlock_t idr_lock;
	struct idr fence_idr;
};

struct msm_gem_submit {
	struct dma_fence *user_fence;
	int fence_id;
	struct msm_gpu_submitqueue *queue;
};

int msm_ioctl_gem_submit(struct drm_device *dev, void *data, struct drm_file *file)
{
	struct drm_msm_gem_submit *args = data;
	struct msm_gem_submit *submit = file->driver_priv;
	struct msm_gpu_submitqueue *queue = submit->queue;
	int ret = 0;

	spin_lock(&queue->idr_lock);

	if ((args->flags & MSM_SUBMIT_FENCE_SN_IN) &&
			(!args->fence || idr_find(&queue->fence_idr, args->fence))) {
		spin_unlock(&queue->idr_lock);
		return -EINVAL;
	}

	if (args->flags & MSM_SUBMIT_FENCE_SN_IN) {
		submit->fence_id = args->fence;
		ret = idr_alloc_u32(&queue->fence_idr, submit->user_fence,	/* BUG: sleep-in-atomic */
				    &submit->fence_id, submit->fence_id,
				    GFP_KERNEL);
		WARN_ON(ret);
	} else {
		submit->fence_id = idr_alloc_cyclic(&queue->fence_idr,	/* BUG2: sleep-in-atomic */
						    submit->user_fence, 1,
						    INT_MAX, GFP_KERNEL);
	}

	spin_unlock(&queue->idr_lock);

	if (submit->fence_id < 0)
		return submit->fence_id;
	return ret;
}
