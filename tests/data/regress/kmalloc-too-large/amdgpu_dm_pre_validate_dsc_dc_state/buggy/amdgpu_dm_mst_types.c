/* Modelled on drivers/gpu/drm/amd/display/amdgpu_dm/amdgpu_dm_mst_types.c, pre_validate_dsc(),
 * Linux 6.1.192 (buggy): the atomic check copies the whole DC state with
 * kmemdup(dm_state->context, sizeof(struct dc_state), GFP_KERNEL); struct dc_state embeds the
 * display mode library's vba_vars_st (about 100 KiB), so every atomic check that needs the DSC
 * precompute asks for an order-5 physically contiguous block. Fixed in 6.12.117: the copy is
 * vmalloc()ed and memcpy()d, and freed with vfree(). */
#include <linux/slab.h>
#include <linux/string.h>
#include <drm/drm_atomic.h>
#include "core_types.h"

struct dm_atomic_state {
	struct drm_private_state base;
	struct dc_state *context;
};

int dm_atomic_get_state(struct drm_atomic_state *state,
			struct dm_atomic_state **dm_state);
int pre_compute_mst_dsc_configs_for_state(struct drm_atomic_state *state,
					  struct dc_state *dc_state,
					  struct dsc_mst_fairness_vars *vars);
void dc_stream_release(struct dc_stream_state *stream);

int pre_validate_dsc(struct drm_atomic_state *state,
		     struct dm_atomic_state **dm_state_ptr,
		     struct dsc_mst_fairness_vars *vars)
{
	int i;
	struct dm_atomic_state *dm_state;
	struct dc_state *local_dc_state = NULL;
	int ret = 0;

	ret = dm_atomic_get_state(state, dm_state_ptr);
	if (ret != 0) {
		DRM_INFO_ONCE("dm_atomic_get_state() failed\n");
		return ret;
	}
	dm_state = *dm_state_ptr;

	/*
	 * create local vailable for dc_state. copy content of streams of dm_state->context
	 * to local variable. make sure stream pointer of local variable not the same as stream
	 * from dm_state->context.
	 */

	local_dc_state = kmemdup(dm_state->context, sizeof(struct dc_state), GFP_KERNEL);	/* BUG: kmalloc-too-large */
	if (!local_dc_state)
		return -ENOMEM;

	ret = pre_compute_mst_dsc_configs_for_state(state, local_dc_state, vars);
	if (ret != 0) {
		DRM_INFO_ONCE("pre_compute_mst_dsc_configs_for_state() failed\n");
		ret = -EINVAL;
		goto clean_exit;
	}

clean_exit:
	for (i = 0; i < local_dc_state->stream_count; i++) {
		struct dc_stream_state *stream = dm_state->context->streams[i];

		if (local_dc_state->streams[i] != stream)
			dc_stream_release(local_dc_state->streams[i]);
	}

	kfree(local_dc_state);

	return ret;
}
