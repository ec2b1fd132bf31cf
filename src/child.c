/* child.c - the forked child: runs one job and reports it.
 *
 * Records are JSON objects, each framed as "<secret> <length>\n<json>\n" on
 * the result channel. The secret exists only in C memory, so an answer can
 * write to the channel but cannot write a frame the parent accepts. Values
 * are encoded here (value.h wire form) by walking exact built-in types in C:
 * nothing of the answer's is called to compare or to describe them. */
#define _GNU_SOURCE
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "child.h"
#include "child_exc.h"
#include "codecache.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "libguard.h"
#include "pyembed.h"
#include "sandbox.h"
#include "trace.h"
#include "util.h"
#include "value_encode.h"

#define MAX_SENT_OUTPUT (64 * 1024)

static int chan_fd = -1;
static char chan_secret[80];
static int out_fd = -1, err_fd = -1; /* private copies of the capture files */
/* What the captures held when the first hidden test began (NULL: none
 * did), copied into C memory then: what is printed from there on may carry
 * a hidden test's input or the answer's value for it (SPEC 2.4), and the
 * answer may write anywhere in its own capture files (pwrite, lseek,
 * ftruncate), so nothing is read from them after that moment. */
static char *shown_out, *shown_err;
static size_t shown_out_len, shown_err_len;
/* Formatting with the traceback module costs an answer whose tests raise
 * about 150 copy-on-write faults: done only when the job's reader shows it. */
static int want_tracebacks;

static void send_record(cJSON *rec)
{
    char *json = cJSON_PrintUnformatted(rec);
    cJSON_Delete(rec);
    if (!json)
        _exit(120);
    size_t n = strlen(json);
    char head[128];
    int hn = snprintf(head, sizeof head, "%s %zu\n", chan_secret, n + 1);
    struct iovec iov[3] = { { head, (size_t)hn }, { json, n }, { "\n", 1 } };
    size_t total = (size_t)hn + n + 1, done = 0;
    /* A single writev keeps a frame whole even when answer threads write to
     * the channel at the same moment (pipes are atomic only up to
     * PIPE_BUF, so the parent still checks every frame). */
    while (done < total) {
        ssize_t w = writev(chan_fd, iov, 3);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            _exit(121);
        }
        done += (size_t)w;
        for (int i = 0; i < 3 && w > 0; i++) {
            size_t k = (size_t)w < iov[i].iov_len ? (size_t)w : iov[i].iov_len;
            iov[i].iov_base = (char *)iov[i].iov_base + k;
            iov[i].iov_len -= k;
            w -= (ssize_t)k;
        }
    }
    free(json);
}

static void add_text(cJSON *o, const char *key, const char *s, size_t n)
{
    char *clean = util_utf8_sanitize(s, n, NULL);
    cJSON_AddStringToObject(o, key, clean);
    free(clean);
}

static void fatal(const char *msg)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "t", "fatal");
    add_text(r, "msg", msg, strlen(msg));
    send_record(r);
    _exit(122);
}

/* What the answer first tried outside the sandbox while the current test
 * ran: the test's outcome carries it, so that an attempt the answer caught
 * still ends that test (SPEC 3.3: never a pass). */
static char *test_denied;

/* Each denial: the first of a test is the test's; the first of the run is
 * said once (an answer that loops on a refused call sends no flood). */
static void on_deny(const char *what)
{
    static int said;
    if (!test_denied)
        test_denied = xstrdup(what);
    if (said++)
        return;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "t", "denied");
    add_text(r, "what", what, strlen(what));
    send_record(r);
}

/* ---- capture ---------------------------------------------------------- */

static off_t fd_size(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_size : 0;
}

/* Bytes [from, to) of a capture file, at most MAX_SENT_OUTPUT (the tail
 * when cut). */
static char *capture_read(int fd, off_t from, off_t to, size_t *len)
{
    if (to - from > MAX_SENT_OUTPUT)
        from = to - MAX_SENT_OUTPUT;
    size_t n = to > from ? (size_t)(to - from) : 0;
    char *buf = xmalloc(n + 1);
    ssize_t r = n ? pread(fd, buf, n, from) : 0;
    if (r < 0)
        r = 0;
    buf[r] = '\0';
    *len = (size_t)r;
    return buf;
}

/* The streams that write to the capture, as the child found them before
 * the answer ran (sys.__stdout__ and sys.__stderr__ may be rebound). */
static PyObject *real_streams[2];

static void keep_real_streams(void)
{
    static const char *const names[] = { "__stdout__", "__stderr__" };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        PyObject *f = PySys_GetObject(names[i]); /* borrowed */
        real_streams[i] = f && f != Py_None ? f : NULL;
        Py_XINCREF(real_streams[i]);
    }
}

/* Flushes what reaches the capture: the real streams, whose flush is the
 * io module's C code. sys.stdout and sys.stderr are data the answer may
 * replace (with an object whose flush is a C callable of its own, which
 * would then run here with no Python frame to say whose it is), so they
 * are flushed only when they are of the real streams' own type. */
static void flush_stdio(void)
{
    static const char *const names[] = { "stdout", "stderr" };
    for (size_t i = 0; i < ARRAY_SIZE(names) + ARRAY_SIZE(real_streams); i++) {
        PyObject *f = i < ARRAY_SIZE(names) ? PySys_GetObject(names[i]) /* borrowed */
                                            : real_streams[i - ARRAY_SIZE(names)];
        if (!f || (i < ARRAY_SIZE(names) && (!real_streams[0] || Py_TYPE(f) != Py_TYPE(real_streams[0]))))
            continue;
        PyObject *r = PyObject_CallMethod(f, "flush", NULL);
        Py_XDECREF(r);
        PyErr_Clear();
    }
}

static void send_limit(const char *what)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "t", "limit");
    cJSON_AddStringToObject(r, "what", what);
    send_record(r);
}

/* Records an item's outcome: the value of `result`, or the pending
 * exception when result is NULL. */
static void send_outcome(int index, PyObject *result, off_t out_from, const char *phase)
{
    cJSON *rec = cJSON_CreateObject();
    if (phase)
        cJSON_AddStringToObject(rec, "phase", phase);
    cJSON_AddStringToObject(rec, "t", "item");
    cJSON_AddNumberToObject(rec, "i", index);
    int memory = 0;
    if (result) {
        char why[VALUE_ENCODE_REASON_MAX];
        cJSON *v = value_encode_py(result, why);
        if (v) {
            cJSON_AddStringToObject(rec, "k", "value");
            cJSON_AddItemToObject(rec, "v", v);
        } else {
            cJSON_AddStringToObject(rec, "k", "notplain");
            cJSON_AddStringToObject(rec, "reason", why);
            PyErr_Clear();
        }
    } else {
        memory = child_exc_describe(rec, want_tracebacks);
    }
    flush_stdio();
    size_t n;
    char *out = capture_read(out_fd, out_from, fd_size(out_fd), &n);
    add_text(rec, "out", out, n);
    free(out);
    if (test_denied)
        add_text(rec, "den", test_denied, strlen(test_denied));
    if (memory)
        send_limit("memory");
    send_record(rec);
}

/* ---- jobs ------------------------------------------------------------- */

/* __name__, __doc__...: the module's own, not names a test looks up. */
static int is_dunder(PyObject *k)
{
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(k, &n);
    if (!u) {
        PyErr_Clear();
        return 0;
    }
    return n > 4 && u[0] == '_' && u[1] == '_' && u[n - 1] == '_' && u[n - 2] == '_';
}

static PyObject *fresh_namespace(const char *name, PyObject *builtins)
{
    PyObject *ns = PyDict_New();
    PyObject *n = PyUnicode_FromString(name);
    if (!ns || !n || PyDict_SetItemString(ns, "__name__", n) < 0 ||
        PyDict_SetItemString(ns, "__builtins__", builtins) < 0) {
        Py_XDECREF(ns);
        Py_XDECREF(n);
        PyErr_Clear();
        return NULL;
    }
    Py_DECREF(n);
    return ns;
}

/* Runs src as statements in ns; returns a new reference to None, or NULL
 * with the exception pending. */
static PyObject *exec_in(const char *src, const char *filename, PyObject *ns)
{
    PyObject *code = codecache_compile(src, filename, Py_file_input);
    if (!code)
        return NULL;
    PyObject *r = PyEval_EvalCode(code, ns, ns);
    Py_DECREF(code);
    return r;
}

static void send_syntax(void)
{
    PyObject *type, *val, *tb;
    PyErr_Fetch(&type, &val, &tb);
    PyErr_NormalizeException(&type, &val, &tb);
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "t", "syntax");
    long line = 0, col = 0;
    char *msg = NULL;
    if (val && PyObject_TypeCheck(val, (PyTypeObject *)PyExc_SyntaxError)) {
        PyObject *o = PyObject_GetAttrString(val, "lineno");
        if (o && PyLong_Check(o))
            line = PyLong_AsLong(o);
        Py_XDECREF(o);
        o = PyObject_GetAttrString(val, "offset");
        if (o && PyLong_Check(o))
            col = PyLong_AsLong(o);
        Py_XDECREF(o);
        o = PyObject_GetAttrString(val, "msg");
        if (o && PyUnicode_Check(o))
            msg = xstrdup(PyUnicode_AsUTF8(o));
        Py_XDECREF(o);
    }
    PyErr_Clear();
    if (!msg && val) {
        PyObject *s = PyObject_Str(val);
        msg = xstrdup(s && PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : "does not compile");
        Py_XDECREF(s);
        PyErr_Clear();
    }
    cJSON_AddNumberToObject(rec, "line", (double)line);
    cJSON_AddNumberToObject(rec, "col", (double)col);
    add_text(rec, "msg", msg ? msg : "does not compile", strlen(msg ? msg : "does not compile"));
    if (val && !PyObject_TypeCheck(val, (PyTypeObject *)PyExc_SyntaxError)) {
        /* e.g. ValueError for source with NUL bytes, MemoryError */
        cJSON_AddStringToObject(rec, "type", Py_TYPE(val)->tp_name);
    }
    free(msg);
    Py_XDECREF(type);
    Py_XDECREF(val);
    Py_XDECREF(tb);
    send_record(rec);
}

/* A test's namespace: a fresh copy of the pristine builtins, and the
 * answer's module-level names that are not builtin names (nor the
 * module's own dunders). An answer that defines or patches hasattr, len,
 * isinstance... changes its own code, never what a test computes. */
static PyObject *test_namespace(PyObject *answer_ns, PyObject **builtins)
{
    PyObject *pristine = pyembed_pristine_builtins();
    PyObject *b = pyembed_builtins_copy();
    PyObject *ns = PyDict_New();
    PyObject *name = PyUnicode_FromString("answer");
    if (!b || !ns || !name || PyDict_SetItemString(ns, "__name__", name) < 0 ||
        PyDict_SetItemString(ns, "__builtins__", b) < 0)
        goto fail;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(answer_ns, &pos, &k, &v)) {
        if (!PyUnicode_CheckExact(k) || is_dunder(k) || PyDict_Contains(pristine, k) != 0)
            continue;
        if (PyDict_SetItem(ns, k, v) < 0)
            goto fail;
    }
    PyErr_Clear();
    Py_DECREF(name);
    *builtins = b;
    return ns;
fail:
    Py_XDECREF(b);
    Py_XDECREF(ns);
    Py_XDECREF(name);
    return NULL;
}

/* After setup and after expr: the test's builtins are still the pristine
 * ones, and its namespace binds no builtin's name (an answer that walked up
 * to the test's frame could otherwise swap what the test calls). Reads
 * only exact strings and identities: no object of the answer's is asked
 * anything. */
static int test_intact(PyObject *ns, PyObject *b)
{
    PyObject *pristine = pyembed_pristine_builtins();
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    int ok = PyDict_GetItemString(ns, "__builtins__") == b && PyDict_GET_SIZE(b) == PyDict_GET_SIZE(pristine);
    while (ok && PyDict_Next(b, &pos, &k, &v))
        ok = PyUnicode_CheckExact(k) && PyDict_GetItemWithError(pristine, k) == v;
    pos = 0;
    while (ok && PyDict_Next(ns, &pos, &k, &v))
        ok = PyUnicode_CheckExact(k) && (is_dunder(k) || PyDict_Contains(pristine, k) == 0);
    PyErr_Clear();
    return ok;
}

static void job_tests(const runner_job *job)
{
    PyObject *code = codecache_compile(job->source, "answer.py", Py_file_input);
    if (!code) {
        send_syntax();
        return;
    }
    /* The answer's own code runs over the interpreter's builtins; each
     * test then gets namespaces of its own. The builtins module and the
     * rest of the library stay as loaded (libguard.c). */
    PyObject *interp_builtins = PyEval_GetBuiltins(); /* borrowed */
    size_t *order = xcalloc(job->ntests ? job->ntests : 1, sizeof *order);
    runner_test_order(job->tests, job->ntests, order);
    libguard_arm();
    for (size_t k = 0; k < job->ntests; k++) {
        size_t i = order[k];
        if (job->run_mask && !job->run_mask[i])
            continue;
        const drill_test *t = &job->tests[i];
        free(test_denied);
        test_denied = NULL;
        flush_stdio();
        if (t->hidden && !shown_out) {
            /* sent now, so that the parent has it should the child be
             * killed in a hidden test */
            shown_out = capture_read(out_fd, 0, fd_size(out_fd), &shown_out_len);
            shown_err = capture_read(err_fd, 0, fd_size(err_fd), &shown_err_len);
            cJSON *h = cJSON_CreateObject();
            cJSON_AddStringToObject(h, "t", "hidden");
            add_text(h, "out", shown_out, shown_out_len);
            add_text(h, "err", shown_err, shown_err_len);
            send_record(h);
        }
        off_t from = fd_size(out_fd);
        PyObject *ans = fresh_namespace("answer", interp_builtins);
        if (!ans)
            fatal("cannot make the answer's namespace");
        /* Where an exception came from matters: a `raises` test is met
         * by setup or expr raising, not by the answer failing to load. */
        const char *phase = "answer";
        libguard_test(NULL, NULL);
        PyObject *r = PyEval_EvalCode(code, ans, ans);
        libguard_settle(0);
        PyObject *ns = NULL, *b = NULL;
        PyObject *sc = NULL, *ec = NULL;
        int tampered = libguard_tripped();
        if (r && !tampered) {
            Py_DECREF(r);
            /* a test's `stdout` is what setup and expr print (SPEC 2.4),
             * not what the answer's module prints as it loads */
            flush_stdio();
            from = fd_size(out_fd);
            ns = test_namespace(ans, &b);
            if (!ns)
                fatal("cannot make a test's namespace");
            pyembed_guard_start(b, ns);
            r = Py_None;
            Py_INCREF(r);
        }
        if (r && !tampered) {
            sc = t->setup ? codecache_get(t->setup, "<setup>", Py_file_input) : NULL;
            ec = codecache_get(t->expr, "<test>", Py_eval_input);
            libguard_test(sc, ec);
        }
        if (r && !tampered && t->setup) {
            Py_DECREF(r);
            phase = "setup";
            pyembed_guard_setup(sc);
            r = sc ? PyEval_EvalCode(sc, ns, ns) : NULL;
            libguard_settle(1);
            tampered = libguard_tripped() || (r && !test_intact(ns, b));
        }
        if (r && !tampered) {
            Py_DECREF(r);
            phase = "expr";
            pyembed_guard_expr(t->expr);
            r = ec ? PyEval_EvalCode(ec, ns, ns) : NULL;
            libguard_settle(0);
            tampered = libguard_tripped();
        }
        libguard_test(NULL, NULL);
        Py_XDECREF(sc);
        Py_XDECREF(ec);
        if (ns) {
            /* the check must not eat the exception the test may expect */
            PyObject *et, *ev, *etb;
            PyErr_Fetch(&et, &ev, &etb);
            tampered |= pyembed_guard_stop();
            tampered |= !test_intact(ns, b);
            PyErr_Restore(et, ev, etb);
        }
        if (tampered) {
            Py_XDECREF(r);
            PyErr_Clear();
            /* (the library guard has said what, if it was the library) */
            sandbox_notify_denied("changing the builtins or names a test uses");
            break;
        }
        send_outcome((int)i, r, from, phase);
        Py_XDECREF(r);
        if (ns)
            PyDict_Clear(ns);
        Py_XDECREF(ns);
        Py_XDECREF(b);
        PyDict_Clear(ans);
        Py_DECREF(ans);
        PyErr_Clear();
    }
    free(order);
    Py_DECREF(code);
}

static void job_eval(const runner_job *job)
{
    PyObject *builtins = PyEval_GetBuiltins();
    for (size_t i = 0; i < job->nexprs; i++) {
        flush_stdio();
        off_t from = fd_size(out_fd);
        PyObject *ns = fresh_namespace("__main__", builtins);
        if (!ns)
            fatal("cannot make a namespace");
        PyObject *ec = codecache_compile(job->exprs[i], "<expect>", Py_eval_input);
        PyObject *r = ec ? PyEval_EvalCode(ec, ns, ns) : NULL;
        Py_XDECREF(ec);
        send_outcome((int)i, r, from, NULL);
        Py_XDECREF(r);
        Py_DECREF(ns);
    }
}

static void job_probe(const runner_job *job)
{
    for (size_t i = 0; i < job->nexprs; i++) {
        off_t from = fd_size(out_fd);
        PyObject *m = PyImport_ImportModule(job->exprs[i]);
        if (m) {
            Py_DECREF(m);
            send_outcome((int)i, Py_True, from, NULL);
        } else {
            send_outcome((int)i, NULL, from, NULL);
        }
    }
}

/* The interactive prompt, statement by statement: each top-level statement
 * is compiled on its own in 'single' mode, so expression values are echoed
 * by sys.displayhook and constants are not shared between statements. */
static const char repl_driver[] =
    "def __pydrill_repl(src, ns, line_of):\n"
    "    import ast, sys\n"
    "    try:\n"
    "        tree = ast.parse(src, '<stdin>')\n"
    "    except SyntaxError as e:\n"
    "        print(line_of(e), flush=True)\n"
    "        return\n"
    "    for node in tree.body:\n"
    "        try:\n"
    "            code = compile(ast.Interactive(body=[node]), '<stdin>', 'single')\n"
    "            exec(code, ns)\n"
    "        except SystemExit:\n"
    "            return\n"
    "        except BaseException as e:\n"
    "            try:\n"
    "                sys.stdout.flush()\n"
    "            except BaseException:\n"
    "                pass\n"
    "            print(line_of(e), file=sys.__stdout__, flush=True)\n";

static PyObject *py_exception_line(PyObject *self, PyObject *exc)
{
    (void)self;
    char *line = child_exc_line(exc);
    PyObject *r = PyUnicode_FromString(line);
    free(line);
    return r;
}

static PyMethodDef line_of_def = { "line_of", py_exception_line, METH_O, NULL };

/* Takes the pending exception and returns its "Name: message" line, or
 * NULL for SystemExit, which ends a program quietly. */
static char *take_exception_line(void)
{
    PyObject *type, *val, *tb;
    PyErr_Fetch(&type, &val, &tb);
    PyErr_NormalizeException(&type, &val, &tb);
    if (tb && val)
        PyException_SetTraceback(val, tb);
    char *line = NULL;
    if (val && PyErr_GivenExceptionMatches(val, PyExc_MemoryError))
        send_limit("memory");
    if (val && !PyErr_GivenExceptionMatches(val, PyExc_SystemExit))
        line = child_exc_line(val);
    Py_XDECREF(type);
    Py_XDECREF(val);
    Py_XDECREF(tb);
    PyErr_Clear();
    return line;
}

static void job_predict(const runner_job *job)
{
    PyObject *builtins_mod = PyImport_ImportModule("builtins");
    PyObject *ns = builtins_mod ? fresh_namespace("__main__", builtins_mod) : NULL;
    Py_XDECREF(builtins_mod);
    if (!ns)
        fatal("cannot make a namespace");
    char *exc_line = NULL;
    if (job->repl) {
        PyObject *driver_ns = fresh_namespace("__pydrill__", PyEval_GetBuiltins());
        if (!driver_ns)
            fatal("cannot make a namespace");
        PyObject *r = exec_in(repl_driver, "<pydrill>", driver_ns);
        PyObject *fn = r ? PyDict_GetItemString(driver_ns, "__pydrill_repl") : NULL;
        PyObject *line_of = PyCFunction_New(&line_of_def, NULL);
        Py_XDECREF(r);
        r = fn ? PyObject_CallFunction(fn, "sOO", job->source, ns, line_of) : NULL;
        if (!r)
            exc_line = take_exception_line();
        Py_XDECREF(r);
        Py_XDECREF(line_of);
        Py_DECREF(driver_ns);
    } else {
        PyObject *r = exec_in(job->source, "<string>", ns);
        if (!r)
            exc_line = take_exception_line();
        Py_XDECREF(r);
    }
    flush_stdio();
    size_t n;
    char *out = capture_read(out_fd, 0, fd_size(out_fd), &n);
    sbuf sb;
    sbuf_init(&sb);
    sbuf_add(&sb, out, n);
    free(out);
    if (exc_line) {
        if (sb.len && sb.buf[sb.len - 1] != '\n')
            sbuf_addch(&sb, '\n');
        sbuf_addstr(&sb, exc_line);
        sbuf_addch(&sb, '\n');
        free(exc_line);
    }
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "t", "predict");
    add_text(rec, "out", sb.buf, sb.len);
    sbuf_release(&sb);
    send_record(rec);
    PyErr_Clear();
    PyDict_Clear(ns);
    Py_DECREF(ns);
}

/* given: a capture the parent made (it keeps a descriptor of its own), or -1 */
static int make_capture(const char *name, int target, int given)
{
    int fd = given >= 0 ? given : memfd_create(name, MFD_CLOEXEC);
    if (fd < 0 || dup2(fd, target) < 0)
        fatal("cannot create the output capture");
    /* The private copy stays out of the low fds an answer is likely to
     * close or reuse. */
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, 200);
    close(fd);
    if (hi < 0)
        fatal("cannot keep the output capture");
    return hi;
}

static int cmp_fd(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The child inherits every descriptor the parent has: among them the read
 * ends of the other children's result channels, which an answer could
 * drain to make their answers fail. Only its own stay open. */
static void close_inherited(int ruleset)
{
    int keep[] = { 2, out_fd, err_fd, chan_fd, ruleset };
    qsort(keep, ARRAY_SIZE(keep), sizeof keep[0], cmp_fd);
    unsigned from = 3;
    for (size_t i = 0; i < ARRAY_SIZE(keep); i++) {
        if (keep[i] < (int)from)
            continue;
        if ((unsigned)keep[i] > from && syscall(SYS_close_range, from, (unsigned)keep[i] - 1, 0) < 0)
            fatal("cannot close inherited descriptors");
        from = (unsigned)keep[i] + 1;
    }
    if (syscall(SYS_close_range, from, ~0U, 0) < 0)
        fatal("cannot close inherited descriptors");
}

/* Default dispositions, nothing blocked: a signal that ends the child must
 * end it the ordinary way, so that the parent can read why from its status.
 * A worker does it once for all its children. */
static int signals_clean;

void child_reset_signals(void)
{
    for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP)
            signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signals_clean = 1;
}

/* The C environment an answer's libraries see: the same clean one the
 * interpreters were started with (pyembed.c), nothing of the grader's. */
static void clean_environment(void)
{
    if (clearenv() != 0 || setenv("PATH", "/usr/bin:/bin", 1) < 0 || setenv("LANG", "C.UTF-8", 1) < 0 ||
        setenv("HOME", ".", 1) < 0 || setenv("TMPDIR", ".", 1) < 0)
        fatal("cannot reset the environment");
}

void child_main(const runner_job *job, const run_limits *limits, pid_t parent, int chan, const char *secret,
                const char *scratch, int ruleset, int out_cap)
{
    /* Dies with the grader: an answer that sleeps must not outlive a
     * parent killed with -9. The parent may be gone already. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
        _exit(124);
    chan_fd = fcntl(chan, F_DUPFD_CLOEXEC, 230);
    if (chan_fd < 0)
        _exit(123);
    close(chan);
    snprintf(chan_secret, sizeof chan_secret, "%s", secret);

    if (!signals_clean)
        child_reset_signals();

    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, 0) < 0)
        fatal("cannot open /dev/null");
    if (devnull != 0)
        close(devnull);
    out_fd = make_capture("stdout", 1, out_cap);
    err_fd = make_capture("stderr", 2, -1);
    close_inherited(ruleset);
    if (chdir(scratch) < 0)
        fatal("cannot enter the scratch folder");
    clean_environment();

    pyembed_after_fork();
    keep_real_streams();
    sandbox_on_deny(on_deny);
    sandbox_limits lim = {
        .cpu_seconds = limits->cpu_seconds,
        .memory_bytes = limits->memory_bytes,
        .base_bytes = limits->base_bytes,
        .file_bytes = limits->file_bytes,
        .scratch = scratch,
    };
    char *err = NULL;
    if (sandbox_enter(&lim, ruleset, &err) < 0)
        fatal(err);
    sandbox_arm();
    /* The start-up allowance ends here: from now on the clock is the
     * answer's, and its first test gets the same time as any other. */
    cJSON *ready = cJSON_CreateObject();
    cJSON_AddStringToObject(ready, "t", "ready");
    send_record(ready);

    want_tracebacks = job->tracebacks;
    switch (job->kind) {
    case JOB_TESTS:
        job_tests(job);
        break;
    case JOB_EVAL:
        job_eval(job);
        break;
    case JOB_PROBE:
        job_probe(job);
        break;
    case JOB_PREDICT:
        job_predict(job);
        break;
    case JOB_TRACE:
        trace_job(job, &(trace_io){ .send = send_record, .exception_line = child_exc_line,
                                    .flush = flush_stdio, .repl_driver = repl_driver, .out_fd = out_fd });
        break;
    }

    flush_stdio();
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "t", "done");
    if (shown_out) {
        add_text(rec, "out", shown_out, shown_out_len);
        add_text(rec, "err", shown_err, shown_err_len);
    } else {
        size_t n;
        char *out = capture_read(out_fd, 0, fd_size(out_fd), &n);
        add_text(rec, "out", out, n);
        free(out);
        char *errtext = capture_read(err_fd, 0, fd_size(err_fd), &n);
        add_text(rec, "err", errtext, n);
        free(errtext);
    }
    send_record(rec);
    /* No finalisation: threads the answer left running end with us. */
    _exit(0);
}
