/* pyembed.c - owns libpython: start-up, the sub-interpreter children run
 * in, thread states, and what happens around fork.
 *
 * Start-up follows the isolated configuration and still turns site off, so
 * nothing on the machine (PYTHONPATH, user site, .pth files) changes what
 * an answer sees. The hash seed is fixed so that grading is reproducible
 * (set and dict order of strings is the same on every run). The only file
 * with PY_VERSION_HEX tests.
 *
 * The fork rules. The parent forks a child per job and the child goes on
 * using malloc, cJSON and Python without CPython's after-fork step (which
 * would delete the sub-interpreter it is about to use). That is safe only
 * because the parent has a single thread when it forks: no lock can be held
 * by a thread that does not exist in the child. pyembed_fork_check()
 * verifies it before every fork (threads are counted where they are made,
 * sandbox_threads.c), and pyembed_after_fork() is the one thing the child
 * does to Python before the sandbox closes in. Nothing else may be done
 * between fork and the job. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <opcode.h> /* YIELD_VALUE */

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>

#include "pyembed.h"
#include "sandbox.h"
#include "util.h"

static PyThreadState *main_ts;
static PyThreadState *sub_ts;
static char version[32];
/* The sub-interpreter's builtins as they were before any answer: what
 * every test sees. Frozen with the rest, so gc cannot lead an answer to it. */
static PyObject *pristine_builtins;
/* Copies of it made here, once, for a child's first tests: a copy made in
 * the child writes the reference count of every builtin, and those objects
 * sit on some sixty pages the child would otherwise copy-on-write for that
 * alone. Hidden like the original; each child uses its own (copy-on-write)
 * view of them, and never frees one (this process holds a reference). */
#define BUILTINS_COPIES 8
static PyObject *builtins_copies[BUILTINS_COPIES];
static int builtins_copies_used;

/* The environment both interpreters are made with: nothing of the
 * grader's (a CI job's tokens would otherwise be one os.environ away from
 * a report, from either interpreter), and $HOME and $TMPDIR relative, so
 * that they name the scratch folder the child runs in. */
static char *const clean_environ[] = {
    "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=.", "TMPDIR=.", NULL,
};
extern char **environ;

/* Modules imported into the warm sub-interpreter before any fork, so each
 * child starts with them loaded instead of paying for the import. The one
 * codec whose name is a builtin's too: importing encodings.ascii in a child
 * binds "ascii" in the encodings package, which the library guard must
 * take for a builtin shadowed (3.15 no longer loads it at start-up). */
static const char *const warm_modules[] = {
    "io", "traceback", "ast", "collections", "functools", "itertools",
    "operator", "copy", "weakref", "gc", "threading", "math", "re",
    "dataclasses", "typing", "contextlib", "abc", "heapq", "bisect", "string",
    "encodings.ascii",
};

const char *const *pyembed_warm_modules(size_t *n)
{
    *n = ARRAY_SIZE(warm_modules);
    return warm_modules;
}

/* The standard library's extension modules that are files (lib-dynload)
 * are mapped here, once, before any fork: a child may map no new code
 * (seccomp refuses PROT_EXEC once it is confined: sandbox_seccomp.c), so
 * its import must find the file mapped already. Debian builds most of the
 * standard library into libpython and keeps a few dozen files; a pyenv or
 * source build keeps math, _random, _datetime, _csv, _socket, zlib... as
 * files, and each must be mapped or `import random` fails there. So every
 * file of the folder is mapped, but for those listed here: the ones the
 * audit hook refuses anyway (sandbox_audit.c), test modules, and those
 * with a library of their own whose module falls back on pure Python or
 * is of no use in a sandbox (each mapping is one more that each fork
 * copies: all 27 of Debian's, with libcrypto, libsqlite3, libmpdec and
 * the rest, took a child from 86 mappings to 216 and some 10% more CPU per
 * answer). Those then fail to import (README, Security model), and the
 * standard library's fallbacks take over: decimal on _pydecimal, hashlib
 * on its built-in hashes, zipfile and shutil without bz2 and lzma. Only
 * mapped: no module object is made. A module a pack's tests import is
 * imported before the fork anyway (libguard.c). */
static const char *const not_preloaded[] = {
    /* libraries of their own, with a fallback or no use here */
    "_hashlib", "_ssl", "_decimal", "_uuid", "_sqlite3", "_bz2", "_lzma", "_zstd", "_tkinter",
    "_curses", "_curses_panel", "readline", "_dbm", "_gdbm", "nis", "ossaudiodev", "spwd", "_crypt",
    /* the CJK codecs: six modules for '…'.encode('shift_jis') and kin */
    "_multibytecodec", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr",
    "_codecs_tw", "audioop",
};

static int preloaded(const char *name)
{
    if (!strncmp(name, "_test", 5) || !strncmp(name, "xx", 2) || !strncmp(name, "_xx", 3))
        return 0;
    if (sandbox_module_refused(name))
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(not_preloaded); i++)
        if (!strcmp(name, not_preloaded[i]))
            return 0;
    return 1;
}

/* Maps the extension files of one folder whose module is preloaded. A
 * handle is never closed: the mapping is what the children inherit. */
static void preload_folder(const char *dir, PyObject *suffixes)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(suffixes); i++) {
            const char *suf = PyUnicode_AsUTF8(PyList_GET_ITEM(suffixes, i));
            size_t k = suf ? strlen(suf) : 0;
            if (!suf || n <= k || strcmp(e->d_name + n - k, suf) != 0)
                continue;
            char name[NAME_MAX + 1];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(e->d_name, "."), e->d_name);
            if (preloaded(name)) {
                char *path = xasprintf("%s/%s", dir, e->d_name);
                (void)dlopen(path, RTLD_NOW | RTLD_LOCAL);
                free(path);
            }
            break;
        }
    }
    closedir(d);
    PyErr_Clear();
}

/* In the sub-interpreter: the folders of sys.path named lib-dynload (the
 * standard library's; site-packages are left to the tests' imports). */
static void preload_extensions(void)
{
    PyObject *mach = PyImport_ImportModule("importlib.machinery");
    PyObject *suffixes = mach ? PyObject_GetAttrString(mach, "EXTENSION_SUFFIXES") : NULL;
    PyObject *path = PySys_GetObject("path"); /* borrowed */
    if (suffixes && PyList_Check(suffixes) && path && PyList_Check(path)) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); i++) {
            PyObject *p = PyList_GET_ITEM(path, i);
            const char *dir = PyUnicode_Check(p) ? PyUnicode_AsUTF8(p) : NULL;
            size_t n = dir ? strlen(dir) : 0;
            if (n >= 11 && strcmp(dir + n - 11, "lib-dynload") == 0)
                preload_folder(dir, suffixes);
        }
    }
    Py_XDECREF(suffixes);
    Py_XDECREF(mach);
    PyErr_Clear();
}

static int status_err(PyStatus st, const char *what, char **err)
{
    if (!PyStatus_Exception(st))
        return 0;
    *err = xasprintf("%s: %s%s%s", what, st.func ? st.func : "",
                     st.func ? ": " : "", st.err_msg ? st.err_msg : "failed");
    return -1;
}

static char *format_current_exception(void)
{
    PyObject *type, *val, *tb;
    PyErr_Fetch(&type, &val, &tb);
    char *msg = NULL;
    PyObject *s = val ? PyObject_Str(val) : NULL;
    const char *name = type ? ((PyTypeObject *)type)->tp_name : "error";
    if (s && PyUnicode_Check(s))
        msg = xasprintf("%s: %s", name, PyUnicode_AsUTF8(s));
    else
        msg = xstrdup(name);
    PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(val);
    Py_XDECREF(tb);
    return msg;
}

/* A line an answer prints before it hangs or is killed must be in its
 * capture, not in Python's buffer, for the parent to show it. Set once
 * here, on the sub-interpreter's stdout every child inherits, rather than
 * in each child: a method call there costs a fifth of a millisecond in
 * copy-on-write faults. Nothing in this process writes to it. */
static int line_buffered_stdout(char **err)
{
    PyObject *out = PySys_GetObject("stdout"); /* borrowed */
    if (!out || out == Py_None)
        return 0; /* no stdout at all (fd 1 closed): nothing to buffer */
    PyObject *meth = PyObject_GetAttrString(out, "reconfigure");
    PyObject *args = PyTuple_New(0), *kw = PyDict_New();
    PyObject *r = NULL;
    if (meth && args && kw && PyDict_SetItemString(kw, "line_buffering", Py_True) == 0)
        r = PyObject_Call(meth, args, kw);
    Py_XDECREF(meth);
    Py_XDECREF(args);
    Py_XDECREF(kw);
    if (!r) {
        char *why = format_current_exception();
        *err = xasprintf("cannot make the sub-interpreter's stdout line-buffered: %s", why);
        free(why);
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static PyThreadState *new_sub_interpreter(char **err)
{
    PyThreadState *ts = NULL;
#if PY_VERSION_HEX >= 0x030C0000
    /* 3.12+: the legacy settings, as 3.11 has them (shared GIL, threads).
     * fork and exec stay allowed here so that an answer trying them meets
     * the sandbox (a `denied` status, as on 3.11) rather than a
     * RuntimeError it could catch and carry on from. */
    PyInterpreterConfig cfg = {
        .use_main_obmalloc = 1,
        .allow_fork = 1,
        .allow_exec = 1,
        .allow_threads = 1,
        .allow_daemon_threads = 1,
        .check_multi_interp_extensions = 0,
        .gil = PyInterpreterConfig_SHARED_GIL,
    };
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    if (status_err(st, "Py_NewInterpreterFromConfig", err))
        return NULL;
#else
    ts = Py_NewInterpreter();
    if (!ts) {
        *err = xstrdup("Py_NewInterpreter failed");
        return NULL;
    }
#endif
    return ts;
}

static int start_sub(char **err);

int pyembed_start(char **err)
{
    PyStatus st;
    PyPreConfig pre;
    PyConfig cfg;

    if (main_ts)
        return 0;
    /* CPython makes its paths absolute from the current folder, and in a
     * folder removed behind the shell it prints a traceback of its own and
     * names no cause */
    char here[PATH_MAX];
    if (!getcwd(here, sizeof here) && errno != ERANGE) {
        *err = errno == ENOENT ? xstrdup("the current folder no longer exists (it was removed while this shell was "
                                         "in it): cd to another folder and run pydrill again")
                               : xasprintf("cannot tell the current folder: %s", strerror(errno));
        return -1;
    }
    PyPreConfig_InitIsolatedConfig(&pre);
    pre.utf8_mode = 1;
    st = Py_PreInitialize(&pre);
    if (status_err(st, "Py_PreInitialize", err))
        return -1;

    /* The audit hook must be in place before the runtime starts, so that no
     * interpreter (and no child) can run without it. */
    if (PySys_AddAuditHook(sandbox_audit_hook, NULL) < 0) {
        *err = xstrdup("PySys_AddAuditHook failed");
        return -1;
    }

    PyConfig_InitIsolatedConfig(&cfg);
    cfg.site_import = 0;
    cfg.install_signal_handlers = 0;
    cfg.parse_argv = 0;
    cfg.write_bytecode = 0;
    cfg.use_hash_seed = 1;
    cfg.hash_seed = 0;
    /* `check` re-runs predict snippets in a second process under another
     * seed, to catch output that depends on string hashing (set order). */
    const char *seed = getenv("PYDRILL_HASH_SEED");
    if (seed && *seed) {
        char *end;
        unsigned long v = strtoul(seed, &end, 10);
        if (!*end && v <= 4294967295UL)
            cfg.hash_seed = v;
    }
    cfg.buffered_stdio = 1;
    cfg.user_site_directory = 0;
    cfg.faulthandler = 0;
    cfg.tracemalloc = 0;
    st = PyConfig_SetString(&cfg, &cfg.stdio_encoding, L"utf-8");
    if (!PyStatus_Exception(st))
        st = PyConfig_SetString(&cfg, &cfg.stdio_errors, L"backslashreplace");
    if (!PyStatus_Exception(st))
        st = PyConfig_SetString(&cfg, &cfg.program_name, L"pydrill");
    if (PyStatus_Exception(st)) {
        PyConfig_Clear(&cfg);
        return status_err(st, "PyConfig", err);
    }
    /* os.environ (and posix.environ) are copied from the C environment
     * when each interpreter starts: start them from the clean one, and
     * give the grader its own back afterwards. */
    char **saved_environ = environ;
    environ = (char **)clean_environ;
    st = Py_InitializeFromConfig(&cfg);
    PyConfig_Clear(&cfg);
    if (status_err(st, "Py_InitializeFromConfig", err)) {
        environ = saved_environ;
        return -1;
    }
    int rc = start_sub(err);
    environ = saved_environ;
    return rc;
}

static int start_sub(char **err)
{
    main_ts = PyThreadState_Get();
    snprintf(version, sizeof version, "%s", Py_GetVersion());
    version[strcspn(version, " ")] = '\0';

    sub_ts = new_sub_interpreter(err);
    if (!sub_ts) {
        PyThreadState_Swap(main_ts);
        return -1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(warm_modules); i++) {
        PyObject *m = PyImport_ImportModule(warm_modules[i]);
        if (!m) {
            char *why = format_current_exception();
            *err = xasprintf("cannot import %s in the sub-interpreter: %s", warm_modules[i], why);
            free(why);
            PyThreadState_Swap(main_ts);
            return -1;
        }
        Py_DECREF(m);
    }
    preload_extensions();
    if (line_buffered_stdout(err) < 0) {
        PyThreadState_Swap(main_ts);
        return -1;
    }
    PyObject *bi = PyEval_GetBuiltins(); /* borrowed */
    pristine_builtins = pyembed_hide(bi ? PyDict_Copy(bi) : NULL);
    if (!pristine_builtins) {
        char *why = format_current_exception();
        *err = xasprintf("cannot copy the builtins: %s", why);
        free(why);
        PyThreadState_Swap(main_ts);
        return -1;
    }
    for (int i = 0; i < BUILTINS_COPIES; i++)
        builtins_copies[i] = pyembed_hide(PyDict_Copy(pristine_builtins));
    PyErr_Clear();
    /* Anything the imports left for the collector is collected now, once,
     * rather than in every child; then the survivors are frozen, so that a
     * child's collections never walk (and so never copy-on-write) the pages
     * it shares with this process. */
    PyGC_Collect();
    PyObject *gc = PyImport_ImportModule("gc");
    PyObject *r = gc ? PyObject_CallMethod(gc, "freeze", NULL) : NULL;
    if (!r) {
        char *why = format_current_exception();
        *err = xasprintf("cannot freeze the warm sub-interpreter: %s", why);
        free(why);
        Py_XDECREF(gc);
        PyThreadState_Swap(main_ts);
        return -1;
    }
    Py_DECREF(r);
    Py_DECREF(gc);
    PyThreadState_Swap(main_ts);
    return 0;
}

int pyembed_in_sub(int (*fn)(void *), void *arg)
{
    if (!sub_ts)
        return -1;
    PyThreadState *prev = PyThreadState_Swap(sub_ts);
    int rc = fn(arg);
    PyThreadState_Swap(prev);
    return rc;
}

int pyembed_in_main(int (*fn)(void *), void *arg)
{
    if (!main_ts)
        return -1;
    PyThreadState *prev = PyThreadState_Swap(main_ts);
    int rc = fn(arg);
    PyThreadState_Swap(prev);
    return rc;
}

PyObject *pyembed_frame_var(PyFrameObject *f, const char *name)
{
    PyObject *v = NULL;
#if PY_VERSION_HEX >= 0x030C0000
    v = PyFrame_GetVarString(f, (char *)name);
#else
    /* 3.11 has no PyFrame_GetVar; its f_locals is a plain dict */
    PyObject *locals = PyFrame_GetLocals(f);
    v = locals && PyDict_Check(locals) ? PyDict_GetItemString(locals, name) : NULL;
    Py_XINCREF(v);
    Py_XDECREF(locals);
#endif
    if (!v)
        PyErr_Clear();
    return v;
}

/* 1 if f runs a function's code (fast locals), 0 for a module or class body. */
static int frame_optimized(PyFrameObject *f)
{
    PyCodeObject *co = PyFrame_GetCode(f);
    PyObject *flags = PyObject_GetAttrString((PyObject *)co, "co_flags");
    long v = flags && PyLong_Check(flags) ? PyLong_AsLong(flags) : 0;
    Py_XDECREF(flags);
    Py_DECREF(co);
    PyErr_Clear();
    return (v & CO_OPTIMIZED) != 0;
}

#if PY_VERSION_HEX >= 0x030C0000
static void add_frame_vars(PyFrameObject *f, PyObject *names, PyObject *out)
{
    for (Py_ssize_t i = 0; names && i < PyTuple_GET_SIZE(names); i++) {
        PyObject *k = PyTuple_GET_ITEM(names, i);
        if (PyDict_Contains(out, k) != 0)
            continue;
        PyObject *v = PyFrame_GetVar(f, k);
        if (v)
            PyDict_SetItem(out, k, v);
        Py_XDECREF(v);
        PyErr_Clear(); /* unbound: NameError */
    }
}

/* The variables frame f holds in its own slots (a function's locals,
 * cells and free variables; in a module or class body, those of a
 * comprehension inlined into it, PEP 709), read where they live
 * (PyFrame_GetVar unwraps cells): no f_locals snapshot that would hold
 * references of its own. A new dict. */
static PyObject *frame_fast_vars(PyFrameObject *f)
{
    PyCodeObject *co = PyFrame_GetCode(f);
    PyObject *kinds[3] = { PyCode_GetVarnames(co), PyCode_GetCellvars(co), PyCode_GetFreevars(co) };
    PyObject *out = PyDict_New();
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        if (out && kinds[i] && PyTuple_Check(kinds[i]))
            add_frame_vars(f, kinds[i], out);
        Py_XDECREF(kinds[i]);
    }
    Py_DECREF(co);
    PyErr_Clear();
    return out;
}
#endif

/* A module's or class body's namespace ns (a new reference), with the
 * variables of a comprehension inlined into it (3.12+) over it: a copy
 * then, as those live in the frame, not in the namespace. */
static PyObject *with_inlined(PyFrameObject *f, PyObject *ns)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *fast = frame_fast_vars(f);
    if (fast && PyDict_GET_SIZE(fast) > 0) {
        PyObject *both = ns ? PyDict_Copy(ns) : PyDict_New();
        if (both && PyDict_Update(both, fast) == 0) {
            Py_XDECREF(ns);
            ns = both;
        } else {
            Py_XDECREF(both);
        }
    }
    Py_XDECREF(fast);
    PyErr_Clear();
#else
    (void)f; /* 3.11 runs a comprehension in a frame of its own */
#endif
    return ns;
}

#if PY_VERSION_HEX < 0x030C0000
/* 3.11 reads a function's variables only through FastToLocals, which
 * writes them into the frame's f_locals dict: the very dict locals()
 * returned to the code, and one that would hold a reference to each
 * value until the next read (so __del__, weak references and
 * sys.getrefcount would see the tracer). So after each read the dict is
 * put back as the code left it: the locals' entries it had before the
 * read (none, the first time: no code of the frame ran yet). To know
 * them, the dict of each frame read is held until that frame returns. */
typedef struct {
    PyFrameObject *frame; /* identity only, never followed */
    PyObject *locals;     /* its f_locals dict */
} held_locals;

static held_locals *held;
static size_t nheld, held_cap;

static held_locals *held_find(PyFrameObject *f)
{
    for (size_t i = nheld; i-- > 0;)
        if (held[i].frame == f)
            return &held[i];
    return NULL;
}

static PyObject *optimized_frame_names(PyFrameObject *f)
{
    held_locals *h = held_find(f);
    PyObject *before = h ? PyDict_Copy(h->locals) : NULL;
    PyObject *locals = PyFrame_GetLocals(f);
    PyObject *out = NULL;
    if (locals && PyDict_Check(locals)) {
        out = PyDict_Copy(locals);
        PyCodeObject *co = PyFrame_GetCode(f);
        PyObject *kinds[3] = { PyCode_GetVarnames(co), PyCode_GetCellvars(co), PyCode_GetFreevars(co) };
        for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
            for (Py_ssize_t i = 0; kinds[k] && PyTuple_Check(kinds[k]) && i < PyTuple_GET_SIZE(kinds[k]); i++) {
                PyObject *name = PyTuple_GET_ITEM(kinds[k], i);
                PyObject *v = before ? PyDict_GetItemWithError(before, name) : NULL;
                if (v)
                    PyDict_SetItem(locals, name, v);
                else if (PyDict_DelItem(locals, name) < 0)
                    PyErr_Clear(); /* was not there */
            }
            Py_XDECREF(kinds[k]);
        }
        Py_DECREF(co);
        if (h && h->locals != locals) {
            Py_DECREF(h->locals);
            h->locals = Py_NewRef(locals);
        } else if (!h) {
            if (nheld == held_cap) {
                held_cap = held_cap ? 2 * held_cap : 16;
                held = xrealloc(held, held_cap * sizeof *held);
            }
            held[nheld++] = (held_locals){ f, Py_NewRef(locals) };
        }
    }
    Py_XDECREF(locals);
    Py_XDECREF(before);
    PyErr_Clear();
    return out;
}
#endif

void pyembed_frame_done(PyFrameObject *f)
{
#if PY_VERSION_HEX < 0x030C0000
    held_locals *h = held_find(f);
    if (h) {
        Py_DECREF(h->locals);
        *h = held[--nheld];
    }
#else
    (void)f;
#endif
}

void pyembed_frames_forget(void)
{
#if PY_VERSION_HEX < 0x030C0000
    while (nheld > 0)
        Py_DECREF(held[--nheld].locals);
    free(held);
    held = NULL;
    held_cap = 0;
#endif
}

/* 1 when f stands at a YIELD_VALUE: co_code is the plain bytecode (no
 * specialised or instrumented forms), and f_lasti its byte offset. */
static int at_yield(PyFrameObject *f)
{
    PyCodeObject *co = PyFrame_GetCode(f);
    PyObject *code = PyCode_GetCode(co);
    int lasti = PyFrame_GetLasti(f), yes = 0;
    if (code && PyBytes_Check(code) && lasti >= 0 && lasti < PyBytes_GET_SIZE(code))
        yes = (unsigned char)PyBytes_AS_STRING(code)[lasti] == YIELD_VALUE;
    Py_XDECREF(code);
    Py_DECREF(co);
    PyErr_Clear();
    return yes;
}

int pyembed_frame_suspended(PyFrameObject *f)
{
    /* a yield (or an await that waits) leaves the generator suspended:
     * up to 3.13 its state says so by the time the event is told; 3.14
     * tells it first, so the instruction it stands at is asked too */
    PyObject *gen = PyFrame_GetGenerator(f);
    if (!gen)
        return 0;
    static const char *const attrs[] = { "gi_suspended", "cr_suspended", "ag_suspended" };
    int yes = 0;
    for (size_t i = 0; i < ARRAY_SIZE(attrs) && !yes; i++) {
        PyObject *v = PyObject_GetAttrString(gen, attrs[i]);
        yes = v == Py_True;
        Py_XDECREF(v);
        PyErr_Clear();
    }
    Py_DECREF(gen);
    return yes || at_yield(f);
}

PyObject *pyembed_frame_names(PyFrameObject *f)
{
    PyObject *out = NULL;
    if (!frame_optimized(f)) {
        /* A module's names are its globals (the snippet runs with one
         * namespace for both). Its f_locals is not read: on 3.13.0, a
         * module running a comprehension inlined with a cell in it has a
         * proxy for f_locals that crashes when iterated. A class body's
         * namespace is read only where it is a plain dict (3.13+ gives a
         * proxy while a comprehension runs inlined in it: then only that
         * comprehension's variables are shown). */
        PyCodeObject *co = PyFrame_GetCode(f);
        PyObject *name = PyObject_GetAttrString((PyObject *)co, "co_name");
        Py_DECREF(co);
        if (name && PyUnicode_Check(name) && !PyUnicode_CompareWithASCIIString(name, "<module>")) {
            out = PyFrame_GetGlobals(f);
        } else {
            out = PyFrame_GetLocals(f);
            if (out && !PyDict_Check(out))
                Py_CLEAR(out);
        }
        Py_XDECREF(name);
        PyErr_Clear();
        return with_inlined(f, out);
    }
#if PY_VERSION_HEX >= 0x030C0000
    out = frame_fast_vars(f);
#else
    out = optimized_frame_names(f);
#endif
    PyErr_Clear();
    return out;
}

PyObject *pyembed_exception_args(PyObject *exc)
{
    PyObject *args = NULL;
    if (!PyExceptionInstance_Check(exc))
        return NULL;
#if PY_VERSION_HEX >= 0x030C0000
    args = PyException_GetArgs(exc);
#else
    /* a built-in class's args is its C getter; a class of the snippet's
     * could make `args` a property */
    if (!(Py_TYPE(exc)->tp_flags & Py_TPFLAGS_HEAPTYPE))
        args = PyObject_GetAttrString(exc, "args");
#endif
    if (args && !PyTuple_Check(args))
        Py_CLEAR(args);
    PyErr_Clear();
    return args;
}

PyObject *pyembed_type_dict(PyTypeObject *t)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *d = PyType_GetDict(t);
#else
    PyObject *d = t->tp_dict;
    Py_XINCREF(d);
#endif
    if (d && !PyDict_Check(d))
        Py_CLEAR(d);
    PyErr_Clear();
    return d;
}

int pyembed_fork_check(char **err)
{
    int n = sandbox_threads_live();
    if (n == 0)
        return 0;
    *err = xasprintf("the grader has %d thread%s besides its main one, and must have none when it "
                     "forks (see pyembed.c)", n, n == 1 ? "" : "s");
    return -1;
}

void pyembed_after_fork(void)
{
    PyThreadState_Swap(sub_ts);
}

static int freeze(void *unused)
{
    (void)unused;
    PyObject *gc = PyImport_ImportModule("gc");
    PyObject *r = gc ? PyObject_CallMethod(gc, "freeze", NULL) : NULL;
    int rc = r ? 0 : -1;
    Py_XDECREF(r);
    Py_XDECREF(gc);
    PyErr_Clear();
    return rc;
}

int pyembed_refreeze(void)
{
    return sub_ts ? pyembed_in_sub(freeze, NULL) : -1;
}

PyObject *pyembed_pristine_builtins(void)
{
    return pristine_builtins;
}

PyObject *pyembed_builtins_copy(void)
{
    while (builtins_copies_used < BUILTINS_COPIES) {
        PyObject *b = builtins_copies[builtins_copies_used++];
        if (b) {
            Py_INCREF(b);
            return b;
        }
    }
    return pyembed_hide(PyDict_Copy(pristine_builtins));
}

static int collect_path(void *arg)
{
    struct { char **v; size_t n; } *out = arg;
    PyObject *path = PySys_GetObject("path"); /* borrowed */
    Py_ssize_t n = path && PyList_Check(path) ? PyList_GET_SIZE(path) : 0;
    out->v = xcalloc((size_t)n + 1, sizeof *out->v);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyList_GET_ITEM(path, i);
        const char *u = PyUnicode_Check(e) ? PyUnicode_AsUTF8(e) : NULL;
        if (u && *u)
            out->v[out->n++] = xstrdup(u);
    }
    PyErr_Clear();
    return 0;
}

char **pyembed_import_paths(size_t *n)
{
    struct { char **v; size_t n; } out = { NULL, 0 };
    if (sub_ts)
        pyembed_in_sub(collect_path, &out);
    *n = out.n;
    return out.v;
}

/* ---- guarding a test's namespace ----
 * 3.12 brought dict watchers: every change to a watched dict, made from
 * Python or C, calls back here. A test's builtins must not change at all
 * while it runs, and its namespace must not gain a builtin's name or a
 * new __builtins__: an answer that walked up to the test's frame and
 * patched either, even for a moment, trips the guard. 3.11 has no
 * watchers; the caller compares before and after instead. */
static PyObject *guard_builtins, *guard_ns;
static int guard_tripped;
static pyembed_change_fn change_cb;
#if PY_VERSION_HEX >= 0x030C0000
static int watcher_id = -1;

/* A watched library dict is about to change: pass it on with the value it
 * holds now, so that the judge sees what is replaced as well as by what. */
static void report_change(PyDict_WatchEvent ev, PyObject *d, PyObject *key, PyObject *value)
{
    if (!change_cb || ev == PyDict_EVENT_DEALLOCATED)
        return;
    PyObject *et, *ev_, *etb;
    PyErr_Fetch(&et, &ev_, &etb);
    if (ev == PyDict_EVENT_CLEARED || ev == PyDict_EVENT_CLONED || !key) {
        change_cb(d, NULL, NULL, NULL);
    } else {
        /* only a str's lookup is sure to run no code of the answer's */
        PyObject *old = ev == PyDict_EVENT_ADDED || !PyUnicode_CheckExact(key)
                            ? NULL : PyDict_GetItemWithError(d, key); /* borrowed */
        PyErr_Clear();
        change_cb(d, key, old, ev == PyDict_EVENT_DELETED ? NULL : value);
    }
    PyErr_Restore(et, ev_, etb);
}

/* What may change the test's namespace now: while setup runs, only the
 * setup's own code (it binds names there on purpose); while the expression
 * runs, nothing, unless it uses := (as 3.11's version check). */
enum { NS_ANY, NS_SETUP, NS_NONE };
static int guard_ns_mode;
static PyObject *guard_setup_code;

/* 1 if code is want or a code object nested in it (a function, lambda or
 * generator expression the setup defines). */
#define NESTED_CODE_DEPTH 8
static int code_within(PyObject *want, PyObject *code, int depth)
{
    if (code == want)
        return 1;
    if (depth == 0 || !want || !PyCode_Check(want))
        return 0;
    PyObject *consts = PyObject_GetAttrString(want, "co_consts");
    int found = 0;
    for (Py_ssize_t i = 0; consts && PyTuple_Check(consts) && i < PyTuple_GET_SIZE(consts) && !found; i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        found = PyCode_Check(c) && code_within(c, code, depth - 1);
    }
    Py_XDECREF(consts);
    PyErr_Clear();
    return found;
}

/* 1 if the frame making a change is the setup's own code. No frame is
 * pydrill's C code: the setup's frame is on the stack while it runs. An
 * answer's function has code of its own, even one it made with the test
 * namespace as its globals. */
static int by_setup(void)
{
    PyFrameObject *f = PyEval_GetFrame(); /* borrowed */
    if (!f)
        return 1;
    PyObject *c = (PyObject *)PyFrame_GetCode(f);
    int ok = code_within(guard_setup_code, c, NESTED_CODE_DEPTH);
    Py_DECREF(c);
    return ok;
}

static int guard_cb(PyDict_WatchEvent ev, PyObject *d, PyObject *key, PyObject *value)
{
    if (d != guard_builtins && d != guard_ns) {
        report_change(ev, d, key, value);
        return 0;
    }
    if (ev == PyDict_EVENT_DEALLOCATED || ev == PyDict_EVENT_CLONED)
        return 0;
    if (d == guard_builtins) {
        guard_tripped = 1;
    } else if (d == guard_ns) {
        PyObject *et, *ev_, *etb;
        PyErr_Fetch(&et, &ev_, &etb);
        if (ev == PyDict_EVENT_CLEARED || guard_ns_mode == NS_NONE)
            guard_tripped = 1;
        else if (key && PyUnicode_CheckExact(key) &&
                 (PyDict_Contains(pristine_builtins, key) == 1 ||
                  PyUnicode_CompareWithASCIIString(key, "__builtins__") == 0))
            guard_tripped = 1;
        else if (guard_ns_mode == NS_SETUP && !by_setup())
            guard_tripped = 1;
        PyErr_Clear();
        PyErr_Restore(et, ev_, etb);
    }
    return 0;
}

static int ensure_watcher(void)
{
    if (watcher_id < 0)
        watcher_id = PyDict_AddWatcher(guard_cb);
    return watcher_id;
}

#endif

#if PY_VERSION_HEX < 0x030C0000
/* 3.11 has no dict watchers, and a builtin swapped while a test runs and
 * put back before it ends would go unseen by the check after it. Its
 * dicts carry a version instead (PEP 509, public until 3.12 deprecated
 * it), new on every change: the builtins' must not move at all, the
 * namespace's not while the expression runs (setup binds names there on
 * purpose, and so does an expression with :=). */
static uint64_t guard_builtins_version, guard_ns_version;
static int guard_ns_marked;

static uint64_t dict_version(PyObject *d)
{
    return ((PyDictObject *)d)->ma_version_tag;
}
#endif

void pyembed_guard_setup(PyObject *code)
{
#if PY_VERSION_HEX >= 0x030C0000
    guard_setup_code = code;
    guard_ns_mode = code ? NS_SETUP : NS_ANY;
#else
    (void)code; /* 3.11 compares versions: setup binds names, so not during it */
#endif
}

void pyembed_guard_expr(const char *expr)
{
#if PY_VERSION_HEX < 0x030C0000
    guard_ns_marked = guard_ns && !strstr(expr, ":=");
    if (guard_ns_marked)
        guard_ns_version = dict_version(guard_ns);
#else
    guard_setup_code = NULL;
    guard_ns_mode = strstr(expr, ":=") ? NS_ANY : NS_NONE;
#endif
}

int pyembed_guard_start(PyObject *builtins, PyObject *ns)
{
    guard_builtins = builtins;
    guard_ns = ns;
    guard_tripped = 0;
#if PY_VERSION_HEX >= 0x030C0000
    guard_ns_mode = NS_ANY;
    guard_setup_code = NULL;
#endif
#if PY_VERSION_HEX < 0x030C0000
    guard_builtins_version = dict_version(builtins);
    guard_ns_marked = 0;
#endif
#if PY_VERSION_HEX >= 0x030C0000
    if (ensure_watcher() < 0 || PyDict_Watch(watcher_id, builtins) < 0 || PyDict_Watch(watcher_id, ns) < 0) {
        PyErr_Clear();
        return 0;
    }
    return 1;
#else
    return 0;
#endif
}

int pyembed_guard_stop(void)
{
#if PY_VERSION_HEX < 0x030C0000
    if (guard_builtins && dict_version(guard_builtins) != guard_builtins_version)
        guard_tripped = 1;
    if (guard_ns && guard_ns_marked && dict_version(guard_ns) != guard_ns_version)
        guard_tripped = 1;
    guard_ns_marked = 0;
#endif
#if PY_VERSION_HEX >= 0x030C0000
    if (watcher_id >= 0) {
        if (guard_builtins)
            PyDict_Unwatch(watcher_id, guard_builtins);
        if (guard_ns)
            PyDict_Unwatch(watcher_id, guard_ns);
        PyErr_Clear();
    }
#endif
    guard_builtins = guard_ns = NULL;
#if PY_VERSION_HEX >= 0x030C0000
    guard_ns_mode = NS_ANY;
    guard_setup_code = NULL;
#endif
    return guard_tripped;
}

/* ---- watching library dicts ----
 * The library guard (libguard.c) watches the dicts of the library a test
 * may call. 3.12+ reports each change as it is made, through the watcher
 * above; 3.11 records each dict's version and a copy, and a sweep reports
 * what differs in the dicts whose version moved. */
#if PY_VERSION_HEX < 0x030C0000
typedef struct {
    PyObject *d;
    uint64_t version;
    PyObject *copy;
} watched_dict;
static watched_dict *watched;
static size_t nwatched, watched_cap;
#endif

void pyembed_watch_reset(pyembed_change_fn cb)
{
    change_cb = cb;
#if PY_VERSION_HEX < 0x030C0000
    for (size_t i = 0; i < nwatched; i++) {
        Py_DECREF(watched[i].d);
        Py_DECREF(watched[i].copy);
    }
    nwatched = 0;
#endif
}

int pyembed_watch(PyObject *d)
{
#if PY_VERSION_HEX >= 0x030C0000
    if (ensure_watcher() < 0 || PyDict_Watch(watcher_id, d) < 0)
        return -1;
    return 0;
#else
    PyObject *copy = pyembed_hide(PyDict_Copy(d));
    if (!copy)
        return -1;
    if (nwatched == watched_cap) {
        watched_cap = watched_cap ? 2 * watched_cap : 256;
        watched = xrealloc(watched, watched_cap * sizeof *watched);
    }
    Py_INCREF(d);
    watched[nwatched++] = (watched_dict){ d, dict_version(d), copy };
    return 0;
#endif
}

PyObject *pyembed_object_dict(PyObject *obj)
{
    PyObject *d = PyObject_GenericGetDict(obj, NULL);
    if (!d || !PyDict_Check(d)) {
        Py_XDECREF(d);
        PyErr_Clear();
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030D0000
    /* From 3.13 an object of a Python class keeps its attributes inline
     * and stores them there without telling the dict's watchers, even once
     * its dict exists. A key that is not a str makes the dict hold them
     * itself, and every store then goes through it. */
    if (PyDict_SetItem(d, Py_None, Py_None) < 0 || PyDict_DelItem(d, Py_None) < 0) {
        Py_DECREF(d);
        PyErr_Clear();
        return NULL;
    }
#endif
    return d;
}

int pyembed_watch_live(void)
{
    return PY_VERSION_HEX >= 0x030C0000;
}

int pyembed_stdlib_imports_interpreters(void)
{
    return PY_VERSION_HEX >= 0x030E0000;
}

void pyembed_watch_sweep(void)
{
#if PY_VERSION_HEX < 0x030C0000
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    for (size_t i = 0; change_cb && i < nwatched; i++) {
        watched_dict *w = &watched[i];
        if (dict_version(w->d) == w->version)
            continue;
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(w->copy, &pos, &k, &v)) {
            PyObject *now = PyDict_GetItemWithError(w->d, k); /* borrowed */
            if (now != v)
                change_cb(w->d, k, v, now);
        }
        pos = 0;
        while (PyDict_Next(w->d, &pos, &k, &v))
            if (!PyUnicode_CheckExact(k) || PyDict_Contains(w->copy, k) == 0)
                change_cb(w->d, k, NULL, v);
        /* what was seen (reported, or accepted) is the new reference */
        PyObject *copy = pyembed_hide(PyDict_Copy(w->d));
        if (copy) {
            Py_SETREF(w->copy, copy);
            w->version = dict_version(w->d);
        }
        PyErr_Clear();
    }
    PyErr_Restore(et, ev, etb);
#endif
}

PyObject **pyembed_cell_slot(PyObject *cell)
{
    return cell && PyCell_Check(cell) ? &((PyCellObject *)cell)->ob_ref : NULL;
}

PyObject **pyembed_member_slot(PyObject *obj, PyTypeObject *base, const char *name)
{
    PyObject **slot = NULL;
    if (!obj || !PyObject_TypeCheck(obj, base))
        return NULL;
    PyObject *d = pyembed_type_dict(base);
    PyObject *descr = d ? PyDict_GetItemString(d, name) : NULL; /* borrowed */
    if (descr && Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDef *m = ((PyMemberDescrObject *)descr)->d_member;
        /* (the names of these two differ from 3.12; the values do not) */
        if (m && (m->type == T_OBJECT || m->type == T_OBJECT_EX))
            slot = (PyObject **)((char *)obj + m->offset);
    }
    Py_XDECREF(d);
    PyErr_Clear();
    return slot;
}

PyObject *pyembed_hide(PyObject *o)
{
    /* Frozen objects are out of gc.get_objects' sight only until the
     * answer calls gc.unfreeze(); an untracked one never is in it, and
     * only C holds these. (CPython untracks dicts itself; one stays so
     * until a container is stored in it, which the grader never does.) */
    if (o && PyObject_GC_IsTracked(o))
        PyObject_GC_UnTrack(o);
    return o;
}

const char *pyembed_version(void)
{
    /* Py_GetVersion is usable before start-up, for --version. */
    if (!version[0]) {
        snprintf(version, sizeof version, "%s", Py_GetVersion());
        version[strcspn(version, " ")] = '\0';
    }
    return version;
}

unsigned long pyembed_hexversion(void)
{
    return (unsigned long)Py_Version;
}
