/* sandbox.c - confinement of the child that runs an answer.
 *
 * Defence in depth: the audit hook sees what Python code asks for (and
 * gives a readable reason); rlimits bound CPU, memory, file size and open
 * files; Landlock confines writes to the scratch folder; seccomp stops at
 * the kernel what slips past Python (processes, exec, sockets, signals to
 * others, ptrace and the rest). The parent's SIGKILL on the wall-clock
 * deadline is the last word. */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

static int armed;
static char denied_what[256];
static void (*deny_cb)(const char *what);
static const char *scratch_dir;

void sandbox_on_deny(void (*cb)(const char *what))
{
    deny_cb = cb;
}

void sandbox_arm(void)
{
    armed = 1;
}

void sandbox_disarm(void)
{
    armed = 0;
}

const char *sandbox_denied(void)
{
    return denied_what[0] ? denied_what : NULL;
}

static int deny(const char *event, const char *detail)
{
    char what[256];
    snprintf(what, sizeof what, "%s%s%s", event, detail ? " " : "", detail ? detail : "");
    if (!denied_what[0]) {
        snprintf(denied_what, sizeof denied_what, "%s", what);
        if (deny_cb)
            deny_cb(what);
    }
    PyErr_Format(PyExc_PermissionError, "pydrill sandbox: %s is not allowed", what);
    return -1;
}

/* Events denied outright, by exact name or by prefix (ending in '.'). */
static const char *const denied_events[] = {
    "socket.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "os.kill", "os.killpg", "signal.pthread_kill", "subprocess.Popen",
    "ctypes.", "os.startfile", "resource.setrlimit", "resource.prlimit",
    "pty.spawn", "sys.remote_exec", "os.add_dll_directory", "winreg.",
    "_posixsubprocess.", "os.setuid", "os.chroot",
};

/* Modules that load native code or reach around the sandbox. */
static const char *const denied_modules[] = {
    "ctypes", "_ctypes", "cffi", "_posixsubprocess", "_xxsubinterpreters",
    "_testcapi", "_testinternalcapi", "_xxinterpchannels", "mmap", "_lsprof",
};

static int path_is_proc_memory(const char *p)
{
    if (strncmp(p, "/proc/", 6) != 0)
        return 0;
    const char *last = strrchr(p, '/');
    return strcmp(last, "/mem") == 0 || strcmp(last, "/environ") == 0 ||
           strcmp(last, "/pagemap") == 0 || strncmp(p, "/proc/kcore", 11) == 0;
}

static int path_in_scratch(const char *p)
{
    if (p[0] != '/')
        return strstr(p, "..") == NULL; /* relative: the cwd is the scratch folder */
    size_t n = scratch_dir ? strlen(scratch_dir) : 0;
    return n && strncmp(p, scratch_dir, n) == 0 && (p[n] == '/' || p[n] == '\0') &&
           strstr(p + n, "..") == NULL;
}

static int audit_open(PyObject *args)
{
    PyObject *path = NULL, *mode = NULL, *flags = NULL;
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 3)
        return 0;
    path = PyTuple_GET_ITEM(args, 0);
    mode = PyTuple_GET_ITEM(args, 1);
    flags = PyTuple_GET_ITEM(args, 2);
    const char *p = NULL;
    PyObject *enc = NULL;
    if (PyUnicode_Check(path))
        p = PyUnicode_AsUTF8(path);
    else if (PyBytes_Check(path))
        p = PyBytes_AS_STRING(path);
    if (!p) {
        PyErr_Clear();
        return 0; /* an fd number: already open */
    }
    int writes = 0;
    if (PyUnicode_Check(mode)) {
        const char *m = PyUnicode_AsUTF8(mode);
        writes = m && strpbrk(m, "wax+") != NULL;
    } else if (PyLong_Check(flags)) {
        long f = PyLong_AsLong(flags);
        writes = (f & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) != 0;
    }
    int rc = 0;
    if (path_is_proc_memory(p))
        rc = deny("open", p);
    else if (writes && !path_in_scratch(p))
        rc = deny("open for writing", p);
    Py_XDECREF(enc);
    return rc;
}

int sandbox_audit_hook(const char *event, PyObject *args, void *data)
{
    if (!armed)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(denied_events); i++) {
        const char *d = denied_events[i];
        size_t n = strlen(d);
        if (d[n - 1] == '.' ? strncmp(event, d, n) == 0 : strncmp(event, d, n) == 0)
            return deny(event, NULL);
    }
    if (strcmp(event, "import") == 0 && PyTuple_Check(args) && PyTuple_GET_SIZE(args) > 0) {
        PyObject *m = PyTuple_GET_ITEM(args, 0);
        const char *name = PyUnicode_Check(m) ? PyUnicode_AsUTF8(m) : NULL;
        if (!name) {
            PyErr_Clear();
            return 0;
        }
        for (size_t i = 0; i < ARRAY_SIZE(denied_modules); i++) {
            size_t n = strlen(denied_modules[i]);
            if (strncmp(name, denied_modules[i], n) == 0 && (name[n] == '\0' || name[n] == '.'))
                return deny("import", name);
        }
        return 0;
    }
    if (strcmp(event, "open") == 0)
        return audit_open(args);
    if (strcmp(event, "os.remove") == 0 || strcmp(event, "os.rename") == 0 ||
        strcmp(event, "os.rmdir") == 0 || strcmp(event, "os.mkdir") == 0 ||
        strcmp(event, "os.chmod") == 0 || strcmp(event, "os.chown") == 0 ||
        strcmp(event, "os.symlink") == 0 || strcmp(event, "os.link") == 0 ||
        strcmp(event, "os.truncate") == 0 || strcmp(event, "os.utime") == 0) {
        PyObject *p = PyTuple_Check(args) && PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : NULL;
        const char *s = p && PyUnicode_Check(p) ? PyUnicode_AsUTF8(p) : NULL;
        if (s && !path_in_scratch(s))
            return deny(event, s);
        PyErr_Clear();
    }
    return 0;
}

static void set_limit(int res, rlim_t v)
{
    struct rlimit rl = { v, v };
    setrlimit(res, &rl);
}

static unsigned long vm_size_bytes(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return pages * (unsigned long)sysconf(_SC_PAGESIZE);
}

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

static int landlock_abi(void)
{
    static int abi = -2;
    if (abi == -2) {
        long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
        abi = v < 0 ? -1 : (int)v;
    }
    return abi;
}

/* Writes anywhere but the scratch folder are refused by the kernel. Reads
 * stay open: the interpreter reads its standard library lazily. */
static int landlock_confine(const char *scratch, char **err)
{
    int abi = landlock_abi();
    if (abi < 1)
        return 0; /* degrade: the audit hook still checks paths */
    __u64 write_access = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                         LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                         LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                         LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                         LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM |
                         LANDLOCK_ACCESS_FS_EXECUTE;
    if (abi >= 2)
        write_access |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        write_access |= LANDLOCK_ACCESS_FS_TRUNCATE;
    struct landlock_ruleset_attr attr = { .handled_access_fs = write_access };
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (rs < 0) {
        *err = xasprintf("landlock: %s", strerror(errno));
        return -1;
    }
    int dfd = open(scratch, O_PATH | O_CLOEXEC);
    if (dfd < 0) {
        *err = xasprintf("landlock: %s: %s", scratch, strerror(errno));
        close(rs);
        return -1;
    }
    struct landlock_path_beneath_attr pb = {
        .allowed_access = write_access & ~(__u64)LANDLOCK_ACCESS_FS_EXECUTE,
        .parent_fd = dfd,
    };
    int rc = (int)syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    close(dfd);
    if (rc == 0)
        rc = (int)syscall(SYS_landlock_restrict_self, rs, 0);
    close(rs);
    if (rc < 0) {
        *err = xasprintf("landlock: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static int seccomp_confine(char **err)
{
    int rc = -1;
    pid_t self = getpid();
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        *err = xstrdup("seccomp_init failed");
        return -1;
    }
    /* Another ABI (i386, x32) is a way around the filter: kill. */
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    static const int eperm[] = {
        SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
        SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(ptrace),
        SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev), SCMP_SYS(mount),
        SCMP_SYS(umount2), SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(bpf),
        SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
        SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter), SCMP_SYS(io_uring_register),
        SCMP_SYS(userfaultfd), SCMP_SYS(perf_event_open), SCMP_SYS(kexec_load),
        SCMP_SYS(init_module), SCMP_SYS(finit_module), SCMP_SYS(delete_module),
        SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(pivot_root),
        SCMP_SYS(chroot), SCMP_SYS(acct), SCMP_SYS(setrlimit), SCMP_SYS(tkill),
        SCMP_SYS(pidfd_open), SCMP_SYS(pidfd_send_signal), SCMP_SYS(pidfd_getfd),
        SCMP_SYS(open_by_handle_at), SCMP_SYS(name_to_handle_at), SCMP_SYS(kcmp),
        SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid), SCMP_SYS(setregid),
        SCMP_SYS(setresuid), SCMP_SYS(setresgid), SCMP_SYS(setpgid), SCMP_SYS(setsid),
        SCMP_SYS(memfd_create), SCMP_SYS(mknod), SCMP_SYS(mknodat),
    };
    for (size_t i = 0; i < ARRAY_SIZE(eperm); i++)
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), eperm[i], 0) < 0)
            goto out;
    /* Threads only: glibc falls back from clone3 to clone on ENOSYS, and
     * clone is allowed only with CLONE_THREAD. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                         SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)) < 0)
        goto out;
    /* Signals only to itself. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(kill), 1,
                         SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tgkill), 1,
                         SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self)) < 0)
        goto out;
    /* Limits may be read, never raised. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 1,
                         SCMP_A2(SCMP_CMP_NE, 0)) < 0)
        goto out;
    if (seccomp_load(ctx) < 0) {
        *err = xstrdup("seccomp_load failed");
        goto done;
    }
    rc = 0;
    goto done;
out:
    *err = xstrdup("seccomp_rule_add failed");
done:
    seccomp_release(ctx);
    return rc;
}

int sandbox_enter(const sandbox_limits *lim, char **err)
{
    scratch_dir = lim->scratch;
    unsigned long base = vm_size_bytes();
    rlim_t cpu = (rlim_t)(lim->timeout_ms + 999) / 1000 + 1;
    /* Soft below hard: SIGXCPU first says "time" plainly; the hard limit
     * is the backstop for an answer that ignores it. */
    struct rlimit cpu_rl = { cpu, cpu + 1 };
    setrlimit(RLIMIT_CPU, &cpu_rl);
    if (lim->memory_mb > 0)
        set_limit(RLIMIT_AS, (rlim_t)base + (rlim_t)lim->memory_mb * 1024 * 1024);
    set_limit(RLIMIT_FSIZE, (rlim_t)lim->output_kb * 1024);
    set_limit(RLIMIT_CORE, 0);
    set_limit(RLIMIT_NOFILE, 64);
    set_limit(RLIMIT_MEMLOCK, 0);
    if (prctl(PR_SET_DUMPABLE, 0) < 0) {
        *err = xasprintf("prctl: %s", strerror(errno));
        return -1;
    }
    if (landlock_confine(lim->scratch, err) < 0)
        return -1;
    return seccomp_confine(err);
}

const char *sandbox_features(void)
{
    static char buf[160];
    int abi = landlock_abi();
    if (abi >= 1)
        snprintf(buf, sizeof buf, "seccomp-bpf, landlock ABI %d, audit hook, rlimits", abi);
    else
        snprintf(buf, sizeof buf, "seccomp-bpf, audit hook, rlimits (landlock unavailable: writes are checked by the audit hook only)");
    return buf;
}
