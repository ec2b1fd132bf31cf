/* cpus.c - the CPUs this process may use. A container or a batch job is
 * often given two CPUs of a 64-core machine, through its affinity mask
 * (taskset, cpusets, Slurm's task binding) or through a CPU quota
 * (Docker's --cpus, Kubernetes' limits): sysconf(_SC_NPROCESSORS_ONLN)
 * counts the machine, and a grader that starts that many children
 * is throttled. */
#define _GNU_SOURCE
#include "cpus.h"

#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* The largest machine the affinity mask is asked about. */
#define CPUS_MAX 4096

static int affinity_count(void)
{
    cpu_set_t *set = CPU_ALLOC(CPUS_MAX);
    size_t size = CPU_ALLOC_SIZE(CPUS_MAX);
    int n = 0;
    if (set) {
        CPU_ZERO_S(size, set);
        if (sched_getaffinity(0, size, set) == 0)
            n = CPU_COUNT_S(size, set);
        CPU_FREE(set);
    }
    if (n <= 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (int)c : 1;
    }
    return n;
}

static char *read_small(const char *root, const char *path)
{
    char *full = xasprintf("%s%s", root, path), *data = NULL;
    size_t len;
    if (util_slurp(full, &data, &len) != 0)
        data = NULL;
    free(full);
    return data;
}

/* "max 100000" or "150000 100000" (v2 cpu.max): the quota in CPUs, or 0. */
static double v2_quota(const char *text)
{
    double quota, period;
    if (!text || !strncmp(text, "max", 3) || sscanf(text, "%lf %lf", &quota, &period) != 2 || quota <= 0 ||
        period <= 0)
        return 0;
    return quota / period;
}

/* The lowest quota of cgroup cg (a path such as "/a/b") and of its
 * ancestors, in the hierarchy mounted at mount. v1 keeps quota and period
 * in two files. */
static double lowest_quota(const char *root, const char *mount, const char *cg, int v1)
{
    double best = 0;
    char *path = xstrdup(cg[0] == '/' ? cg : "/");
    for (;;) {
        double q = 0;
        if (v1) {
            char *qf = xasprintf("%s%s/cpu.cfs_quota_us", mount, path);
            char *pf = xasprintf("%s%s/cpu.cfs_period_us", mount, path);
            char *qt = read_small(root, qf), *pt = read_small(root, pf);
            double quota = qt ? atof(qt) : -1, period = pt ? atof(pt) : 0;
            if (quota > 0 && period > 0)
                q = quota / period;
            free(qt);
            free(pt);
            free(qf);
            free(pf);
        } else {
            char *f = xasprintf("%s%s/cpu.max", mount, path);
            char *t = read_small(root, f);
            q = v2_quota(t);
            free(t);
            free(f);
        }
        if (q > 0 && (best == 0 || q < best))
            best = q;
        if (!path[0])
            break;
        /* "/a/b" -> "/a" -> "" (the mount point itself) */
        *strrchr(path, '/') = '\0';
    }
    free(path);
    return best;
}

int cpus_quota(const char *root)
{
    if (!root)
        root = "";
    char *self = read_small(root, "/proc/self/cgroup");
    if (!self)
        return 0;
    double best = 0;
    char *save = NULL;
    for (char *line = strtok_r(self, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        /* "ID:CONTROLLERS:PATH" */
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2)
            continue;
        *c2 = '\0';
        const char *controllers = c1 + 1, *cg = c2 + 1;
        double q = 0;
        if (!controllers[0]) {
            /* v2: unified hierarchy, mounted alone or beside v1 */
            q = lowest_quota(root, "/sys/fs/cgroup", cg, 0);
            if (!q)
                q = lowest_quota(root, "/sys/fs/cgroup/unified", cg, 0);
        } else {
            int has_cpu = 0;
            char *list = xstrdup(controllers), *s2 = NULL;
            for (char *c = strtok_r(list, ",", &s2); c; c = strtok_r(NULL, ",", &s2))
                if (!strcmp(c, "cpu"))
                    has_cpu = 1;
            free(list);
            if (has_cpu) {
                char *mount = xasprintf("/sys/fs/cgroup/%s", controllers);
                q = lowest_quota(root, mount, cg, 1);
                free(mount);
                if (!q)
                    q = lowest_quota(root, "/sys/fs/cgroup/cpu", cg, 1);
            }
        }
        if (q > 0 && (best == 0 || q < best))
            best = q;
    }
    free(self);
    return best > 0 ? (int)ceil(best - 1e-9) : 0;
}

int cpus_available(const char *root)
{
    int n = affinity_count();
    int q = cpus_quota(root);
    if (q > 0 && q < n)
        n = q;
    return n > 0 ? n : 1;
}
