/* trace.c - the tracer, in the child: see trace.h.
 *
 * A C-level trace function (PyEval_SetTrace) sees every line, return and
 * exception event of the thread; it keeps those of the snippet's own code
 * (its compiled code objects, or in repl mode the prompt's file name) and
 * takes a snapshot at each: the snippet's frames, innermost first for the
 * budgets' sake, their names, and breadth first from them the objects
 * reached. While it looks, the interpreter does not trace (a trace
 * function is not traced), the collector is held off (so that no finaliser
 * of the snippet's runs in the middle of a snapshot) and nothing of the
 * snippet's is called: reprs are composed in C from the built-in types'
 * own C slots (trace_repr.c), and attributes are read from instance dicts,
 * never through __getattr__. */
#define _GNU_SOURCE
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "trace.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pyembed.h"
#include "trace_repr.h"
#include "util.h"

/* Frames looked at per step, the snippet's or not (a deep stack of
 * library frames is not walked to its bottom). */
#define FRAME_WALK_MAX 1000
/* Entries of a frame's namespace looked at per step: names past the names
 * budget are counted up to here, the rest by the namespace's size. */
#define NAMES_COUNT_MAX 4096
/* Entries of an instance's or class's dict looked at per object drawn. */
#define ATTRS_LOOK_MAX 256

enum {
    CUT_STEPS, CUT_OBJECTS, CUT_ITEMS, CUT_DEPTH, CUT_REPR, CUT_FRAMES, CUT_NAMES, CUT_OUTPUT,
    CUT_MESSAGE, CUT_NAME,
    CUT_TRACER, /* the snippet removed the tracer (sys.settrace): no limit, hence 0 */
    NCUTS
};

static const struct {
    const char *name;
    long limit;
} budgets[NCUTS] = {
    [CUT_STEPS] = { "steps", TRACE_MAX_STEPS },     [CUT_OBJECTS] = { "objects", TRACE_MAX_OBJECTS },
    [CUT_ITEMS] = { "items", TRACE_MAX_ITEMS },     [CUT_DEPTH] = { "depth", TRACE_MAX_DEPTH },
    [CUT_REPR] = { "repr", TRACE_MAX_REPR },        [CUT_FRAMES] = { "frames", TRACE_MAX_FRAMES },
    [CUT_NAMES] = { "names", TRACE_MAX_NAMES },     [CUT_OUTPUT] = { "output", TRACE_MAX_OUTPUT },
    [CUT_MESSAGE] = { "message", TRACE_MAX_MESSAGE }, [CUT_NAME] = { "name", TRACE_MAX_NAME },
    [CUT_TRACER] = { "tracer", 0 },
};

/* An address the trace has named. The type is kept so that an address
 * reused by an object of another type is never taken for the old one. */
typedef struct {
    uintptr_t addr; /* 0: free */
    PyTypeObject *type;
    unsigned id;
    unsigned seen; /* the last step that referred to it */
} idslot;

/* An object reached in the current step, held until the step is sent. */
typedef struct {
    PyObject *o;
    unsigned id;
    int depth;
} reached;

static struct {
    const trace_io *io;
    PyObject **codes; /* the snippet's code objects (open addressing), or NULL in repl mode */
    size_t codes_cap;
    const char *filename; /* repl mode: the prompt's file name */
    idslot *ids;
    size_t ids_cap, ids_used;
    unsigned next_id;
    unsigned step; /* steps taken so far */
    unsigned cuts; /* budgets already reported */
    off_t out_seen; /* output bytes handed to a step, or skipped */
    size_t out_sent;
    int busy, stopped;
    int removed; /* the snippet took the tracer away before its end */
    int uncompiled; /* the snippet did not compile: nothing of it ran */
    /* generator frames left at a yield (identity only, never followed):
     * their next step says the frame was resumed, not called afresh */
    const PyFrameObject **suspended;
    size_t nsuspended, suspended_cap;
    /* the tracer's own object, and sys.gettrace as it was before the
     * code ran: while the mark comes back, the tracer is still installed */
    PyObject *mark, *gettrace;
} T;

/* What one step builds. */
typedef struct {
    reached *q;
    size_t n, cap;
    unsigned cut; /* budgets this step hit */
} step_ctx;

/* ---- small helpers ---------------------------------------------------- */

static size_t ptr_hash(const void *p, size_t cap)
{
    return (size_t)((((uintptr_t)p) >> 4) * 0x9E3779B97F4A7C15ull) & (cap - 1);
}

static void code_add(PyObject *co);

static void code_collect(PyObject *co, int depth)
{
    if (depth > 100 || !PyCode_Check(co))
        return;
    code_add(co);
    PyObject *consts = PyObject_GetAttrString(co, "co_consts");
    for (Py_ssize_t i = 0; consts && PyTuple_Check(consts) && i < PyTuple_GET_SIZE(consts); i++)
        code_collect(PyTuple_GET_ITEM(consts, i), depth + 1);
    Py_XDECREF(consts);
    PyErr_Clear();
}

static void code_add(PyObject *co)
{
    if (!T.codes) {
        T.codes_cap = 64;
        T.codes = xcalloc(T.codes_cap, sizeof *T.codes);
    }
    size_t n = 0;
    for (size_t i = 0; i < T.codes_cap; i++)
        n += T.codes[i] != NULL;
    if (2 * (n + 1) > T.codes_cap) {
        PyObject **old = T.codes;
        size_t oldcap = T.codes_cap;
        T.codes_cap *= 2;
        T.codes = xcalloc(T.codes_cap, sizeof *T.codes);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i])
                code_add(old[i]);
        free(old);
    }
    size_t i = ptr_hash(co, T.codes_cap);
    while (T.codes[i] && T.codes[i] != co)
        i = (i + 1) & (T.codes_cap - 1);
    T.codes[i] = co;
}

/* 1 if frame f runs the snippet's own code. */
static int is_snippet(PyFrameObject *f)
{
    PyCodeObject *co = PyFrame_GetCode(f);
    int yes = 0;
    if (T.codes) {
        for (size_t i = ptr_hash(co, T.codes_cap); T.codes[i]; i = (i + 1) & (T.codes_cap - 1))
            if (T.codes[i] == (PyObject *)co) {
                yes = 1;
                break;
            }
    } else {
        PyObject *fn = PyObject_GetAttrString((PyObject *)co, "co_filename");
        yes = fn && PyUnicode_Check(fn) && PyUnicode_CompareWithASCIIString(fn, T.filename) == 0;
        Py_XDECREF(fn);
        PyErr_Clear();
    }
    Py_DECREF(co);
    return yes;
}

static char *idstr(unsigned id, char buf[16])
{
    snprintf(buf, 16, "o%u", id);
    return buf;
}

/* ---- ids -------------------------------------------------------------- */

static void ids_insert(idslot e)
{
    size_t j = ptr_hash((void *)e.addr, T.ids_cap);
    while (T.ids[j].addr)
        j = (j + 1) & (T.ids_cap - 1);
    T.ids[j] = e;
    T.ids_used++;
}

static idslot *id_slot(PyObject *o)
{
    if (2 * (T.ids_used + 1) > T.ids_cap) {
        /* what the last two steps did not see has lost its id anyway
         * (ref): the map holds about two steps' worth, not the trace's */
        idslot *old = T.ids;
        size_t oldcap = T.ids_cap, live = 0;
        for (size_t i = 0; i < oldcap; i++)
            live += old[i].addr && old[i].seen + 1 >= T.step;
        T.ids_cap = 1024;
        while (T.ids_cap < 4 * (live + 1))
            T.ids_cap *= 2;
        T.ids = xcalloc(T.ids_cap, sizeof *T.ids);
        T.ids_used = 0;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].addr && old[i].seen + 1 >= T.step)
                ids_insert(old[i]);
        free(old);
    }
    size_t i = ptr_hash(o, T.ids_cap);
    while (T.ids[i].addr && T.ids[i].addr != (uintptr_t)o)
        i = (i + 1) & (T.ids_cap - 1);
    if (!T.ids[i].addr)
        T.ids_used++;
    return &T.ids[i];
}

/* The id of o in this step, queued to be described the first time. An id
 * holds while consecutive steps see the object: one that was out of sight
 * may have died, and its address been reused. */
static unsigned ref(step_ctx *s, PyObject *o, int depth)
{
    idslot *e = id_slot(o);
    if (e->addr == (uintptr_t)o && e->type == Py_TYPE(o) && e->seen == T.step)
        return e->id; /* already queued this step */
    if (!(e->addr == (uintptr_t)o && e->type == Py_TYPE(o) && e->seen + 1 == T.step)) {
        e->addr = (uintptr_t)o;
        e->type = Py_TYPE(o);
        e->id = ++T.next_id;
    }
    e->seen = T.step;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->q = xrealloc(s->q, s->cap * sizeof *s->q);
    }
    Py_INCREF(o);
    s->q[s->n++] = (reached){ o, e->id, depth };
    return e->id;
}

static void add_ref(cJSON *arr, step_ctx *s, PyObject *o, int depth)
{
    char id[16];
    cJSON_AddItemToArray(arr, cJSON_CreateString(idstr(ref(s, o, depth), id)));
}

static void add_named_ref(cJSON *obj, const char *name, size_t n, step_ctx *s, PyObject *o, int depth)
{
    char id[16];
    int cut;
    char *clean = trace_repr_text(name, n, TRACE_MAX_NAME, &cut);
    if (cut)
        s->cut |= 1u << CUT_NAME;
    cJSON_AddStringToObject(obj, clean, idstr(ref(s, o, depth), id));
    free(clean);
}

/* ---- what an object holds --------------------------------------------- */

typedef struct {
    step_ctx *s;
    cJSON *items;
    int depth;
    size_t n;
} item_walk;

static int set_item(PyObject *item, void *arg)
{
    item_walk *w = arg;
    if (w->n++ == TRACE_MAX_ITEMS)
        return 1;
    add_ref(w->items, w->s, item, w->depth);
    return 0;
}

static void more(cJSON *d, step_ctx *s, Py_ssize_t total, size_t shown)
{
    if ((size_t)total > shown) {
        cJSON_AddNumberToObject(d, "more", (double)((size_t)total - shown));
        s->cut |= 1u << CUT_ITEMS;
    }
}

/* name -> id for the non-dunder string keys of dict m, at most the items
 * budget. The walk stops there (or after ATTRS_LOOK_MAX entries skipped or
 * not): the rest is counted by the dict's size, so an instance with 10^5
 * attributes costs a step no more than one with 20. */
static void add_attrs(cJSON *d, const char *key, step_ctx *s, PyObject *m, int depth)
{
    Py_ssize_t pos = 0, visited = 0;
    PyObject *k, *v;
    size_t shown = 0, rest = 0;
    cJSON *attrs = NULL;
    while (PyDict_Next(m, &pos, &k, &v)) {
        if (shown == TRACE_MAX_ITEMS || visited == ATTRS_LOOK_MAX) {
            rest = (size_t)(PyDict_GET_SIZE(m) - visited);
            break;
        }
        visited++;
        if (!PyUnicode_CheckExact(k))
            continue;
        Py_ssize_t n;
        const char *u = PyUnicode_AsUTF8AndSize(k, &n);
        if (!u || (n > 4 && !strncmp(u, "__", 2) && !strcmp(u + n - 2, "__"))) {
            PyErr_Clear();
            continue;
        }
        if (!attrs)
            attrs = cJSON_AddObjectToObject(d, key);
        add_named_ref(attrs, u, (size_t)n, s, v, depth);
        shown++;
    }
    more(d, s, (Py_ssize_t)(shown + rest), shown);
}

static int has_children(PyObject *o)
{
    if (PyList_Check(o))
        return PyList_GET_SIZE(o) > 0;
    if (PyTuple_Check(o))
        return PyTuple_GET_SIZE(o) > 0;
    if (PyDict_Check(o))
        return PyDict_GET_SIZE(o) > 0;
    if (PyAnySet_Check(o))
        return PySet_GET_SIZE(o) > 0;
    return PyFunction_Check(o) || PyCell_Check(o) || PyMethod_Check(o) ||
           (Py_TYPE(o)->tp_flags & Py_TPFLAGS_HEAPTYPE) || PyType_Check(o);
}

static void add_children(cJSON *d, step_ctx *s, PyObject *o, int depth)
{
    if (depth >= TRACE_MAX_DEPTH) {
        if (has_children(o)) {
            cJSON_AddBoolToObject(d, "deep", 1);
            s->cut |= 1u << CUT_DEPTH;
        }
        return;
    }
    int next = depth + 1;
    if (PyList_Check(o) || PyTuple_Check(o)) {
        Py_ssize_t n = PyList_Check(o) ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
        size_t shown = (size_t)n < TRACE_MAX_ITEMS ? (size_t)n : TRACE_MAX_ITEMS;
        cJSON *items = cJSON_AddArrayToObject(d, "items");
        for (size_t i = 0; i < shown; i++)
            add_ref(items, s, PyList_Check(o) ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i), next);
        more(d, s, n, shown);
    } else if (PyDict_Check(o)) {
        cJSON *keys = cJSON_AddArrayToObject(d, "keys");
        cJSON *items = cJSON_AddArrayToObject(d, "items");
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        size_t shown = 0;
        while (shown < TRACE_MAX_ITEMS && PyDict_Next(o, &pos, &k, &v)) {
            add_ref(keys, s, k, next);
            add_ref(items, s, v, next);
            shown++;
        }
        more(d, s, PyDict_GET_SIZE(o), shown);
    } else if (PyAnySet_Check(o)) {
        item_walk w = { s, cJSON_AddArrayToObject(d, "items"), next, 0 };
        trace_repr_set_each(o, set_item, &w);
        more(d, s, PySet_GET_SIZE(o), w.n < TRACE_MAX_ITEMS ? w.n : TRACE_MAX_ITEMS);
    } else if (PyCell_Check(o)) {
        PyObject *v = PyCell_Get(o);
        PyErr_Clear();
        cJSON *items = cJSON_AddArrayToObject(d, "items");
        if (v)
            add_ref(items, s, v, next);
        Py_XDECREF(v);
    } else if (PyFunction_Check(o)) {
        PyObject *defs = PyFunction_GetDefaults(o); /* borrowed, each */
        if (defs && PyTuple_Check(defs)) {
            cJSON *a = cJSON_AddArrayToObject(d, "defaults");
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(defs) && i < TRACE_MAX_ITEMS; i++)
                add_ref(a, s, PyTuple_GET_ITEM(defs, i), next);
        }
        PyObject *kw = PyFunction_GetKwDefaults(o);
        if (kw && PyDict_Check(kw))
            add_attrs(d, "kwdefaults", s, kw, next);
        PyObject *closure = PyFunction_GetClosure(o);
        PyObject *code = PyFunction_GetCode(o);
        PyObject *free_names = code ? PyCode_GetFreevars((PyCodeObject *)code) : NULL;
        if (closure && PyTuple_Check(closure) && free_names && PyTuple_Check(free_names)) {
            cJSON *c = cJSON_AddObjectToObject(d, "closure");
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(closure) && i < PyTuple_GET_SIZE(free_names); i++) {
                const char *u = PyUnicode_AsUTF8(PyTuple_GET_ITEM(free_names, i));
                if (u)
                    add_named_ref(c, u, strlen(u), s, PyTuple_GET_ITEM(closure, i), next);
            }
        }
        Py_XDECREF(free_names);
        PyErr_Clear();
    } else if (PyMethod_Check(o)) {
        cJSON *a = cJSON_AddObjectToObject(d, "attrs");
        add_named_ref(a, "__func__", 8, s, PyMethod_GET_FUNCTION(o), next);
        add_named_ref(a, "__self__", 8, s, PyMethod_GET_SELF(o), next);
    } else if (PyType_Check(o)) {
        if (((PyTypeObject *)o)->tp_flags & Py_TPFLAGS_HEAPTYPE) {
            PyObject *td = pyembed_type_dict((PyTypeObject *)o);
            if (td)
                add_attrs(d, "attrs", s, td, next);
            Py_XDECREF(td);
        }
    } else if ((Py_TYPE(o)->tp_flags & Py_TPFLAGS_HEAPTYPE) && !PyModule_Check(o)) {
        /* an instance of the snippet's class: its own attributes, read
         * from its dict without __getattr__ or properties */
        PyObject *dict = PyObject_GenericGetDict(o, NULL);
        if (dict && PyDict_Check(dict))
            add_attrs(d, "attrs", s, dict, next);
        Py_XDECREF(dict);
        PyErr_Clear();
    }
}

static cJSON *describe(step_ctx *s, const reached *r)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "type", trace_repr_type_name(Py_TYPE(r->o)));
    int cut = 0;
    char *repr = trace_repr(r->o, &cut);
    cJSON_AddStringToObject(d, "repr", repr);
    free(repr);
    if (cut)
        s->cut |= 1u << CUT_REPR;
    add_children(d, s, r->o, r->depth);
    return d;
}

/* ---- a step ----------------------------------------------------------- */

static int skip_name(PyObject *k)
{
    Py_ssize_t n;
    const char *u = PyUnicode_CheckExact(k) ? PyUnicode_AsUTF8AndSize(k, &n) : NULL;
    if (!u) {
        PyErr_Clear();
        return 1;
    }
    /* dunders are the module's own; ".0" is a comprehension's iterator */
    return u[0] == '.' || (n > 4 && !strncmp(u, "__", 2) && !strcmp(u + n - 2, "__"));
}

static cJSON *frame_record(step_ctx *s, PyFrameObject *f)
{
    cJSON *fr = cJSON_CreateObject();
    PyCodeObject *co = PyFrame_GetCode(f);
    sbuf name;
    sbuf_init(&name);
    trace_repr_attr(&name, (PyObject *)co, "co_name");
    Py_DECREF(co);
    cJSON_AddStringToObject(fr, "function", name.len ? name.buf : "?");
    sbuf_release(&name);
    cJSON_AddNumberToObject(fr, "line", PyFrame_GetLineNumber(f));
    cJSON *names = cJSON_AddObjectToObject(fr, "names");
    PyObject *m = pyembed_frame_names(f);
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    size_t n = 0, visited = 0, rest = 0;
    while (m && PyDict_Next(m, &pos, &k, &v)) {
        if (++visited > NAMES_COUNT_MAX) {
            /* past this, the rest is counted by the dict's size (dunders
             * included), so a huge namespace costs no walk of it a step */
            rest = (size_t)PyDict_GET_SIZE(m) - (visited - 1);
            break;
        }
        if (skip_name(k))
            continue;
        if (n++ >= TRACE_MAX_NAMES)
            continue; /* counted, in the frame's "more" */
        Py_ssize_t klen;
        const char *ku = PyUnicode_AsUTF8AndSize(k, &klen);
        if (ku)
            add_named_ref(names, ku, (size_t)klen, s, v, 0);
    }
    if (n > TRACE_MAX_NAMES || rest) {
        s->cut |= 1u << CUT_NAMES;
        cJSON_AddNumberToObject(fr, "more", (double)(n - (n > TRACE_MAX_NAMES ? TRACE_MAX_NAMES : n) + rest));
    }
    Py_XDECREF(m);
    PyErr_Clear();
    return fr;
}

/* Puts what was printed from T.out_seen up to size into o[key], within
 * what is left of the output budget; 1 when the budget cut it. */
static int put_output(cJSON *o, const char *key, off_t size)
{
    size_t n = (size_t)(size - T.out_seen);
    size_t room = TRACE_MAX_OUTPUT - T.out_sent;
    size_t take = n < room ? n : room;
    if (take) {
        char *buf = xmalloc(take);
        ssize_t r = pread(T.io->out_fd, buf, take, T.out_seen);
        if (r > 0) {
            char *clean = util_utf8_sanitize(buf, (size_t)r, NULL);
            cJSON_AddStringToObject(o, key, clean);
            free(clean);
            T.out_sent += (size_t)r;
        }
        free(buf);
    }
    return take < n;
}

/* What was printed since the last step (line-buffered, so whole lines). */
static void add_output(cJSON *step, step_ctx *s)
{
    struct stat st;
    if (fstat(T.io->out_fd, &st) < 0 || st.st_size <= T.out_seen)
        return;
    if (put_output(step, "out", st.st_size))
        s->cut |= 1u << CUT_OUTPUT;
    T.out_seen = st.st_size;
}

static void send_cuts(unsigned cut)
{
    for (int b = 0; b < NCUTS; b++) {
        if (!(cut & (1u << b)) || (T.cuts & (1u << b)))
            continue;
        T.cuts |= 1u << b;
        cJSON *rec = cJSON_CreateObject();
        cJSON_AddStringToObject(rec, "t", "trace");
        cJSON_AddStringToObject(rec, "k", "cut");
        cJSON_AddStringToObject(rec, "budget", budgets[b].name);
        cJSON_AddNumberToObject(rec, "limit", (double)budgets[b].limit);
        T.io->send(rec);
    }
}

/* 1 for a function's frame: a module or class body returns nothing
 * the snippet sees. */
static int returns_value(PyFrameObject *f)
{
    PyCodeObject *co = PyFrame_GetCode(f);
    PyObject *flags = PyObject_GetAttrString((PyObject *)co, "co_flags");
    long v = flags && PyLong_Check(flags) ? PyLong_AsLong(flags) : 0;
    Py_XDECREF(flags);
    Py_DECREF(co);
    PyErr_Clear();
    return (v & CO_OPTIMIZED) != 0;
}

/* Takes frame f off the suspended list; 1 if it was on it. */
static int unsuspend(const PyFrameObject *f)
{
    for (size_t i = 0; i < T.nsuspended; i++)
        if (T.suspended[i] == f) {
            T.suspended[i] = T.suspended[--T.nsuspended];
            return 1;
        }
    return 0;
}

static void suspend(const PyFrameObject *f)
{
    if (T.nsuspended == T.suspended_cap) {
        T.suspended_cap = T.suspended_cap ? 2 * T.suspended_cap : 16;
        T.suspended = xrealloc(T.suspended, T.suspended_cap * sizeof *T.suspended);
    }
    T.suspended[T.nsuspended++] = f;
}

static void snapshot(PyFrameObject *frame, int what, PyObject *arg)
{
    step_ctx s = { 0 };
    T.step++;
    /* the legacy trace API tells a yield as a return: the frame left
     * suspended says which it was */
    int yielded = what == PyTrace_RETURN && arg && pyembed_frame_suspended(frame);
    int resumed = unsuspend(frame) && what != PyTrace_RETURN;
    if (yielded)
        suspend(frame);
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "t", "trace");
    cJSON_AddStringToObject(rec, "k", "step");
    cJSON_AddStringToObject(rec, "event", what == PyTrace_LINE ? "line"
                                          : yielded            ? "yield"
                                          : what == PyTrace_RETURN ? "return"
                                                                   : "exception");
    if (resumed)
        cJSON_AddBoolToObject(rec, "resumed", 1);
    cJSON_AddNumberToObject(rec, "line", PyFrame_GetLineNumber(frame));
    char id[16];
    if (what == PyTrace_RETURN && arg && returns_value(frame))
        cJSON_AddStringToObject(rec, "return", idstr(ref(&s, arg, 0), id));
    if (what == PyTrace_EXCEPTION) {
        int cut;
        char *text = trace_repr_exception(arg, &cut);
        if (cut)
            s.cut |= 1u << CUT_MESSAGE;
        cJSON_AddStringToObject(rec, "exception", text);
        free(text);
    }
    /* the snippet's frames, innermost first: the budgets spare what the
     * step is about */
    cJSON *frames = cJSON_AddArrayToObject(rec, "frames");
    PyFrameObject *f = frame;
    Py_INCREF(f);
    size_t nframes = 0, walked = 0;
    while (f) {
        if (walked++ == FRAME_WALK_MAX) {
            s.cut |= 1u << CUT_FRAMES;
            Py_DECREF(f);
            break;
        }
        if (is_snippet(f)) {
            if (nframes++ == TRACE_MAX_FRAMES) {
                s.cut |= 1u << CUT_FRAMES;
                Py_DECREF(f);
                break;
            }
            cJSON_InsertItemInArray(frames, 0, frame_record(&s, f));
        }
        PyFrameObject *back = PyFrame_GetBack(f);
        Py_DECREF(f);
        f = back;
    }
    cJSON *objects = cJSON_AddObjectToObject(rec, "objects");
    for (size_t i = 0; i < s.n; i++) {
        if (i == TRACE_MAX_OBJECTS) {
            s.cut |= 1u << CUT_OBJECTS;
            break;
        }
        cJSON_AddItemToObject(objects, idstr(s.q[i].id, id), describe(&s, &s.q[i]));
    }
    add_output(rec, &s);
    if (s.cut) {
        cJSON *cuts = cJSON_AddArrayToObject(rec, "cut");
        for (int b = 0; b < NCUTS; b++)
            if (s.cut & (1u << b))
                cJSON_AddItemToArray(cuts, cJSON_CreateString(budgets[b].name));
    }
    send_cuts(s.cut);
    T.io->send(rec);
    for (size_t i = 0; i < s.n; i++)
        Py_DECREF(s.q[i].o);
    free(s.q);
    if (what == PyTrace_RETURN && !yielded)
        pyembed_frame_done(frame);
}

static int tracer(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg)
{
    (void)obj;
    if (T.busy || T.stopped || (what != PyTrace_LINE && what != PyTrace_RETURN && what != PyTrace_EXCEPTION))
        return 0;
    if (!is_snippet(frame))
        return 0;
    T.busy = 1;
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    if (T.step == TRACE_MAX_STEPS) {
        /* the rest runs untraced, to its end as graded */
        T.stopped = 1;
        send_cuts(1u << CUT_STEPS);
        PyEval_SetTrace(NULL, NULL);
        pyembed_frames_forget();
    } else {
        int gc_was = PyGC_Disable();
        snapshot(frame, what, arg);
        if (gc_was)
            PyGC_Enable();
    }
    PyErr_Clear();
    PyErr_Restore(et, ev, etb);
    T.busy = 0;
    return 0;
}

/* ---- the job ---------------------------------------------------------- */

static PyObject *py_line_of(PyObject *self, PyObject *exc)
{
    (void)self;
    char *line = T.io->exception_line(exc);
    PyObject *r = PyUnicode_FromString(line);
    free(line);
    return r;
}

static PyMethodDef line_of_def = { "line_of", py_line_of, METH_O, NULL };

static PyObject *namespace(const char *name, PyObject *builtins)
{
    PyObject *ns = PyDict_New();
    PyObject *n = PyUnicode_FromString(name);
    if (!ns || !n || PyDict_SetItemString(ns, "__name__", n) < 0 ||
        PyDict_SetItemString(ns, "__builtins__", builtins) < 0)
        Py_CLEAR(ns);
    Py_XDECREF(n);
    PyErr_Clear();
    return ns;
}

/* Steps show what was printed as it is printed: stdout flushes each line
 * (set while nothing of the snippet's has run yet). */
static void line_buffer_stdout(void)
{
    PyObject *out = PySys_GetObject("stdout"); /* borrowed */
    PyObject *fn = out ? PyObject_GetAttrString(out, "reconfigure") : NULL;
    PyObject *args = PyTuple_New(0);
    PyObject *kw = Py_BuildValue("{s:O}", "line_buffering", Py_True);
    PyObject *r = fn && args && kw ? PyObject_Call(fn, args, kw) : NULL;
    Py_XDECREF(r);
    Py_XDECREF(kw);
    Py_XDECREF(args);
    Py_XDECREF(fn);
    PyErr_Clear();
}

/* The tracer goes in with a mark of its own as its object, so that
 * whether the code removed it (sys.settrace(None)) is known through the
 * public API: sys.gettrace, the builtin taken before the code ran (not
 * what sys holds later), gives the mark back while it is still there. */
static void tracer_install(void)
{
    if (!T.mark)
        T.mark = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    if (!T.gettrace) {
        T.gettrace = PySys_GetObject("gettrace"); /* borrowed */
        Py_XINCREF(T.gettrace);
    }
    PyErr_Clear();
    PyEval_SetTrace(tracer, T.mark);
}

static int tracer_still_installed(void)
{
    if (!T.mark || !T.gettrace)
        return 1;
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    PyObject *cur = PyObject_CallNoArgs(T.gettrace);
    int ours = cur == T.mark;
    Py_XDECREF(cur);
    PyErr_Clear();
    PyErr_Restore(et, ev, etb);
    return ours;
}

/* Runs the snippet under the tracer; returns its result (NULL with the
 * exception pending when it raised). */
static PyObject *run_traced(const runner_job *job, PyObject *ns)
{
    if (job->repl) {
        PyObject *driver_ns = namespace("__pydrill__", PyEval_GetBuiltins());
        PyObject *code = driver_ns ? Py_CompileString(T.io->repl_driver, "<pydrill>", Py_file_input) : NULL;
        PyObject *r = code ? PyEval_EvalCode(code, driver_ns, driver_ns) : NULL;
        PyObject *fn = r ? PyDict_GetItemString(driver_ns, "__pydrill_repl") : NULL;
        PyObject *line_of = PyCFunction_New(&line_of_def, NULL);
        Py_XDECREF(r);
        Py_XDECREF(code);
        r = NULL;
        if (fn && line_of) {
            T.filename = "<stdin>";
            tracer_install();
            r = PyObject_CallFunction(fn, "sOO", job->source, ns, line_of);
            T.removed = !T.stopped && !tracer_still_installed();
            PyEval_SetTrace(NULL, NULL);
        }
        Py_XDECREF(line_of);
        Py_XDECREF(driver_ns);
        return r;
    }
    PyCompilerFlags flags = { .cf_flags = 0, .cf_feature_version = PY_MINOR_VERSION };
    PyObject *code = Py_CompileStringExFlags(job->source, "<string>", Py_file_input, &flags, -1);
    if (!code) {
        T.uncompiled = 1;
        return NULL;
    }
    code_collect(code, 0);
    tracer_install();
    PyObject *r = PyEval_EvalCode(code, ns, ns);
    T.removed = !T.stopped && !tracer_still_installed();
    PyEval_SetTrace(NULL, NULL);
    Py_DECREF(code);
    return r;
}

/* An int attribute of a SyntaxError the compiler made (nothing of the
 * snippet's has run: reading it calls nothing of the snippet's), else 0. */
static long syntax_int(PyObject *val, const char *attr)
{
    PyObject *o = PyObject_GetAttrString(val, attr);
    long v = o && PyLong_Check(o) ? PyLong_AsLong(o) : 0;
    Py_XDECREF(o);
    PyErr_Clear();
    return v > 0 ? v : 0;
}

/* Where the snippet does not compile, for the end record: no step shows
 * it ("at": {"line": N, "column": N}, the column 1-based, in characters). */
static void add_syntax_at(cJSON *end, PyObject *val)
{
    if (!PyObject_TypeCheck(val, (PyTypeObject *)PyExc_SyntaxError))
        return;
    long line = syntax_int(val, "lineno"), column = syntax_int(val, "offset");
    if (line <= 0)
        return;
    cJSON *at = cJSON_AddObjectToObject(end, "at");
    cJSON_AddNumberToObject(at, "line", (double)line);
    if (column > 0)
        cJSON_AddNumberToObject(at, "column", (double)column);
}

/* What was printed after the last step (the tracer gone, or the code's
 * last words): for the end record, within what is left of the output
 * budget, so that no print is lost from the view. */
static void add_output_after(cJSON *end, off_t size)
{
    if (size <= T.out_seen)
        return;
    if (put_output(end, "after", size))
        send_cuts(1u << CUT_OUTPUT);
}

void trace_job(const runner_job *job, const trace_io *io)
{
    memset(&T, 0, sizeof T);
    T.io = io;
    PyObject *builtins_mod = PyImport_ImportModule("builtins");
    PyObject *ns = builtins_mod ? namespace("__main__", builtins_mod) : NULL;
    Py_XDECREF(builtins_mod);
    cJSON *end = cJSON_CreateObject();
    cJSON_AddStringToObject(end, "t", "trace");
    cJSON_AddStringToObject(end, "k", "end");
    if (!ns) {
        cJSON_AddStringToObject(end, "error", "cannot make a namespace");
        io->send(end);
        return;
    }
    line_buffer_stdout();
    PyObject *r = run_traced(job, ns);
    if (!r) {
        PyObject *type, *val, *tb;
        PyErr_Fetch(&type, &val, &tb);
        PyErr_NormalizeException(&type, &val, &tb);
        if (tb && val)
            PyException_SetTraceback(val, tb);
        if (val && PyErr_GivenExceptionMatches(val, PyExc_MemoryError)) {
            cJSON *lim = cJSON_CreateObject();
            cJSON_AddStringToObject(lim, "t", "limit");
            cJSON_AddStringToObject(lim, "what", "memory");
            io->send(lim);
        }
        /* SystemExit ends a program quietly, as in a predict job */
        if (val && !PyErr_GivenExceptionMatches(val, PyExc_SystemExit)) {
            char *line = io->exception_line(val);
            int cut;
            char *clean = trace_repr_text(line, strlen(line), TRACE_MAX_MESSAGE, &cut);
            if (cut)
                send_cuts(1u << CUT_MESSAGE);
            cJSON_AddStringToObject(end, "exception", clean);
            free(clean);
            free(line);
            if (T.uncompiled)
                add_syntax_at(end, val);
        }
        Py_XDECREF(type);
        Py_XDECREF(val);
        Py_XDECREF(tb);
        PyErr_Clear();
    }
    Py_XDECREF(r);
    /* what it printed, as a predict job takes it: before the namespace
     * goes (finalisers that print then are not the snippet's output) */
    io->flush();
    struct stat st;
    off_t size = fstat(io->out_fd, &st) == 0 ? st.st_size : 0;
    off_t from = size > TRACE_MAX_FINAL_OUTPUT ? size - TRACE_MAX_FINAL_OUTPUT : 0;
    char *buf = xmalloc((size_t)(size - from) + 1);
    ssize_t got = size > from ? pread(io->out_fd, buf, (size_t)(size - from), from) : 0;
    char *clean = util_utf8_sanitize(buf, got > 0 ? (size_t)got : 0, NULL);
    cJSON_AddStringToObject(end, "out", clean);
    free(clean);
    free(buf);
    add_output_after(end, size);
    if (T.removed)
        send_cuts(1u << CUT_TRACER);
    cJSON_AddNumberToObject(end, "steps", T.step);
    io->send(end);
    PyErr_Clear();
    pyembed_frames_forget();
    free(T.codes);
    free(T.ids);
    free(T.suspended);
    Py_DECREF(ns);
}
