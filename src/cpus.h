/* cpus.h - how many CPUs this process may use: what `grade -j` defaults
 * to (SPEC 4). */
#ifndef PYDRILL_CPUS_H
#define PYDRILL_CPUS_H

/* The CPUs in this process's affinity mask, capped by the CPU quota of
 * its cgroup or of any cgroup above it (cgroup v2 cpu.max, v1
 * cpu.cfs_quota_us / cpu.cfs_period_us), rounded up; at least 1. root
 * prefixes /proc and /sys (NULL or "" for the real ones; tests give a
 * fake tree). */
int cpus_available(const char *root);
/* The cgroup quota alone, in CPUs rounded up, or 0 when there is none. */
int cpus_quota(const char *root);

#endif
