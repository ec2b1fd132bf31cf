/* sandbox_audit.c - the Python layer: a PEP 578 audit hook.
 *
 * It sees what Python code asks for and refuses it with a readable reason
 * (the answer's status becomes `denied`, naming what was tried), before the
 * kernel layers would refuse it silently. It is not the boundary: Landlock
 * and seccomp are, and they hold whatever the hook misses. What it adds:
 * the reason, the detection of attempts that the kernel would merely fail
 * (an answer could catch the error and carry on), the count of files made
 * in the scratch folder, and the refusal of hand-made bytecode. */
#define _GNU_SOURCE
#include <Python.h>

#include "sandbox.h"
#include "sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libguard.h"
#include "pyembed.h"
#include "util.h"

static int armed;
static void (*deny_cb)(const char *what);
static const char *scratch_dir;
/* The scratch folder as given and as resolved (TMPDIR may hold a symlink,
 * and realpath() of a file in it gives the resolved form). */
static char scratch_real[PATH_MAX];
static int files_left;

void sandbox_on_deny(void (*cb)(const char *what))
{
    deny_cb = cb;
}

void sandbox_arm(void)
{
    armed = 1;
}

void sandbox_audit_scratch(const char *scratch, int max_files)
{
    scratch_dir = scratch;
    if (!scratch || !realpath(scratch, scratch_real))
        scratch_real[0] = '\0';
    files_left = max_files;
}

void sandbox_notify_denied(const char *what)
{
    if (deny_cb)
        deny_cb(what);
}

static int deny(const char *event, const char *detail)
{
    char what[256];
    snprintf(what, sizeof what, "%s%s%s", event, detail ? " " : "", detail ? detail : "");
    sandbox_notify_denied(what);
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
    /* a file's metadata, wherever it is: the kernel refuses these too */
    "os.chmod", "os.chown", "os.utime", "os.setxattr", "os.removexattr", "os.chflags",
    "os.lchflags", "os.lchmod", "fcntl.ioctl",
    /* native code from a file the answer names (seccomp would refuse to
     * map it: this says why) */
    "sqlite3.enable_load_extension", "sqlite3.load_extension",
    /* another interpreter of the answer's own making (3.14's
     * concurrent.futures imports _interpreters, so the module is allowed
     * there: see interp_modules) */
    "cpython.PyInterpreterState_New",
};

/* Modules that load native code or reach around the sandbox. */
static const char *const denied_modules[] = {
    "ctypes", "_ctypes", "cffi", "_xxsubinterpreters", "_testcapi", "_testinternalcapi",
    "_testlimitedcapi", "_xxinterpchannels", "mmap", "_lsprof", "_remote_debugging",
};

/* The absolute, normalised form of p as the kernel would resolve it (so
 * that a relative path after chdir, "..", or a symlink cannot pass for a
 * path in the scratch folder). A path whose last parts do not exist yet
 * (pathlib's mkdir(parents=True) tries "a/b" before "a") is resolved
 * through the nearest folder that does, the rest appended as written: no
 * symlink can be in a part that does not exist. A ".." in that rest is
 * not resolved (the kernel would fail on it); p is then judged as given. */
static void resolve(const char *p, char out[PATH_MAX])
{
    if (realpath(p, out))
        return;
    char head[PATH_MAX];
    size_t from; /* where the part of p not yet resolved starts */
    size_t plen = strlen(p);
    if (plen >= PATH_MAX)
        goto as_given;
    memcpy(head, p, plen + 1);
    for (;;) {
        char *cut = strrchr(head, '/');
        if (!cut) {
            if (!realpath(".", out))
                goto as_given;
            from = 0;
            break;
        }
        *cut = '\0';
        if (realpath(head[0] ? head : "/", out)) {
            from = (size_t)(cut - head) + 1;
            break;
        }
    }
    size_t n = strlen(out);
    for (const char *s = p + from; *s;) {
        const char *e = strchrnul(s, '/');
        size_t part = (size_t)(e - s);
        if (part == 2 && s[0] == '.' && s[1] == '.')
            goto as_given;
        if (part && !(part == 1 && s[0] == '.')) {
            if (n == 1) /* out is "/" */
                n = 0;
            if (n + 1 + part >= PATH_MAX)
                goto as_given;
            out[n++] = '/';
            memcpy(out + n, s, part);
            n += part;
            out[n] = '\0';
        }
        s = *e ? e + 1 : e;
    }
    return;
as_given:
    snprintf(out, PATH_MAX, "%s", p); /* unresolvable: judged as given */
}

static int in_scratch(const char *real)
{
    return util_path_under(real, scratch_real) || util_path_under(real, scratch_dir);
}

static int is_proc(const char *real)
{
    return util_path_under(real, "/proc");
}

static const char *path_arg(PyObject *args, Py_ssize_t i)
{
    PyObject *o = PyTuple_Check(args) && PyTuple_GET_SIZE(args) > i ? PyTuple_GET_ITEM(args, i) : NULL;
    const char *p = NULL;
    if (o && PyUnicode_Check(o))
        p = PyUnicode_AsUTF8(o);
    else if (o && PyBytes_Check(o))
        p = PyBytes_AS_STRING(o);
    if (!p)
        PyErr_Clear();
    return p;
}

static int new_file(const char *what)
{
    if (--files_left >= 0)
        return 0;
    return deny(what, "(more files than the scratch folder may hold)");
}

static int audit_open(PyObject *args)
{
    const char *p = path_arg(args, 0);
    if (!p)
        return 0; /* an fd number: already open */
    PyObject *mode = PyTuple_GET_SIZE(args) > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    PyObject *flags = PyTuple_GET_SIZE(args) > 2 ? PyTuple_GET_ITEM(args, 2) : NULL;
    int writes = 0, creates = 0;
    if (mode && PyUnicode_Check(mode)) {
        const char *m = PyUnicode_AsUTF8(mode);
        writes = m && strpbrk(m, "wax+") != NULL;
        creates = m && strpbrk(m, "wax") != NULL;
    } else if (flags && PyLong_Check(flags)) {
        long f = PyLong_AsLong(flags);
        writes = (f & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) != 0;
        creates = (f & (O_CREAT | O_TMPFILE)) != 0;
    }
    PyErr_Clear();
    char real[PATH_MAX];
    resolve(p, real);
    if (is_proc(real))
        return deny("open", p);
    if (strcmp(real, "/dev/null") == 0)
        return 0;
    if (writes && !in_scratch(real))
        return deny("open for writing", p);
    if (!writes && !in_scratch(real) && !sandbox_landlock_readable(real))
        return deny("open", p);
    /* Bytecode the answer wrote is a way to run hand-made code objects. */
    size_t n = strlen(real);
    if (n > 4 && strcmp(real + n - 4, ".pyc") == 0 && in_scratch(real))
        return deny("open bytecode", p);
    struct stat st;
    if (creates && stat(real, &st) < 0 && new_file("open") < 0)
        return -1;
    return 0;
}

/* Events whose first argument is a path that must be in the scratch folder;
 * those that make a new entry there count against its limit. */
static const struct {
    const char *event;
    int creates;
} scratch_events[] = {
    { "os.remove", 0 }, { "os.rename", 0 }, { "os.rmdir", 0 }, { "os.truncate", 0 },
    { "os.mkdir", 1 },  { "os.symlink", 1 }, { "os.link", 1 },  { "os.mkfifo", 1 },
    { "os.mknod", 1 },
};

static int audit_scratch_event(const char *event, int creates, PyObject *args)
{
    const char *p = path_arg(args, 0);
    if (!p)
        return strcmp(event, "os.truncate") == 0 ? 0 : deny(event, "(by descriptor)");
    char real[PATH_MAX];
    resolve(p, real);
    if (!in_scratch(real))
        return deny(event, p);
    /* rename and link name a second path: it must stay in scratch too */
    const char *q = strcmp(event, "os.rename") == 0 || strcmp(event, "os.link") == 0 ? path_arg(args, 1) : NULL;
    if (q) {
        char real2[PATH_MAX];
        resolve(q, real2);
        if (!in_scratch(real2))
            return deny(event, q);
    }
    return creates ? new_file(event) : 0;
}

/* Hand-made bytecode (an out-of-range LOAD_CONST and the like) reads and
 * writes any memory, the result channel's secret included. Code objects
 * are made by code.__new__ / code.replace and by marshal; the standard
 * library does both at run time, so those callers, and only those, are
 * let through. They are recognised by identity (captured in the parent,
 * before any answer exists): a filename can be faked with compile(), a
 * code object cannot. But the callers' frames hold their arguments in
 * locals the answer can rewrite (a trace function on the 'call' event, or
 * a thread through sys._current_frames() and 3.13's write-through
 * f_locals), so what marshal.loads is given is checked too: the event
 * carries those very bytes, and no Python code runs between the event
 * and the unmarshalling. A frozen module's must be one of the
 * interpreter's own (copied in the parent), a .pyc's must be the file's,
 * byte for byte, read here in C, with this interpreter's magic number. */
static struct {
    PyObject *coroutine;        /* types.coroutine: co.replace(co_flags=...) */
    PyObject *compile_bytecode; /* importlib's _compile_bytecode: marshal.loads */
    PyObject *src_get_code, *pyc_get_code;
    PyObject *src_loader, *pyc_loader; /* SourceFileLoader, SourcelessFileLoader */
    PyObject *get_data;         /* FileLoader.get_data */
    PyObject *io_mod, *open_code;
    /* 3.15 unmarshals frozen modules' code as it loads them: FrozenImporter.
     * exec_module calling _imp.get_frozen_object (code built into the
     * interpreter, never the answer's) through _call_with_frames_removed */
    PyObject *frames_removed, *frozen_exec, *get_frozen;
    long magic; /* this interpreter's .pyc magic number */
} trusted;

/* The marshal data of every frozen module, as unmarshalled in the parent
 * (C memory: no object the answer could find and change). */
typedef struct {
    char *data;
    size_t len;
} frozen_blob;
static frozen_blob *frozen;
static size_t n_frozen;
static int recording_frozen;

/* A .pyc's header before its marshal data: magic, flags, and the
 * source's mtime and size (or its hash). */
#define PYC_HEADER 16
#define PYC_MAGIC_LEN 4
#define PYC_CHUNK 65536

/* The bytes a marshal.loads event carries (NULL for marshal.load, which
 * reads a file the hook cannot see). */
static PyObject *marshal_data(PyObject *args)
{
    PyObject *b = PyTuple_Check(args) && PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    return b && PyBytes_CheckExact(b) ? b : NULL;
}

static void record_frozen(PyObject *args)
{
    PyObject *b = marshal_data(args);
    if (!b)
        return;
    frozen = xrealloc(frozen, (n_frozen + 1) * sizeof *frozen);
    frozen[n_frozen].len = (size_t)PyBytes_GET_SIZE(b);
    frozen[n_frozen].data = xmalloc(frozen[n_frozen].len + 1);
    memcpy(frozen[n_frozen].data, PyBytes_AS_STRING(b), frozen[n_frozen].len);
    n_frozen++;
}

static int is_frozen_data(PyObject *data)
{
    size_t len = data ? (size_t)PyBytes_GET_SIZE(data) : 0;
    for (size_t i = 0; data && i < n_frozen; i++)
        if (frozen[i].len == len && memcmp(frozen[i].data, PyBytes_AS_STRING(data), len) == 0)
            return 1;
    return 0;
}

/* 1 if the regular file at real is a .pyc of this interpreter whose
 * marshal data is data, byte for byte. */
static int is_pyc_data(const char *real, PyObject *data)
{
    if (!data)
        return 0;
    size_t len = (size_t)PyBytes_GET_SIZE(data);
    const unsigned char *want = (const unsigned char *)PyBytes_AS_STRING(data);
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 0;
    struct stat st;
    unsigned char *buf = NULL;
    int same = 0;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < PYC_HEADER ||
        (unsigned long long)st.st_size - PYC_HEADER != (unsigned long long)len)
        goto out;
    unsigned char head[PYC_MAGIC_LEN];
    if (pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head ||
        (long)((unsigned long)head[0] | (unsigned long)head[1] << 8 | (unsigned long)head[2] << 16 |
               (unsigned long)head[3] << 24) != trusted.magic)
        goto out;
    buf = xmalloc(PYC_CHUNK);
    for (size_t off = 0; off < len;) {
        size_t want_n = len - off < PYC_CHUNK ? len - off : PYC_CHUNK;
        ssize_t got = pread(fd, buf, want_n, (off_t)(PYC_HEADER + off));
        if (got <= 0 || memcmp(buf, want + off, (size_t)got) != 0)
            goto out;
        off += (size_t)got;
    }
    same = 1;
out:
    free(buf);
    close(fd);
    return same;
}

/* In the parent: every frozen module's marshal data, through the hook
 * (the event carries it), as _imp.get_frozen_object unmarshals it. */
static void capture_frozen(PyObject *imp)
{
    PyObject *names = imp ? PyObject_CallMethod(imp, "_frozen_module_names", NULL) : NULL;
    PyObject *get = imp ? PyObject_GetAttrString(imp, "get_frozen_object") : NULL;
    Py_ssize_t n = names && PyTuple_Check(names) ? PyTuple_GET_SIZE(names) : 0;
    if (names && PyList_Check(names))
        n = PyList_GET_SIZE(names);
    recording_frozen = 1;
    for (Py_ssize_t i = 0; get && i < n; i++) {
        PyObject *name = PyTuple_Check(names) ? PyTuple_GET_ITEM(names, i) : PyList_GET_ITEM(names, i);
        PyObject *co = PyObject_CallOneArg(get, name);
        Py_XDECREF(co);
        PyErr_Clear();
    }
    recording_frozen = 0;
    Py_XDECREF(names);
    Py_XDECREF(get);
    PyErr_Clear();
}

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

int sandbox_audit_capture(void *unused)
{
    (void)unused;
    if (trusted.coroutine)
        return 0;
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
    PyObject *boot = PyImport_ImportModule("_frozen_importlib");
    PyObject *imp = PyImport_ImportModule("_imp");
    trusted.frames_removed = attr_path(boot, (const char *const[]){ "_call_with_frames_removed", "__code__", NULL });
    trusted.frozen_exec = attr_path(boot, (const char *const[]){ "FrozenImporter", "exec_module", "__code__", NULL });
    trusted.get_frozen = attr_path(imp, (const char *const[]){ "get_frozen_object", NULL });
    trusted.magic = PyImport_GetMagicNumber();
    capture_frozen(imp);
    Py_XDECREF(boot);
    Py_XDECREF(imp);
    Py_XDECREF(types);
    Py_XDECREF(bext);
    PyErr_Clear();
    return trusted.coroutine && trusted.compile_bytecode && trusted.src_get_code ? 0 : -1;
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

/* co_flags of types.coroutine's: a generator's code made iterable as a
 * coroutine (CO_GENERATOR, CO_ITERABLE_COROUTINE; CO_COROUTINE, CO_ITERABLE_COROUTINE) */
#define FLAG_GENERATOR 0x20L
#define FLAG_ITERABLE_COROUTINE 0x100L
#define FLAGS_COROUTINE 0x180L

static int same_attr(PyObject *co, const char *name, PyObject *v)
{
    PyObject *a = PyObject_GetAttrString(co, name);
    int same = a && v && Py_TYPE(a) == Py_TYPE(v) && PyObject_RichCompareBool(a, v, Py_EQ) == 1;
    Py_XDECREF(a);
    PyErr_Clear();
    return same;
}

/* code.replace by types.coroutine: co.replace(co_flags=co_flags | 0x100)
 * on a generator's code co. Both locals are the answer's to rewrite, so
 * the event's fields (code, filename, name, the five counts, flags) must
 * be co's own with that one flag added. */
static int from_coroutine(PyObject *args)
{
    static const char *const fields[] = { "co_code", "co_filename", "co_name", "co_argcount",
                                          "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
                                          "co_stacksize" };
    PyFrameObject *f = PyEval_GetFrame(); /* borrowed */
    if (!frame_runs(f, trusted.coroutine) || !PyTuple_Check(args) ||
        PyTuple_GET_SIZE(args) != (Py_ssize_t)ARRAY_SIZE(fields) + 1)
        return 0;
    PyObject *co = pyembed_frame_var(f, "co");
    PyObject *flags = co && PyCode_Check(co) ? PyObject_GetAttrString(co, "co_flags") : NULL;
    long old = flags && PyLong_CheckExact(flags) ? PyLong_AsLong(flags) : -1;
    PyObject *nf = PyTuple_GET_ITEM(args, ARRAY_SIZE(fields));
    long want = nf && PyLong_CheckExact(nf) ? PyLong_AsLong(nf) : -1;
    int ok = old >= 0 && (old & FLAG_GENERATOR) && !(old & FLAGS_COROUTINE) && want == (old | FLAG_ITERABLE_COROUTINE);
    for (size_t i = 0; ok && i < ARRAY_SIZE(fields); i++)
        ok = same_attr(co, fields[i], PyTuple_GET_ITEM(args, (Py_ssize_t)i));
    Py_XDECREF(flags);
    Py_XDECREF(co);
    PyErr_Clear();
    return ok;
}

/* marshal.loads of a frozen module's code, done by the stock frozen
 * importer: _call_with_frames_removed(_imp.get_frozen_object, name), called
 * by FrozenImporter.exec_module, on data that is a frozen module's. */
static int from_frozen_importer(PyObject *data)
{
    PyFrameObject *f = PyEval_GetFrame(); /* borrowed */
    if (!trusted.get_frozen || !frame_runs(f, trusted.frames_removed) || !is_frozen_data(data))
        return 0;
    PyFrameObject *back = PyFrame_GetBack(f);
    PyObject *fn = pyembed_frame_var(f, "f");
    int ok = frame_runs(back, trusted.frozen_exec) && fn == trusted.get_frozen;
    Py_XDECREF(fn);
    Py_XDECREF(back);
    PyErr_Clear();
    return ok;
}

/* marshal.loads of a .pyc that the import system itself read: called by
 * _compile_bytecode, called by a stock loader's get_code, reading through
 * the stock get_data and io.open_code, from a file outside the scratch
 * folder (the one place the answer can write a crafted .pyc). */
static int from_importer(PyObject *data)
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
    resolve(p, real);
    ok = !in_scratch(real) && is_pyc_data(real, data);
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

/* 3.13's names of 3.12's _xxsubinterpreters and kin. Their exec(0, src)
 * runs the answer's source in an interpreter that already exists: the
 * main one, where neither the library guard nor the tests' namespaces
 * look. Refused where nothing of the standard library needs them; from
 * 3.14 concurrent.futures imports _interpreters, and there code handed to
 * another interpreter goes through marshal.loads, which the hook refuses. */
static const char *const interp_modules[] = { "_interpreters", "_interpchannels", "_interpqueues" };

static int name_in(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(list[i]);
        if (strncmp(name, list[i], len) == 0 && (name[len] == '\0' || name[len] == '.'))
            return 1;
    }
    return 0;
}

int sandbox_module_refused(const char *name)
{
    return name_in(name, denied_modules, ARRAY_SIZE(denied_modules)) ||
           (!pyembed_stdlib_imports_interpreters() && name_in(name, interp_modules, ARRAY_SIZE(interp_modules)));
}

static int denied_import(PyObject *args)
{
    PyObject *m = PyTuple_Check(args) && PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    const char *name = m && PyUnicode_Check(m) ? PyUnicode_AsUTF8(m) : NULL;
    if (!name) {
        PyErr_Clear();
        return 0;
    }
    if (sandbox_module_refused(name))
        return deny("import", name);
    /* The second argument is the file an extension module is loaded from
     * (_imp.create_dynamic dlopens it; an import statement gives None):
     * only the interpreter's own, never one the answer wrote. */
    const char *file = path_arg(args, 1);
    if (file) {
        char real[PATH_MAX];
        resolve(file, real);
        if (in_scratch(real) || !sandbox_landlock_library(real))
            return deny("import", file);
    }
    return 0;
}

/* Environment variables that make a C library load code or read data
 * from a path the answer names (OpenSSL's configuration and providers,
 * glibc's character-set modules, locales and messages, terminfo): with the
 * variable set, an ordinary library call (import hashlib) loads a file of
 * the answer's making, and no audit event names it. Other variables may
 * be set: a test of os.environ is honest, and the C environment starts
 * clean (child.c). Names ending in '_' are prefixes. */
static const char *const denied_env[] = {
    "LD_", "OPENSSL", "SSL_CERT_", "GCONV_PATH", "LOCPATH", "NLSPATH", "TZDIR", "TERMINFO",
    "TERMINFO_DIRS", "GLIBC_TUNABLES", "MALLOC_", "HOSTALIASES", "LOCALDOMAIN", "RES_OPTIONS",
    "PYTHON", "CURL_CA_BUNDLE", "SQLITE_",
};

static int denied_env_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(denied_env); i++) {
        const char *d = denied_env[i];
        size_t n = strlen(d);
        int prefix = d[n - 1] == '_' || strcmp(d, "OPENSSL") == 0 || strcmp(d, "PYTHON") == 0;
        if (prefix ? strncmp(name, d, n) == 0 : strcmp(name, d) == 0)
            return 1;
    }
    return 0;
}

int sandbox_audit_hook(const char *event, PyObject *args, void *data)
{
    (void)data;
    if (recording_frozen && strcmp(event, "marshal.loads") == 0)
        record_frozen(args);
    if (!armed)
        return 0;
    if (strcmp(event, "open") == 0)
        return audit_open(args);
    if (strcmp(event, "import") == 0)
        return denied_import(args);
    if (strcmp(event, "os.putenv") == 0 || strcmp(event, "os.unsetenv") == 0) {
        const char *name = path_arg(args, 0);
        return name && denied_env_name(name) ? deny(event, name) : 0;
    }
    if (strcmp(event, "socket.__new__") == 0 && is_unix_socket(args))
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(denied_events); i++) {
        const char *d = denied_events[i];
        size_t n = strlen(d);
        if (d[n - 1] == '.' ? strncmp(event, d, n) == 0 : strcmp(event, d) == 0)
            return deny(event, NULL);
    }
    if (strcmp(event, "marshal.loads") == 0 || strcmp(event, "marshal.load") == 0)
        return from_importer(marshal_data(args)) || from_frozen_importer(marshal_data(args)) ? 0
                                                                                         : deny(event, NULL);
    if (strcmp(event, "object.__setattr__") == 0 || strcmp(event, "object.__delattr__") == 0) {
        char what[LIBGUARD_WHAT_MAX];
        return libguard_setattr(args, what, sizeof what) ? deny(event, what) : 0;
    }
    if (strcmp(event, "code.__new__") == 0)
        return from_coroutine(args) ? 0 : deny(event, NULL);
    if (strcmp(event, "os.chdir") == 0) {
        const char *p = path_arg(args, 0);
        char real[PATH_MAX];
        if (p)
            resolve(p, real);
        return p && is_proc(real) ? deny(event, p) : 0;
    }
    if (strcmp(event, "os.listdir") == 0 || strcmp(event, "os.scandir") == 0) {
        const char *p = path_arg(args, 0);
        char real[PATH_MAX];
        if (!p)
            return 0; /* a descriptor (already open) or the cwd */
        resolve(p, real);
        return in_scratch(real) || sandbox_landlock_readable(real) ? 0 : deny(event, p);
    }
    for (size_t i = 0; i < ARRAY_SIZE(scratch_events); i++)
        if (strcmp(event, scratch_events[i].event) == 0)
            return audit_scratch_event(event, scratch_events[i].creates, args);
    return 0;
}
