/* runlimits.c - see runlimits.h. */
#include "runlimits.h"

#define DEFAULT_TIMEOUT_MS 2000
#define DEFAULT_MEMORY_MB 256
#define DEFAULT_OUTPUT_KB 64
#define MAX_ITEMS 100000

static long long clamp(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void runlimits_compute(const drill_limits *dl, size_t nitems, long long time_scale, run_limits *out)
{
    long long scale = clamp(time_scale, 1, RUNLIMITS_MAX_SCALE);
    long long items = clamp((long long)(nitems > MAX_ITEMS ? MAX_ITEMS : nitems), 1, MAX_ITEMS);
    out->timeout_ms = dl->timeout_ms > 0 ? dl->timeout_ms : DEFAULT_TIMEOUT_MS;
    out->memory_mb = dl->memory_mb > 0 ? dl->memory_mb : DEFAULT_MEMORY_MB;
    out->output_kb = dl->output_kb > 0 ? dl->output_kb : DEFAULT_OUTPUT_KB;
    out->item_ms = (long long)out->timeout_ms * scale;
    out->startup_ms = (long long)RUNLIMITS_STARTUP_MS * scale;
    /* CPU for every item, rounded up to whole seconds, and one more: the
     * wall-clock deadline per item is the finer limit. */
    out->cpu_seconds = (out->item_ms * items + 999) / 1000 + 1;
    out->memory_bytes = (long long)out->memory_mb << 20;
    out->file_bytes = (long long)out->output_kb << 10;
    out->base_bytes = 0;
}
