/* sandbox.c - the order in which a child enters its box, and the limits
 * the kernel keeps for it. The layers themselves are in sandbox_*.c. */
#define _GNU_SOURCE
#include "sandbox.h"
#include "sandbox_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pyembed.h"
#include "util.h"

#define ENV_ALLOW_NO_LANDLOCK "PYDRILL_ALLOW_NO_LANDLOCK"

static int weak; /* no Landlock, and the user said that is fine */
static int worker_confined; /* this process loaded the common filters already */

/* Hard limits this process inherited (ulimit -v, -t, -f in a login
 * node's profile, a batch system) that no child can go above: each
 * answer gets the lower of the drill's limit and that one (set_limit),
 * and this says so once, rather than every drill being called broken. */
static char *hard_limits_note(void)
{
    static const struct { int res; const char *what, *ulimit; } caps[] = {
        { RLIMIT_AS, "address space", "ulimit -v" },
        { RLIMIT_CPU, "CPU time", "ulimit -t" },
        { RLIMIT_FSIZE, "file size", "ulimit -f" },
    };
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < ARRAY_SIZE(caps); i++) {
        struct rlimit rl;
        if (getrlimit(caps[i].res, &rl) < 0 || rl.rlim_max == RLIM_INFINITY)
            continue;
        if (caps[i].res == RLIMIT_CPU)
            sbuf_addf(&sb, "%s%s %llu s (%s)", sb.len ? ", " : "", caps[i].what,
                      (unsigned long long)rl.rlim_max, caps[i].ulimit);
        else if (rl.rlim_max >= 1u << 20)
            sbuf_addf(&sb, "%s%s %llu MiB (%s)", sb.len ? ", " : "", caps[i].what,
                      (unsigned long long)(rl.rlim_max >> 20), caps[i].ulimit);
        else
            sbuf_addf(&sb, "%s%s %llu KiB (%s)", sb.len ? ", " : "", caps[i].what,
                      (unsigned long long)(rl.rlim_max >> 10), caps[i].ulimit);
    }
    if (!sb.len) {
        sbuf_release(&sb);
        return NULL;
    }
    char *note = xasprintf("warning: hard limits here cap every answer, whatever its drill allows: %s; an "
                           "answer that needs more ends memory, timeout or output, and drills are judged "
                           "under them too (raise them to grade under the drills' own limits)",
                           sb.buf);
    sbuf_release(&sb);
    return note;
}

int sandbox_prepare(char **err, char **warning)
{
    *warning = NULL;
    if (pyembed_in_sub(sandbox_audit_capture, NULL) < 0) {
        *err = xstrdup("the audit hook could not capture the import system's own objects");
        return -1;
    }
    if (sandbox_landlock_abi() < 1) {
        const char *allow = getenv(ENV_ALLOW_NO_LANDLOCK);
        const char *why = sandbox_landlock_refused()
                              ? "Landlock is refused to this process (EPERM: a container's seccomp profile, "
                                "such as Docker's default before 20.10, blocks its system calls; allow "
                                "landlock_create_ruleset, landlock_add_rule and landlock_restrict_self)"
                              : "this kernel has no Landlock (Linux 5.13 or later, with landlock in its lsm= "
                                "list)";
        if (!allow || strcmp(allow, "1") != 0) {
            *err = xasprintf("%s, so answers could read any file; pydrill refuses to run them. Set "
                             ENV_ALLOW_NO_LANDLOCK "=1 to run them with the audit hook alone confining "
                             "files (not for untrusted answers)",
                             why);
            return -1;
        }
        weak = 1;
        *warning = xasprintf("warning: no Landlock here (%s): files are confined by the audit hook alone "
                             "(" ENV_ALLOW_NO_LANDLOCK "=1)",
                             sandbox_landlock_refused() ? "refused to this process" : "not in this kernel");
    }
    char *caps = hard_limits_note();
    if (caps) {
        char *both = *warning ? xasprintf("%s\npydrill: %s", *warning, caps) : xstrdup(caps);
        free(*warning);
        free(caps);
        *warning = both;
    }
    if (sandbox_seccomp_prepare(err) < 0 || sandbox_landlock_prepare(err) < 0)
        return -1;
    return 0;
}

int sandbox_ruleset(const char *scratch, int *ruleset, char **err)
{
    *ruleset = -1;
    if (weak)
        return 0;
    *ruleset = sandbox_landlock_ruleset(scratch, err);
    return *ruleset < 0 ? -1 : 0;
}

int sandbox_worker_confine(char **err)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
        *err = xasprintf("prctl: %s", strerror(errno));
        return -1;
    }
    if (sandbox_seccomp_confine_common(err) < 0)
        return -1;
    worker_confined = 1;
    return 0;
}

static int set_limit(int res, rlim_t soft, rlim_t hard, const char *name, char **err)
{
    /* no process may raise its hard limit: under a lower one inherited,
     * that one is the answer's (hard_limits_note said so) */
    struct rlimit cur;
    if (getrlimit(res, &cur) == 0 && cur.rlim_max != RLIM_INFINITY) {
        if (hard > cur.rlim_max)
            hard = cur.rlim_max;
        if (soft > hard)
            soft = hard;
    }
    struct rlimit rl = { soft, hard };
    if (setrlimit(res, &rl) == 0)
        return 0;
    *err = xasprintf("setrlimit %s: %s", name, strerror(errno));
    return -1;
}

/* Lowering a hard limit never fails on Linux; under an emulator that keeps
 * the hard limit on descriptors for itself (valgrind refuses any change to
 * it) the soft limit alone is set: the child's seccomp filter denies
 * setrlimit and prlimit64 with a new limit, so the soft limit binds all
 * the same. */
static int set_fd_limit(char **err)
{
    struct rlimit rl = { SANDBOX_MAX_FDS, SANDBOX_MAX_FDS };
    if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
        return 0;
    if (errno == EPERM && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max >= SANDBOX_MAX_FDS) {
        rl.rlim_cur = SANDBOX_MAX_FDS;
        if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
            return 0;
    }
    *err = xasprintf("setrlimit NOFILE: %s", strerror(errno));
    return -1;
}

long long sandbox_vm_size(void)
{
    unsigned long long pages = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (long long)(pages * (unsigned long long)sysconf(_SC_PAGESIZE));
}

/* Values come from limits computed (and clamped) once by the parent; here
 * they only meet the kernel's types. */
static rlim_t clamp(long long v)
{
    return v <= 0 ? 0 : (rlim_t)v;
}

int sandbox_enter(const sandbox_limits *lim, int ruleset, char **err)
{
    /* Must come before any ruleset: no_new_privs is what lets a process
     * without CAP_SYS_ADMIN (any ordinary user, root in a default
     * container) enforce Landlock and seccomp at all. Not dumpable: no
     * core, and no /proc/PID/mem for a process of the same user. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_DUMPABLE, 0) < 0) {
        *err = xasprintf("prctl: %s", strerror(errno));
        return -1;
    }
    sandbox_audit_scratch(lim->scratch, SANDBOX_MAX_FILES);
    unsigned long long base = lim->memory_bytes > 0 ? (unsigned long long)lim->base_bytes : 0;
    rlim_t cpu = clamp(lim->cpu_seconds);
    /* Soft below hard: SIGXCPU first says "time" plainly; the hard limit
     * is the backstop for an answer that ignores it. */
    if (set_limit(RLIMIT_CPU, cpu, cpu + 1, "CPU", err) < 0 ||
        (lim->memory_bytes > 0 &&
         set_limit(RLIMIT_AS, base + clamp(lim->memory_bytes), base + clamp(lim->memory_bytes), "AS", err) < 0) ||
        set_limit(RLIMIT_FSIZE, clamp(lim->file_bytes), clamp(lim->file_bytes), "FSIZE", err) < 0 ||
        set_limit(RLIMIT_CORE, 0, 0, "CORE", err) < 0 ||
        set_fd_limit(err) < 0 ||
        set_limit(RLIMIT_MEMLOCK, 0, 0, "MEMLOCK", err) < 0)
        return -1;
    sandbox_threads_cap(SANDBOX_MAX_THREADS);
    if (!weak && sandbox_landlock_enforce(ruleset, err) < 0)
        return -1;
    if (!worker_confined && sandbox_seccomp_confine_common(err) < 0)
        return -1;
    return sandbox_seccomp_confine_child(err);
}

const char *sandbox_features(void)
{
    static char buf[200];
    int abi = sandbox_landlock_abi();
    if (abi >= 1)
        snprintf(buf, sizeof buf, "landlock ABI %d, seccomp-bpf, audit hook, rlimits, thread cap", abi);
    else
        snprintf(buf, sizeof buf, "seccomp-bpf, audit hook, rlimits, thread cap (no landlock on this "
                                  "kernel: answers run only with " ENV_ALLOW_NO_LANDLOCK "=1)");
    return buf;
}
