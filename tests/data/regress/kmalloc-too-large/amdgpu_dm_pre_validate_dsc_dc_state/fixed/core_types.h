/* Modelled on drivers/gpu/drm/amd/display/dc/inc/core_types.h (struct dc_state, struct bw_context),
 * dc/dml/display_mode_lib.h (struct display_mode_lib) and dc/dml/display_mode_vba.h (struct
 * vba_vars_st), Linux 6.1.192 (unchanged in what matters in 6.12.117), with the constants of dc/dml/dc_features.h and dc/dc.h. Trimmed:
 * struct vba_vars_st keeps 16 of its 38 double [DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX] arrays
 * (40 KiB); the whole struct is about 100 KiB in 6.1 (core_types.h: "these are big structures,
 * do *not* put on stack!"). In the kernel this header lives in dc/inc/ and reaches
 * amdgpu_dm_mst_types.c only through the -I paths of drivers/gpu/drm/amd/display/Makefile
 * (subdir-ccflags-y += -I$(FULL_AMD_DISPLAY_PATH)/dc/inc/); here it sits next to the .c. */
#ifndef _CORE_TYPES_H_
#define _CORE_TYPES_H_

#define MAX_PIPES 6
#define DC__VOLTAGE_STATES 20
#define DC__NUM_DPP__MAX 8

struct dc_stream_state;

struct vba_vars_st {
	int maxMpcComb;
	bool UseMaximumVStartup;
	double ActiveDRAMClockChangeLatencyMarginPerState[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double RequiredDISPCLKPerSurface[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double VRatioPreY[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double VRatioPreC[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double RequiredPrefetchPixelDataBWLuma[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double RequiredPrefetchPixelDataBWChroma[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double RequiredDPPCLK[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double PDEAndMetaPTEBytesPerFrame[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double MetaRowBytes[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double DPTEBytesPerRow[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double PrefetchLinesY[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double PrefetchLinesC[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double MaximumVStartup[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double UrgentLatencySupportUsPerState[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double VActiveCursorBandwidth[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
	double VActivePixelBandwidth[DC__VOLTAGE_STATES][2][DC__NUM_DPP__MAX];
};

struct display_mode_lib {
	struct vba_vars_st vba;
	struct dal_logger *logger;
};

struct bw_context {
	struct display_mode_lib dml;
};

struct dc_state {
	struct dc_stream_state *streams[MAX_PIPES];
	uint8_t stream_count;
	uint8_t stream_mask;

	struct bw_context bw_ctx;

	struct kref refcount;
};

#endif /* _CORE_TYPES_H_ */
