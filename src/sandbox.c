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

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pyembed.h"
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
    "ctypes", "_ctypes", "cffi", "_xxsubinterpreters",
    "_testcapi", "_testinternalcapi", "_xxinterpchannels", "mmap", "_lsprof",
};

/* Any of /proc: other processes, and the child's own memory (where the
 * result channel's secret lives). Landlock refuses these reads too; the
 * hook gives the readable reason. */
static int path_is_proc(const char *p)
{
    if (p[0] != '/') {
        char cwd[PATH_MAX];
        return getcwd(cwd, sizeof cwd) && strncmp(cwd, "/proc", 5) == 0 &&
               (cwd[5] == '/' || cwd[5] == '\0');
    }
    while (p[0] == '/' && p[1] == '/')
        p++;
    return strncmp(p, "/proc", 5) == 0 && (p[5] == '/' || p[5] == '\0');
}

static int under(const char *p, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0') && strstr(p + n, "..") == NULL;
}

/* The scratch folder as given and as resolved (TMPDIR may hold a symlink,
 * and realpath() of a file in it gives the resolved form). */
static char scratch_real[PATH_MAX];

static int path_in_scratch(const char *p)
{
    if (p[0] != '/')
        return strstr(p, "..") == NULL; /* relative: the cwd is the scratch folder */
    return under(p, scratch_dir) || under(p, scratch_real);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Bytecode the answer wrote (it can write only to its scratch folder) is
 * a way to run hand-made code objects, so none is read from there. */
static int path_is_scratch_bytecode(const char *p)
{
    if (!ends_with(p, ".pyc"))
        return 0;
    char real[PATH_MAX];
    if (!realpath(p, real))
        return path_in_scratch(p);
    return path_in_scratch(real);
}

static int writes_allowed(const char *p)
{
    return strcmp(p, "/dev/null") == 0 || path_in_scratch(p);
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
    if (path_is_proc(p))
        rc = deny("open", p);
    else if (writes && !writes_allowed(p))
        rc = deny("open for writing", p);
    else if (path_is_scratch_bytecode(p))
        rc = deny("open bytecode", p);
    return rc;
}

/* Hand-made bytecode (an out-of-range LOAD_CONST and the like) reads and
 * writes any memory, the result channel's secret included. Code objects
 * are made by code.__new__ / code.replace and by marshal; the standard
 * library does both at run time, so those callers, and only those, are
 * let through. They are recognised by identity (captured in
 * sandbox_enter, before answer code runs): a filename can be faked with
 * compile(), a code object cannot. */
static struct {
    PyObject *coroutine;        /* types.coroutine: co.replace(co_flags=...) */
    PyObject *compile_bytecode; /* importlib's _compile_bytecode: marshal.loads */
    PyObject *src_get_code, *pyc_get_code;
    PyObject *src_loader, *pyc_loader; /* SourceFileLoader, SourcelessFileLoader */
    PyObject *get_data;         /* FileLoader.get_data */
    PyObject *io_mod, *open_code;
} trusted;

static PyObject *attr_path(PyObject *o, const char *const *names)
{
    Py_XINCREF(o);
    for (; o && *names; names++) {
        PyObject *next = PyObject_GetAttrString(o, *names);
        Py_DECREF(o);
        o = next;
    }
    return o;
}

/* Run once in the parent, in the warm sub-interpreter, before any answer
 * exists: every child inherits the same trusted objects, and no answer can
 * have swapped them first. */
static int capture_trusted(void *unused)
{
    (void)unused;
    PyObject *types = PyImport_ImportModule("types");
    PyObject *bext = PyImport_ImportModule("_frozen_importlib_external");
    PyObject *io = PyImport_ImportModule("_io");
    trusted.coroutine = attr_path(types, (const char *const[]){ "coroutine", "__code__", NULL });
    trusted.compile_bytecode = attr_path(bext, (const char *const[]){ "_compile_bytecode", "__code__", NULL });
    trusted.src_get_code = attr_path(bext, (const char *const[]){ "SourceLoader", "get_code", "__code__", NULL });
    trusted.pyc_get_code = attr_path(bext, (const char *const[]){ "SourcelessFileLoader", "get_code", "__code__", NULL });
    trusted.src_loader = attr_path(bext, (const char *const[]){ "SourceFileLoader", NULL });
    trusted.pyc_loader = attr_path(bext, (const char *const[]){ "SourcelessFileLoader", NULL });
    trusted.get_data = attr_path(bext, (const char *const[]){ "FileLoader", "get_data", NULL });
    trusted.io_mod = io;
    trusted.open_code = attr_path(io, (const char *const[]){ "open_code", NULL });
    Py_XDECREF(types);
    Py_XDECREF(bext);
    PyErr_Clear();
    return 0;
}

static int frame_runs(PyFrameObject *f, PyObject *code)
{
    if (!f || !code)
        return 0;
    PyCodeObject *c = PyFrame_GetCode(f);
    int same = (PyObject *)c == code;
    Py_DECREF(c);
    return same;
}

static int attr_is(PyObject *o, const char *name, PyObject *want)
{
    PyObject *v = o ? PyObject_GetAttrString(o, name) : NULL;
    int same = v && v == want;
    Py_XDECREF(v);
    PyErr_Clear();
    return same;
}

/* marshal.loads of a .pyc that the import system itself read: called by
 * _compile_bytecode, called by a stock loader's get_code, reading through
 * the stock get_data and io.open_code, from a file outside the scratch
 * folder (the one place the answer can write a crafted .pyc). */
static int from_importer(void)
{
    PyFrameObject *f = PyEval_GetFrame(); /* borrowed */
    if (!frame_runs(f, trusted.compile_bytecode))
        return 0;
    PyFrameObject *back = PyFrame_GetBack(f);
    int ok = 0;
    PyObject *self = NULL, *path = NULL;
    if (!frame_runs(back, trusted.src_get_code) && !frame_runs(back, trusted.pyc_get_code))
        goto out;
    self = pyembed_frame_var(back, "self");
    path = pyembed_frame_var(back, "bytecode_path");
    if (!path)
        path = pyembed_frame_var(back, "path");
    if (!self || ((PyObject *)Py_TYPE(self) != trusted.src_loader &&
                  (PyObject *)Py_TYPE(self) != trusted.pyc_loader))
        goto out;
    if (!attr_is((PyObject *)Py_TYPE(self), "get_data", trusted.get_data))
        goto out;
    PyObject *globals = PyFunction_Check(trusted.get_data) ? PyFunction_GET_GLOBALS(trusted.get_data) : NULL;
    PyObject *io = globals ? PyDict_GetItemString(globals, "_io") : NULL;
    if (io != trusted.io_mod || !attr_is(io, "open_code", trusted.open_code))
        goto out;
    const char *p = path && PyUnicode_Check(path) ? PyUnicode_AsUTF8(path) : NULL;
    if (!p)
        goto out;
    char real[PATH_MAX];
    ok = !path_in_scratch(realpath(p, real) ? real : p);
out:
    Py_XDECREF(self);
    Py_XDECREF(path);
    Py_XDECREF(back);
    PyErr_Clear();
    return ok;
}

/* asyncio's event loop wakes itself through socket.socketpair(): an
 * AF_UNIX pair with no address, which reaches nothing outside. Any other
 * AF_UNIX socket needs socket(2), which seccomp does not allow. */
static int is_unix_socket(PyObject *args)
{
    PyObject *fam = PyTuple_Check(args) && PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    long f = fam && PyLong_Check(fam) ? PyLong_AsLong(fam) : -1;
    PyErr_Clear();
    return f == AF_UNIX;
}

int sandbox_audit_hook(const char *event, PyObject *args, void *data)
{
    (void)data;
    if (!armed)
        return 0;
    if (strcmp(event, "socket.__new__") == 0 && is_unix_socket(args))
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
    if (strcmp(event, "marshal.loads") == 0 || strcmp(event, "marshal.load") == 0)
        return from_importer() ? 0 : deny(event, NULL);
    if (strcmp(event, "code.__new__") == 0)
        return frame_runs(PyEval_GetFrame(), trusted.coroutine) ? 0 : deny(event, NULL);
    if (strcmp(event, "os.chdir") == 0) {
        PyObject *p = PyTuple_Check(args) && PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : NULL;
        const char *s = p && PyUnicode_Check(p) ? PyUnicode_AsUTF8(p) : NULL;
        if (s && path_is_proc(s))
            return deny(event, s);
        PyErr_Clear();
        return 0;
    }
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

static int landlock_allow(int rs, const char *path, __u64 access)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return 0; /* gone, or not ours to see: nothing to allow */
    struct landlock_path_beneath_attr pb = { .allowed_access = access, .parent_fd = fd };
    int rc = (int)syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

/* Reads beneath every top-level folder but /proc (the interpreter reads
 * its standard library lazily; /proc would give away this process's own
 * memory, where the channel's secret is). */
static int landlock_allow_reads(int rs, __u64 read_access)
{
    DIR *d = opendir("/");
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            strcmp(e->d_name, "proc") == 0)
            continue;
        char path[NAME_MAX + 2];
        snprintf(path, sizeof path, "/%s", e->d_name);
        struct stat st;
        /* A top-level symlink (/lib -> usr/lib) is covered by its target. */
        if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
            continue;
        rc = landlock_allow(rs, path, read_access);
    }
    closedir(d);
    return rc;
}

static __u64 landlock_write_access(int abi)
{
    __u64 w = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
              LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
              LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
              LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
              LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM |
              LANDLOCK_ACCESS_FS_EXECUTE;
    if (abi >= 2)
        w |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        w |= LANDLOCK_ACCESS_FS_TRUNCATE;
    return w;
}

/* The read layer is the same for every child, and walking / costs a
 * dozen system calls: it is built once, in the parent, and each child
 * only enforces it. */
static int read_layer = -1;

static int landlock_prepare(char **err)
{
    if (landlock_abi() < 1 || read_layer >= 0)
        return 0;
    __u64 read_access = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    struct landlock_ruleset_attr attr = { .handled_access_fs = read_access };
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (rs < 0 || landlock_allow_reads(rs, read_access) < 0) {
        *err = xasprintf("landlock: %s", strerror(errno));
        if (rs >= 0)
            close(rs);
        return -1;
    }
    read_layer = fcntl(rs, F_DUPFD_CLOEXEC, 240);
    close(rs);
    return read_layer < 0 ? -1 : 0;
}

/* Two layers: reads anywhere but /proc (prepared), writes only in the
 * scratch folder and /dev/null (this child's own). The kernel allows an
 * access only when every layer that handles it does. */
static int landlock_confine(const char *scratch, char **err)
{
    int abi = landlock_abi();
    if (abi < 1)
        return 0; /* degrade: the audit hook still checks paths */
    __u64 write_access = landlock_write_access(abi);
    __u64 null_access = LANDLOCK_ACCESS_FS_WRITE_FILE;
    if (abi >= 3)
        null_access |= LANDLOCK_ACCESS_FS_TRUNCATE;
    const char *what = "read layer";
    int rc = read_layer >= 0 ? (int)syscall(SYS_landlock_restrict_self, read_layer, 0) : -1;
    if (read_layer < 0)
        errno = EBADF;
    if (read_layer >= 0)
        close(read_layer); /* enforced now; the answer has no use for it */
    struct landlock_ruleset_attr attr = { .handled_access_fs = write_access };
    int rs = -1;
    if (rc == 0) {
        what = "write layer";
        rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
        rc = rs < 0 ? -1 : 0;
    }
    if (rc == 0) {
        what = scratch;
        rc = landlock_allow(rs, scratch, write_access & ~(__u64)LANDLOCK_ACCESS_FS_EXECUTE);
    }
    if (rc == 0) {
        what = "/dev/null";
        rc = landlock_allow(rs, "/dev/null", null_access);
    }
    if (rc == 0) {
        what = "restrict_self";
        rc = (int)syscall(SYS_landlock_restrict_self, rs, 0);
    }
    if (rc < 0)
        *err = xasprintf("landlock: %s: %s", what, strerror(errno));
    if (rs >= 0)
        close(rs);
    return rc < 0 ? -1 : 0;
}

/* The filter is compiled once, in the parent, with PID_PLACEHOLDER where
 * the child's own pid belongs; each child patches in its pid and loads
 * it, which costs two system calls instead of a compilation. */
#define PID_PLACEHOLDER 0x7a5e1d0bu

static struct sock_filter *filter;
static unsigned short filter_len;

static int seccomp_compile(char **err)
{
    int rc = -1;
    const scmp_datum_t self = PID_PLACEHOLDER;
    /* The filter is only compiled here, never loaded, so libseccomp need
     * not probe this kernel (which some tools, valgrind among them, cannot
     * answer); the child's load is what fails on a kernel without it. */
    if (seccomp_api_get() < 3)
        seccomp_api_set(3);
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        *err = xstrdup("seccomp_init failed");
        return -1;
    }
    /* Another ABI (i386, x32) is a way around the filter: kill. */
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    static const int eperm[] = {
        SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
        SCMP_SYS(ptrace),
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
    /* No socket of any family: the audit hook refuses them with a reason
     * first, so reaching the system call means native code got around it.
     * Socket pairs (asyncio's self-pipe) are AF_UNIX only. */
    if (seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(socket), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socketpair), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) < 0)
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
    int mfd = memfd_create("seccomp", MFD_CLOEXEC);
    if (mfd < 0 || seccomp_export_bpf(ctx, mfd) < 0) {
        *err = xstrdup("seccomp_export_bpf failed");
        if (mfd >= 0)
            close(mfd);
        goto done;
    }
    off_t size = lseek(mfd, 0, SEEK_END);
    if (size <= 0 || size % (off_t)sizeof(struct sock_filter) || size / (off_t)sizeof(struct sock_filter) > 4096) {
        *err = xstrdup("seccomp: bad exported filter");
        close(mfd);
        goto done;
    }
    filter = xmalloc((size_t)size);
    if (pread(mfd, filter, (size_t)size, 0) != size) {
        *err = xstrdup("seccomp: cannot read the exported filter");
        free(filter);
        filter = NULL;
        close(mfd);
        goto done;
    }
    close(mfd);
    filter_len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
    rc = 0;
    goto done;
out:
    *err = xstrdup("seccomp_rule_add failed");
done:
    seccomp_release(ctx);
    return rc;
}

static int seccomp_confine(char **err)
{
    if (!filter) {
        *err = xstrdup("seccomp: the filter was not prepared");
        return -1;
    }
    __u32 self = (__u32)getpid();
    int patched = 0;
    for (unsigned i = 0; i < filter_len; i++)
        if (BPF_CLASS(filter[i].code) == BPF_JMP && BPF_SRC(filter[i].code) == BPF_K &&
            filter[i].k == PID_PLACEHOLDER) {
            filter[i].k = self;
            patched++;
        }
    struct sock_fprog prog = { .len = filter_len, .filter = filter };
    if (patched < 1 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0) {
        *err = xasprintf("seccomp: %s", patched < 1 ? "the pid was not found in the filter" : strerror(errno));
        return -1;
    }
    return 0;
}

int sandbox_keep_fd(void)
{
    return read_layer;
}

int sandbox_prepare(char **err)
{
    if (!trusted.coroutine)
        pyembed_in_sub(capture_trusted, NULL);
    if (!filter && seccomp_compile(err) < 0)
        return -1;
    return landlock_prepare(err);
}

/* The environment an answer sees: nothing of the grader's (a CI job's
 * tokens would otherwise be one `os.environ` away from a report), and
 * $TMPDIR and $HOME in the scratch folder, so that tempfile and friends
 * work without being denied. */
static void reset_environment(const char *scratch)
{
    const char *const vars[][2] = {
        { "PATH", "/usr/local/bin:/usr/bin:/bin" },
        { "LANG", "C.UTF-8" },
        { "HOME", scratch },
        { "TMPDIR", scratch },
    };
    clearenv();
    for (size_t i = 0; i < ARRAY_SIZE(vars); i++)
        setenv(vars[i][0], vars[i][1], 1);
    /* os.environ keeps its own copy, a dict of bytes, read when os was
     * imported in the warm worker: reset it there rather than through its
     * Python methods, which would cost the child the import machinery and a
     * storm of copy-on-write faults. */
    PyObject *os = PyDict_GetItemString(PyImport_GetModuleDict(), "os"); /* borrowed */
    PyObject *env = os ? PyObject_GetAttrString(os, "environ") : NULL;
    PyObject *data = env ? PyObject_GetAttrString(env, "_data") : NULL;
    if (data && PyDict_Check(data)) {
        PyDict_Clear(data);
        for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
            PyObject *k = PyBytes_FromString(vars[i][0]);
            PyObject *v = PyBytes_FromString(vars[i][1]);
            if (k && v)
                PyDict_SetItem(data, k, v);
            Py_XDECREF(k);
            Py_XDECREF(v);
        }
    }
    Py_XDECREF(data);
    Py_XDECREF(env);
    /* A choice tempfile cached in the warm worker would point elsewhere. */
    PyObject *tf = PyDict_GetItemString(PyImport_GetModuleDict(), "tempfile"); /* borrowed */
    if (tf)
        PyObject_SetAttrString(tf, "tempdir", Py_None);
    PyErr_Clear();
}

int sandbox_enter(const sandbox_limits *lim, char **err)
{
    scratch_dir = lim->scratch;
    if (!scratch_dir || !realpath(scratch_dir, scratch_real))
        scratch_real[0] = '\0';
    if (lim->scratch)
        reset_environment(lim->scratch);
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
    /* no_new_privs comes before any ruleset: it is what lets a process
     * without CAP_SYS_ADMIN (any ordinary user, root in a default
     * container) enforce Landlock and seccomp at all. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_DUMPABLE, 0) < 0) {
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
