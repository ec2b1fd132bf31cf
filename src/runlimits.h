/* runlimits.h - an answer's limits, worked out once.
 *
 * The author writes timeout_ms, memory_mb and output_kb (catalog.c keeps
 * them in range); everything the runner and the child enforce derives from
 * them here, in 64 bits and clamped, before the fork, and is passed down:
 * nobody multiplies them again. */
#ifndef PYDRILL_RUNLIMITS_H
#define PYDRILL_RUNLIMITS_H

#include <stddef.h>

#include "catalog.h"

/* Start-up slack on top of the first item's time: the child's set-up, and
 * scheduling on a loaded machine. */
#define RUNLIMITS_STARTUP_MS 250
#define RUNLIMITS_MAX_SCALE 1000

typedef struct {
    long long item_ms;      /* wall clock each item (test, expression) may take */
    long long startup_ms;   /* more wall clock until the child says it is ready (its start-up, not the answer's) */
    long long cpu_seconds;  /* CPU for the whole job (RLIMIT_CPU soft) */
    long long memory_bytes; /* address space above the child's size at fork */
    long long file_bytes;   /* the largest file, and what is captured of output */
    long long base_bytes;   /* the address space the child starts with (set by the runner) */
    int timeout_ms, memory_mb, output_kb; /* as the author wrote them, for messages */
} run_limits;

/* nitems: tests or expressions the job runs (0 counts as 1); time_scale
 * multiplies time (1 unless under a slow tool, clamped to 1..1000). */
void runlimits_compute(const drill_limits *dl, size_t nitems, long long time_scale, run_limits *out);

#endif
