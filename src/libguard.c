/* libguard.c - the library a test calls stays the library as loaded.
 *
 * The snapshot walks sys.modules once, before any child (again when
 * planning loads a module a pack's tests import, libguard_preload): each
 * module, its dict, the mutable classes it binds (their bases and nested
 * classes too), the code of the functions found there, and
 * the objects of Python classes at its top level (json._default_encoder,
 * random._inst), whose dicts hold attributes that shadow their methods.
 * Every one of those dicts is watched (pyembed.c: live on 3.12+, by
 * comparison on 3.11). What no dict holds, a function's closure cells and
 * the code in a C descriptor (property, classmethod, staticmethod,
 * partial), is compared after each phase on every version
 * (libguard_slots.c). What counts as tampering is decided here, in one
 * place, for all of them.
 *
 * Who made a change: on 3.12+ the frame running when it is made (see
 * by_the_test). The test's own setup and expression may change the
 * library (a setup may replace builtins.input to feed an answer), and so
 * may library code with its own store instructions; an answer may not,
 * nor library code that only calls what an answer handed it. 3.11 can
 * only compare after each phase: after the setup it credits the setup
 * with the changes to names the setup's code stores, and it does not see
 * a change undone before its phase ends. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "libguard.h"
#include "libguard_slots.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pyembed.h"
#include "sandbox.h"
#include "util.h"

enum {
    LG_MODULES = 1, /* sys.modules */
    LG_MODULE,
    LG_MODULE_DICT,
    LG_TYPE,
    LG_TYPE_DICT,
    LG_OBJECT,
    LG_OBJECT_DICT,
    LG_CODE, /* code of a library function */
    LG_FUNCTION,
    LG_FIXED_DICT, /* a partial's keywords, a function's __kwdefaults__ */
};

/* How deep the walks go: classes nested in classes, code nested in code,
 * functions wrapped in functions (the library goes nowhere near as deep). */
#define LG_MAX_DEPTH 6
#define LG_TABLE_MIN 1024
#define LG_NAME_MAX 200
/* The instructions with which library code changes a namespace itself
 * (rather than calling something that does): their numbers differ between
 * versions, so they are read from the opcode module. */
static const char *const store_op_names[] = {
    "STORE_ATTR", "DELETE_ATTR", "STORE_GLOBAL", "DELETE_GLOBAL",
    "STORE_SUBSCR", "DELETE_SUBSCR", "STORE_NAME", "DELETE_NAME",
};
#define LG_STORE_OPS ARRAY_SIZE(store_op_names)
static int store_ops[LG_STORE_OPS];

typedef struct {
    const void *p;
    int kind;
    char *name;
} lg_entry;

static lg_entry *table;
static size_t table_cap, table_used, dicts_watched;
static int armed, sweeping, tripped;
static PyObject *trusted_setup, *trusted_expr;
/* 3.11, while the setup phase is compared: the names its code stores */
static PyObject *accepted;

static size_t slot_of(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (table_cap - 1);
}

static const lg_entry *find(const void *p)
{
    if (!table_cap || !p)
        return NULL;
    for (size_t i = slot_of(p);; i = (i + 1) & (table_cap - 1)) {
        if (table[i].p == p)
            return &table[i];
        if (!table[i].p)
            return NULL;
    }
}

static void table_free(void)
{
    for (size_t i = 0; i < table_cap; i++) {
        free(table[i].name);
        Py_XDECREF((PyObject *)table[i].p);
    }
    free(table);
    table = NULL;
    table_cap = table_used = dicts_watched = 0;
}

static void insert(const void *p, int kind, char *name)
{
    size_t i = slot_of(p);
    while (table[i].p)
        i = (i + 1) & (table_cap - 1);
    table[i] = (lg_entry){ p, kind, name };
    table_used++;
}

/* 1 if p was new (and is now known), 0 if known already. */
static int add(const void *p, int kind, const char *name)
{
    if (find(p))
        return 0;
    if (2 * (table_used + 1) > table_cap) {
        lg_entry *old = table;
        size_t old_cap = table_cap;
        table_cap = table_cap ? 2 * table_cap : LG_TABLE_MIN;
        table = xcalloc(table_cap, sizeof *table);
        table_used = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].p)
                insert(old[i].p, old[i].kind, old[i].name);
        free(old);
    }
    /* held, so that no object of the answer's can come to live at an
     * address the table knows (a library function rebound by library
     * code would otherwise free its code) */
    Py_INCREF((PyObject *)p);
    insert(p, kind, xstrdup(name));
    return 1;
}

static int watch(PyObject *d, int kind, const char *name)
{
    if (!add(d, kind, name))
        return 0;
    dicts_watched++;
    return pyembed_watch(d);
}

/* "collections.Counter": the class's module (from its own dict, so no
 * code runs) and qualified name. */
static void type_name(PyTypeObject *t, PyObject *d, char *buf, size_t n)
{
    PyObject *mod = PyDict_GetItemString(d, "__module__"); /* borrowed */
    PyObject *qual = PyType_GetQualName(t);
    const char *m = mod && PyUnicode_Check(mod) ? PyUnicode_AsUTF8(mod) : NULL;
    const char *q = qual ? PyUnicode_AsUTF8(qual) : NULL;
    snprintf(buf, n, "%s%s%s", m ? m : "", m ? "." : "", q ? q : t->tp_name);
    Py_XDECREF(qual);
    PyErr_Clear();
}

static int walk_type(PyTypeObject *t, int depth);
static const char *utf8(PyObject *s);

/* A library function's code, the code nested in it, and what it wraps
 * (functools.wraps' __wrapped__, a closure's functions). */
static void walk_code(PyObject *code, int depth)
{
    if (depth > LG_MAX_DEPTH || !PyCode_Check(code) || !add(code, LG_CODE, ""))
        return;
    PyObject *consts = PyObject_GetAttrString(code, "co_consts");
    for (Py_ssize_t i = 0; consts && PyTuple_Check(consts) && i < PyTuple_GET_SIZE(consts); i++)
        walk_code(PyTuple_GET_ITEM(consts, i), depth + 1);
    Py_XDECREF(consts);
    PyErr_Clear();
}

/* "fractions._operator_fallbacks.<locals>.forward" */
static void function_name(PyObject *f, char *buf, size_t n)
{
    PyObject *mod = PyFunction_GetModule(f); /* borrowed */
    PyObject *qual = PyObject_GetAttrString(f, "__qualname__");
    const char *m = mod && PyUnicode_Check(mod) ? PyUnicode_AsUTF8(mod) : NULL;
    const char *q = qual && PyUnicode_Check(qual) ? PyUnicode_AsUTF8(qual) : NULL;
    snprintf(buf, n, "%s%s%s", m ? m : "", m ? "." : "", q ? q : "?");
    Py_XDECREF(qual);
    PyErr_Clear();
}

/* A library function (every one, not every code: the closures that share
 * code hold cells of their own), or a descriptor whose slots hold one.
 * where names it for messages. */
static void walk_function(PyObject *v, const char *where, int depth)
{
    if (depth > LG_MAX_DEPTH)
        return;
    PyObject *kw = NULL;
    if (libguard_slots_descriptor(v, where, &kw)) {
        static const char *const inner[] = { "__func__", "fget", "fset", "fdel", "func" };
        if (kw)
            watch(kw, LG_FIXED_DICT, where);
        for (size_t i = 0; i < ARRAY_SIZE(inner); i++) {
            PyObject *f = PyObject_GetAttrString(v, inner[i]);
            if (f && f != Py_None)
                walk_function(f, where, depth + 1);
            Py_XDECREF(f);
            PyErr_Clear();
        }
        return;
    }
    if (!PyFunction_Check(v) || !add(v, LG_FUNCTION, ""))
        return;
    char name[LG_NAME_MAX];
    function_name(v, name, sizeof name);
    walk_code(PyFunction_GetCode(v), 0);
    libguard_slots_cells(v, name);
    /* changeable in place, as __defaults__ (a tuple) is not */
    PyObject *kwdefaults = PyFunction_GetKwDefaults(v); /* borrowed */
    if (kwdefaults && PyDict_Check(kwdefaults)) {
        char what[2 * LG_NAME_MAX];
        snprintf(what, sizeof what, "%s.__kwdefaults__", name);
        watch(kwdefaults, LG_FIXED_DICT, what);
    }
    /* (a function's dict is looked in, not made, by getattr) */
    PyObject *wrapped = PyObject_GetAttrString(v, "__wrapped__");
    if (wrapped)
        walk_function(wrapped, name, depth + 1);
    Py_XDECREF(wrapped);
    PyErr_Clear();
    PyObject *cells = PyFunction_GetClosure(v); /* borrowed */
    for (Py_ssize_t i = 0; cells && PyTuple_Check(cells) && i < PyTuple_GET_SIZE(cells); i++) {
        PyObject *c = PyCell_GET(PyTuple_GET_ITEM(cells, i));
        if (c)
            walk_function(c, name, depth + 1);
    }
    PyErr_Clear();
}

static int walk_object(PyObject *v, const char *name);

/* An object of a Python class that works as a descriptor in a library
 * class (functools.cached_property, enum.property): what it runs is in
 * its own dict (func, fget), which __init__ can change again. */
static int is_python_descriptor(PyObject *v)
{
    PyTypeObject *t = Py_TYPE(v);
    return !PyType_Check(v) && !PyFunction_Check(v) && t->tp_descr_get && t->tp_dictoffset != 0 &&
           PyType_HasFeature(t, Py_TPFLAGS_HEAPTYPE) && !PyType_HasFeature(t, Py_TPFLAGS_IMMUTABLETYPE);
}

static int walk_descriptor_object(PyObject *v, const char *where, int depth)
{
    if (walk_object(v, where) < 0)
        return -1;
    PyObject *d = pyembed_object_dict(v);
    Py_ssize_t pos = 0;
    PyObject *k, *f;
    while (d && PyDict_Next(d, &pos, &k, &f))
        walk_function(f, where, depth + 1);
    Py_XDECREF(d);
    return 0;
}

static int walk_class_dict(PyObject *d, const char *cls, int depth)
{
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &pos, &k, &v)) {
        if (PyType_Check(v) && walk_type((PyTypeObject *)v, depth + 1) < 0)
            return -1;
        char where[2 * LG_NAME_MAX];
        snprintf(where, sizeof where, "%s.%s", cls, utf8(k));
        walk_function(v, where, 0);
        if (is_python_descriptor(v) && walk_descriptor_object(v, where, depth) < 0)
            return -1;
    }
    return 0;
}

/* A class that Python code can change (not a static or immutable type),
 * with its dict, its bases and the classes nested in it. */
static int walk_type(PyTypeObject *t, int depth)
{
    if (depth > LG_MAX_DEPTH || PyType_HasFeature(t, Py_TPFLAGS_IMMUTABLETYPE) || find(t))
        return 0;
    PyObject *d = pyembed_type_dict(t);
    if (!d)
        return 0;
    char name[LG_NAME_MAX];
    type_name(t, d, name, sizeof name);
    add(t, LG_TYPE, name);
    int rc = watch(d, LG_TYPE_DICT, name);
    if (rc == 0)
        rc = walk_class_dict(d, name, depth);
    Py_DECREF(d);
    PyObject *mro = t->tp_mro; /* borrowed */
    for (Py_ssize_t i = 1; rc == 0 && mro && PyTuple_Check(mro) && i < PyTuple_GET_SIZE(mro); i++)
        rc = walk_type((PyTypeObject *)PyTuple_GET_ITEM(mro, i), depth + 1);
    return rc;
}

/* An object of a Python class at a module's top level: its class may not
 * be swapped, and its own attributes may not shadow its methods. */
static int walk_object(PyObject *v, const char *name)
{
    if (!add(v, LG_OBJECT, name) || Py_TYPE(v)->tp_dictoffset == 0)
        return 0;
    PyObject *d = pyembed_object_dict(v);
    int rc = d ? watch(d, LG_OBJECT_DICT, name) : 0;
    Py_XDECREF(d);
    return rc;
}

static int walk_module(const char *modname, PyObject *m)
{
    if (!add(m, LG_MODULE, modname))
        return 0;
    PyObject *md = PyModule_GetDict(m); /* borrowed */
    if (!md || watch(md, LG_MODULE_DICT, modname) < 0)
        return -1;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(md, &pos, &k, &v)) {
        int rc = 0;
        char where[LG_NAME_MAX];
        snprintf(where, sizeof where, "%s.%s", modname, utf8(k));
        walk_function(v, where, 0);
        if (PyType_Check(v)) {
            rc = walk_type((PyTypeObject *)v, 0);
        } else if (!PyModule_Check(v) && !PyCallable_Check(v) && PyUnicode_Check(k) &&
                   PyType_HasFeature(Py_TYPE(v), Py_TPFLAGS_HEAPTYPE) &&
                   !PyType_HasFeature(Py_TYPE(v), Py_TPFLAGS_IMMUTABLETYPE)) {
            /* (of a class written in Python: C types, such as sys.stdout's
             * from 3.12, are immutable and hold no methods in the object) */
            char name[LG_NAME_MAX];
            const char *key = PyUnicode_AsUTF8(k);
            snprintf(name, sizeof name, "%s.%s", modname, key ? key : "?");
            rc = walk_object(v, name);
        }
        PyErr_Clear();
        if (rc < 0)
            return -1;
    }
    return 0;
}

static void on_change(PyObject *d, PyObject *key, PyObject *old, PyObject *newv);

static int read_opcode(PyObject *opmap, const char *name)
{
    /* a mapping, not always a dict (3.15 made it a frozendict) */
    PyObject *n = opmap ? PyMapping_GetItemString(opmap, name) : NULL;
    int op = n && PyLong_Check(n) ? (int)PyLong_AsLong(n) : -1;
    Py_XDECREF(n);
    PyErr_Clear();
    return op;
}

static int read_opcodes(void *unused)
{
    (void)unused;
    PyObject *opcode = PyImport_ImportModule("opcode");
    PyObject *opmap = opcode ? PyObject_GetAttrString(opcode, "opmap") : NULL;
    for (size_t i = 0; i < LG_STORE_OPS; i++)
        store_ops[i] = read_opcode(opmap, store_op_names[i]);
    Py_XDECREF(opmap);
    Py_XDECREF(opcode);
    PyErr_Clear();
    return store_ops[0] < 0 ? -1 : 0;
}

/* Library code that stores into another module's namespace on purpose,
 * and puts back what it swapped: warnings.catch_warnings (whose methods
 * live in _py_warnings from 3.14, and change the warnings module). Known
 * by code identity, captured before any answer. */
static const char *const swapper_methods[] = { "__enter__", "__exit__" };
static PyObject *swappers[ARRAY_SIZE(swapper_methods)];

static void capture_swappers(void)
{
    PyObject *w = PyImport_ImportModule("warnings");
    PyObject *cls = w ? PyObject_GetAttrString(w, "catch_warnings") : NULL;
    for (size_t i = 0; i < ARRAY_SIZE(swapper_methods); i++) {
        PyObject *m = cls ? PyObject_GetAttrString(cls, swapper_methods[i]) : NULL;
        PyObject *code = m && PyFunction_Check(m) ? PyFunction_GetCode(m) : NULL; /* borrowed */
        Py_XINCREF(code);
        Py_XSETREF(swappers[i], code);
        Py_XDECREF(m);
    }
    Py_XDECREF(cls);
    Py_XDECREF(w);
    PyErr_Clear();
}

static int snapshot(void *unused)
{
    (void)unused;
    table_free();
    pyembed_watch_reset(on_change);
    if (read_opcodes(NULL) < 0 || libguard_slots_reset() < 0)
        return -1;
    capture_swappers();
    PyObject *mods = PySys_GetObject("modules"); /* borrowed */
    if (!mods || !PyDict_Check(mods))
        return -1;
    /* Walked from a copy: nothing here imports, but a module's dict can
     * hold anything, and sys.modules must not change under PyDict_Next. */
    PyObject *items = PyDict_Items(mods);
    if (!items || watch(mods, LG_MODULES, "sys.modules") < 0) {
        Py_XDECREF(items);
        return -1;
    }
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        PyObject *k = PyTuple_GET_ITEM(kv, 0), *m = PyTuple_GET_ITEM(kv, 1);
        const char *name = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (name && PyModule_Check(m))
            rc = walk_module(name, m);
        PyErr_Clear();
    }
    Py_DECREF(items);
    return rc;
}

int libguard_snapshot(void)
{
    return pyembed_in_sub(snapshot, NULL);
}

size_t libguard_known(size_t *dicts)
{
    if (dicts)
        *dicts = dicts_watched;
    return table_used;
}

void libguard_arm(void)
{
    armed = 1;
}

int libguard_tripped(void)
{
    return tripped;
}

void libguard_test(PyObject *setup_code, PyObject *expr_code)
{
    /* 3.11: what changed since the answer's phase was compared (the
     * flush, the test's namespace being made) is no setup's: compare now,
     * or a swap made there would be credited to a setup that stores the
     * same name (import json) */
    if (setup_code)
        libguard_settle(0);
    trusted_setup = setup_code;
    trusted_expr = expr_code;
}


static int is_store_op(int op)
{
    for (size_t i = 0; op >= 0 && i < LG_STORE_OPS; i++)
        if (store_ops[i] == op)
            return 1;
    return 0;
}

typedef struct {
    PyObject *co_names, *names;
} stores;

static void on_store(int op, unsigned long arg, void *ctx)
{
    stores *s = ctx;
    if (is_store_op(op) && arg < (unsigned long)PyTuple_GET_SIZE(s->co_names))
        PySet_Add(s->names, PyTuple_GET_ITEM(s->co_names, arg));
}

/* The names code stores to with its own instructions (and each string
 * constant, for setattr(obj, "name", value) and d["name"] = value), in
 * it and in the code nested in it, added to the set names. */
static void stored_names(PyObject *code, PyObject *names, int depth)
{
    if (depth > LG_MAX_DEPTH || !code || !PyCode_Check(code))
        return;
    PyObject *co_names = PyObject_GetAttrString(code, "co_names");
    PyObject *consts = PyObject_GetAttrString(code, "co_consts");
    if (co_names && PyTuple_Check(co_names)) {
        stores s = { co_names, names };
        libguard_each_op(code, on_store, &s);
    }
    for (Py_ssize_t i = 0; consts && PyTuple_Check(consts) && i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        if (PyUnicode_Check(c))
            PySet_Add(names, c);
        else
            stored_names(c, names, depth + 1);
    }
    Py_XDECREF(co_names);
    Py_XDECREF(consts);
    PyErr_Clear();
}

static void accept_setup(void)
{
    if (accepted)
        return;
    accepted = pyembed_hide(PySet_New(NULL));
    if (accepted)
        stored_names(trusted_setup, accepted, 0);
    PyErr_Clear();
}

static int is_code_like(PyObject *v);
static void refuse(const char *verb, const char *what, const char *key);

/* The slots no dict holds (libguard_slots.h), on every Python: no
 * watcher sees them, so each change is judged after the phase that made
 * it. Where the library's own code rebinds a closure's variable (nonlocal),
 * data may change as in its module's namespace; code may not, since the
 * changer cannot be told after the fact. Any other slot is as fixed as a
 * function's __defaults__: nothing of the library's changes it, so a
 * change is the answer's, unless the setup's own code stores
 * cell_contents (the names it stores credit it, as 3.11's sweep does);
 * a descriptor changes only through a call (__init__, __setstate__),
 * which is never credited. */
static void check_slots(int accept)
{
    size_t pos = 0;
    libguard_slot_change c;
    while (libguard_slots_next_change(&pos, &c)) {
        int bad = !c.rebound || is_code_like(c.old) || is_code_like(c.now);
        if (bad && accept && c.cell) {
            accept_setup();
            PyObject *attr = PyUnicode_FromString("cell_contents");
            bad = !(attr && accepted && PySet_Contains(accepted, attr) == 1);
            Py_XDECREF(attr);
            PyErr_Clear();
        }
        if (bad)
            refuse("changing", c.name, NULL);
        Py_XDECREF(c.old);
    }
}

void libguard_settle(int accept)
{
    if (!armed)
        return;
    /* the phase may have ended in the exception its test expects */
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    if (!pyembed_watch_live()) {
        if (accept)
            accept_setup();
        sweeping = accept ? -1 : 1;
        pyembed_watch_sweep();
        sweeping = 0;
    }
    check_slots(accept);
    Py_CLEAR(accepted);
    PyErr_Restore(et, ev, etb);
}

/* ---- judging ---------------------------------------------------------- */

static int code_within(PyObject *root, PyObject *code, int depth)
{
    if (!root)
        return 0;
    if (root == code)
        return 1;
    if (depth > LG_MAX_DEPTH || !PyCode_Check(root))
        return 0;
    PyObject *consts = PyObject_GetAttrString(root, "co_consts");
    int found = 0;
    for (Py_ssize_t i = 0; !found && consts && PyTuple_Check(consts) && i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        found = PyCode_Check(c) && code_within(c, code, depth + 1);
    }
    Py_XDECREF(consts);
    PyErr_Clear();
    return found;
}

static int trusted_code(PyObject *code)
{
    return code_within(trusted_setup, code, 0) || code_within(trusted_expr, code, 0);
}

static int library_code(PyObject *code)
{
    const lg_entry *e = find(code);
    return e && e->kind == LG_CODE;
}

/* Whether frame f is executing one of the store instructions (and not a
 * call, which may be a builtin like setattr handed in by the answer). */
static int storing(PyFrameObject *f, PyObject *code)
{
    int at = PyFrame_GetLasti(f);
    PyObject *bytes = at >= 0 ? PyCode_GetCode((PyCodeObject *)code) : NULL;
    int op = bytes && PyBytes_Check(bytes) && at < PyBytes_GET_SIZE(bytes)
                 ? (unsigned char)PyBytes_AS_STRING(bytes)[at] : -1;
    Py_XDECREF(bytes);
    PyErr_Clear();
    return is_store_op(op);
}

static int is_swapper(PyObject *code)
{
    for (size_t i = 0; i < ARRAY_SIZE(swappers); i++)
        if (swappers[i] && code == swappers[i])
            return 1;
    return 0;
}

/* How far below a storing library frame the caller is looked for. */
#define LG_MAX_CALLERS 256

/* The first frame below f that is not library code is the test's own. */
static int called_by_the_test(PyFrameObject *f)
{
    PyFrameObject *g = PyFrame_GetBack(f);
    int ok = 0;
    for (int n = 0; g && n < LG_MAX_CALLERS; n++) {
        PyObject *c = (PyObject *)PyFrame_GetCode(g);
        int lib = library_code(c);
        if (!lib)
            ok = trusted_code(c);
        Py_DECREF(c);
        if (!lib)
            break;
        PyFrameObject *next = PyFrame_GetBack(g);
        Py_DECREF(g);
        g = next;
    }
    Py_XDECREF(g);
    return ok;
}

/* Whose doing a change to the dict target is (NULL: not a module's), from
 * the frame that makes it: the test's own setup or expression (or code
 * nested in it) with a store instruction of its own; or library code
 * storing with an instruction of its own into its own module's namespace
 * (logging.setLoggerClass's global), or a known swapper
 * (warnings.catch_warnings, which puts back what it swaps). A library
 * store into any other dict is judged by who called the library: many
 * library functions store into what their caller hands them
 * (collections.UserDict.__setitem__ on vars(json), Counter.update), so
 * the first frame below that is not library code decides. Anything else
 * is the answer's: its own code, code it compiled, and library code that
 * merely calls (a builtin like setattr, handed to copy.copy by an
 * answer's __reduce__). */
static int by_the_test(PyObject *target)
{
    PyFrameObject *f = PyEval_GetFrame(); /* borrowed */
    /* No Python frame: C code. Not pydrill's, which changes no library
     * dict once the guard is armed, but a C callable of the answer's that
     * C code ran between phases (a weakref callback when pydrill clears a
     * namespace; before, the flush of a stream the answer made, str() of
     * an exception of its class: both avoided now, child.c, child_exc.c). */
    if (!f)
        return 0;
    /* The test's code too must be storing: a change made while its frame
     * runs but by something it only calls, or by a weakref callback or
     * finalizer the collector runs in the middle of it, is not its own. */
    PyObject *c = (PyObject *)PyFrame_GetCode(f);
    int ok = 0;
    if (trusted_code(c)) {
        ok = storing(f, c);
    } else if (library_code(c) && storing(f, c)) {
        PyObject *globals = PyFrame_GetGlobals(f);
        ok = (target && target == globals) || is_swapper(c) || called_by_the_test(f);
        Py_XDECREF(globals);
    }
    Py_DECREF(c);
    PyErr_Clear();
    return ok;
}

/* What library code is made of: functions, classes, modules and the
 * descriptors that become methods and properties. */
static int is_code_like(PyObject *v)
{
    return v && (PyCallable_Check(v) || PyModule_Check(v) || Py_TYPE(v)->tp_descr_get != NULL);
}

/* An object of a Python class at a library module's top level, whose
 * methods library functions call (json._default_encoder). */
static int is_library_object(PyObject *v)
{
    const lg_entry *e = find(v);
    return e && e->kind == LG_OBJECT;
}

static const char *utf8(PyObject *s)
{
    const char *u = s && PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : NULL;
    if (!u)
        PyErr_Clear();
    return u ? u : "?";
}

static int is_builtin_name(PyObject *key)
{
    PyObject *b = pyembed_pristine_builtins();
    int r = b && PyDict_Contains(b, key) == 1;
    PyErr_Clear();
    return r;
}

static void refuse(const char *verb, const char *what, const char *key)
{
    char msg[3 * LG_NAME_MAX];
    snprintf(msg, sizeof msg, "%s %s%s%s (library code a test may call)", verb, what, key ? "." : "", key ? key : "");
    tripped = 1;
    sandbox_notify_denied(msg);
}

static void on_change(PyObject *d, PyObject *key, PyObject *old, PyObject *newv)
{
    if (!armed || old == newv)
        return;
    /* 3.11 compares after the setup: a change it can credit to the
     * setup's own code (a name that code stores) is the setup's */
    if (sweeping < 0 && (!key || !accepted || PySet_Contains(accepted, key) != 0)) {
        PyErr_Clear();
        return;
    }
    const lg_entry *e = find(d);
    if (!e)
        return;
    const char *k = key ? utf8(key) : NULL;
    int bad = 0;
    if (key && !PyUnicode_CheckExact(key)) {
        /* no library namespace has one; and its hash is the answer's code */
        if (e->kind != LG_MODULES && (sweeping || !by_the_test(d)))
            refuse("adding a key that is not a str to", e->name, NULL);
        return;
    }
    const char *verb = !key ? "clearing" : !newv ? "removing" : old ? "changing" : "adding";
    switch (e->kind) {
    case LG_MODULES: {
        const lg_entry *m = old ? find(old) : NULL;
        if ((!key || (m && m->kind == LG_MODULE)) && (sweeping || !by_the_test(d))) {
            char what[LG_NAME_MAX];
            snprintf(what, sizeof what, "sys.modules['%s']", key ? k : "*");
            refuse(!key ? "clearing" : newv ? "replacing" : "removing", what, NULL);
        }
        return;
    }
    case LG_MODULE_DICT:
        if (!key || strcmp(k, "__builtins__") == 0)
            bad = 1;
        else if (strcmp(e->name, "builtins") == 0 && strcmp(k, "_") == 0)
            bad = 0; /* the interactive prompt's last value */
        else if (is_code_like(old) || is_library_object(old))
            bad = 1;
        else if (!old && is_code_like(newv) && is_builtin_name(key))
            bad = 1; /* shadows a builtin the module's code calls */
        break;
    case LG_TYPE_DICT:
    case LG_OBJECT_DICT:
        bad = !key || is_code_like(old) || is_code_like(newv);
        break;
    case LG_FIXED_DICT:
        bad = 1; /* data that decides what library code does, as __defaults__ */
        break;
    default:
        return;
    }
    if (!bad || (!sweeping && by_the_test(d)))
        return;
    refuse(verb, e->name, k);
}

const char *libguard_setattr(PyObject *args, char *buf, size_t n)
{
    if (!armed || !PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 2)
        return NULL;
    PyObject *obj = PyTuple_GET_ITEM(args, 0), *attr = PyTuple_GET_ITEM(args, 1);
    const lg_entry *e = NULL;
    PyObject *qual = NULL;
    if (PyFunction_Check(obj)) {
        /* a function of the library's: its globals are a module's dict */
        const lg_entry *g = find(PyFunction_GetGlobals(obj));
        if (g && g->kind == LG_MODULE_DICT) {
            e = g;
            qual = PyObject_GetAttrString(obj, "__qualname__");
        }
    } else {
        e = find(obj);
        if (e && e->kind != LG_MODULE && e->kind != LG_TYPE && e->kind != LG_OBJECT)
            e = NULL;
    }
    /* the namespace changed: a module's own, or a library function's
     * module (the globals its code stores into) */
    PyObject *target = PyModule_Check(obj) ? PyModule_GetDict(obj)
                       : PyFunction_Check(obj) ? PyFunction_GetGlobals(obj) : NULL; /* borrowed */
    if (!e || by_the_test(target)) {
        Py_XDECREF(qual);
        PyErr_Clear();
        return NULL;
    }
    tripped = 1;
    if (qual)
        snprintf(buf, n, "%s.%s.%s", e->name, utf8(qual), utf8(attr));
    else
        snprintf(buf, n, "%s.%s", e->name, utf8(attr));
    Py_XDECREF(qual);
    PyErr_Clear();
    return buf;
}
