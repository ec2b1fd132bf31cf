/* libguard_slots.c - the parts of library code that no dict holds: see
 * libguard_slots.h. Each slot is an address inside an object the guard
 * holds (a cell, a descriptor), so it stays valid, and its recorded value
 * is held too, so that no object of an answer's can come to live at its
 * address and compare equal. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "libguard_slots.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pyembed.h"
#include "util.h"

#define LGS_MAX_DEPTH 6
#define LGS_NAME_MAX 300
#define LGS_SET_MIN 1024

typedef struct {
    PyObject *owner; /* held */
    PyObject **slot; /* inside owner */
    PyObject *seen;  /* held: the value recorded (NULL: an empty cell) */
    int rebound, cell;
    char *name;
} lgs_slot;

static lgs_slot *slots;
static size_t nslots, slots_cap;
/* the slot addresses known, for recording each once (open addressing) */
static PyObject ***known;
static size_t known_cap, known_used;
static int store_deref = -1, delete_deref = -1, extended_arg = -1;
static PyObject *partial_type;

static size_t slot_hash(PyObject **p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (known_cap - 1);
}

static int known_add(PyObject **p)
{
    if (2 * (known_used + 1) > known_cap) {
        PyObject ***old = known;
        size_t old_cap = known_cap;
        known_cap = known_cap ? 2 * known_cap : LGS_SET_MIN;
        known = xcalloc(known_cap, sizeof *known);
        known_used = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                known_add(old[i]);
        free(old);
    }
    size_t i = slot_hash(p);
    for (; known[i]; i = (i + 1) & (known_cap - 1))
        if (known[i] == p)
            return 0;
    known[i] = p;
    known_used++;
    return 1;
}

static void record(PyObject *owner, PyObject **slot, int rebound, int cell, const char *name)
{
    if (!slot || !known_add(slot))
        return;
    if (nslots == slots_cap) {
        slots_cap = slots_cap ? 2 * slots_cap : 256;
        slots = xrealloc(slots, slots_cap * sizeof *slots);
    }
    Py_INCREF(owner);
    Py_XINCREF(*slot);
    slots[nslots++] = (lgs_slot){ owner, slot, *slot, rebound, cell, xstrdup(name) };
}

static int opcode_of(PyObject *opmap, const char *name)
{
    PyObject *n = opmap ? PyMapping_GetItemString(opmap, name) : NULL;
    int op = n && PyLong_Check(n) ? (int)PyLong_AsLong(n) : -1;
    Py_XDECREF(n);
    PyErr_Clear();
    return op;
}

int libguard_slots_reset(void)
{
    for (size_t i = 0; i < nslots; i++) {
        Py_DECREF(slots[i].owner);
        Py_XDECREF(slots[i].seen);
        free(slots[i].name);
    }
    free(slots);
    free(known);
    slots = NULL;
    known = NULL;
    nslots = slots_cap = known_cap = known_used = 0;
    PyObject *opcode = PyImport_ImportModule("opcode");
    PyObject *opmap = opcode ? PyObject_GetAttrString(opcode, "opmap") : NULL;
    store_deref = opcode_of(opmap, "STORE_DEREF");
    delete_deref = opcode_of(opmap, "DELETE_DEREF");
    extended_arg = opcode_of(opmap, "EXTENDED_ARG");
    Py_XDECREF(opmap);
    Py_XDECREF(opcode);
    PyObject *functools = PyImport_ImportModule("functools");
    PyObject *partial = functools ? PyObject_GetAttrString(functools, "partial") : NULL;
    Py_XDECREF(functools);
    if (partial && !PyType_Check(partial))
        Py_CLEAR(partial);
    Py_XSETREF(partial_type, partial);
    PyErr_Clear();
    return store_deref < 0 || delete_deref < 0 || extended_arg < 0 || !partial_type ? -1 : 0;
}

static Py_ssize_t tuple_size(PyObject *t)
{
    return t && PyTuple_Check(t) ? PyTuple_GET_SIZE(t) : 0;
}

void libguard_each_op(PyObject *code, void (*fn)(int op, unsigned long arg, void *ctx), void *ctx)
{
    PyObject *bytes = code && PyCode_Check(code) ? PyCode_GetCode((PyCodeObject *)code) : NULL;
    if (bytes && PyBytes_Check(bytes)) {
        const unsigned char *b = (const unsigned char *)PyBytes_AS_STRING(bytes);
        Py_ssize_t n = PyBytes_GET_SIZE(bytes);
        unsigned long ext = 0;
        for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
            if (b[i] == extended_arg) {
                ext = (ext | b[i + 1]) << 8;
                continue;
            }
            fn(b[i], ext | b[i + 1], ctx);
            ext = 0;
        }
    }
    Py_XDECREF(bytes);
    PyErr_Clear();
}

typedef struct {
    PyObject *freevars, *names;
    Py_ssize_t first_free;
} rebinds;

static void on_rebind(int op, unsigned long arg, void *ctx)
{
    rebinds *r = ctx;
    if ((op == store_deref || op == delete_deref) && arg >= (unsigned long)r->first_free &&
        arg - r->first_free < (unsigned long)tuple_size(r->freevars))
        PySet_Add(r->names, PyTuple_GET_ITEM(r->freevars, arg - r->first_free));
}

/* The free variables that code (and code nested in it) rebinds with its
 * own instructions (nonlocal x; x = ...), added to the set names. Its
 * fast locals are its varnames, then the cellvars that are not also
 * arguments, then the freevars (3.11 on). */
static void rebound_names(PyObject *code, PyObject *names, int depth)
{
    if (depth > LGS_MAX_DEPTH || !code || !PyCode_Check(code))
        return;
    PyObject *varnames = PyObject_GetAttrString(code, "co_varnames");
    PyObject *cellvars = PyObject_GetAttrString(code, "co_cellvars");
    PyObject *freevars = PyObject_GetAttrString(code, "co_freevars");
    PyObject *consts = PyObject_GetAttrString(code, "co_consts");
    Py_ssize_t first_free = tuple_size(varnames);
    for (Py_ssize_t i = 0; i < tuple_size(cellvars); i++)
        if (PySequence_Contains(varnames, PyTuple_GET_ITEM(cellvars, i)) != 1)
            first_free++;
    if (tuple_size(freevars)) {
        rebinds r = { freevars, names, first_free };
        libguard_each_op(code, on_rebind, &r);
    }
    for (Py_ssize_t i = 0; i < tuple_size(consts); i++)
        rebound_names(PyTuple_GET_ITEM(consts, i), names, depth + 1);
    Py_XDECREF(varnames);
    Py_XDECREF(cellvars);
    Py_XDECREF(freevars);
    Py_XDECREF(consts);
    PyErr_Clear();
}

void libguard_slots_cells(PyObject *fn, const char *fname)
{
    PyObject *cells = PyFunction_Check(fn) ? PyFunction_GetClosure(fn) : NULL; /* borrowed */
    if (!tuple_size(cells))
        return;
    PyObject *code = PyFunction_GetCode(fn); /* borrowed */
    PyObject *freevars = PyObject_GetAttrString(code, "co_freevars");
    PyObject *rebound = PySet_New(NULL);
    if (rebound)
        rebound_names(code, rebound, 0);
    for (Py_ssize_t i = 0; i < tuple_size(cells); i++) {
        PyObject *cell = PyTuple_GET_ITEM(cells, i);
        PyObject *var = i < tuple_size(freevars) ? PyTuple_GET_ITEM(freevars, i) : NULL;
        const char *v = var && PyUnicode_Check(var) ? PyUnicode_AsUTF8(var) : NULL;
        char name[LGS_NAME_MAX];
        snprintf(name, sizeof name, "%s.__closure__[%s]", fname, v ? v : "?");
        record(cell, pyembed_cell_slot(cell), var && rebound && PySet_Contains(rebound, var) == 1, 1, name);
        PyErr_Clear();
    }
    Py_XDECREF(rebound);
    Py_XDECREF(freevars);
    PyErr_Clear();
}

static void members(PyObject *v, PyTypeObject *base, const char *const *names, size_t n, const char *where)
{
    for (size_t i = 0; i < n; i++) {
        char name[LGS_NAME_MAX];
        snprintf(name, sizeof name, "%s.%s", where, names[i]);
        record(v, pyembed_member_slot(v, base, names[i]), 0, 0, name);
    }
}

int libguard_slots_descriptor(PyObject *v, const char *where, PyObject **kw)
{
    static const char *const prop[] = { "fget", "fset", "fdel" };
    static const char *const method[] = { "__func__" };
    static const char *const part[] = { "func", "args", "keywords" };
    *kw = NULL;
    if (PyObject_TypeCheck(v, &PyProperty_Type)) {
        members(v, &PyProperty_Type, prop, ARRAY_SIZE(prop), where);
    } else if (PyObject_TypeCheck(v, &PyClassMethod_Type)) {
        members(v, &PyClassMethod_Type, method, ARRAY_SIZE(method), where);
    } else if (PyObject_TypeCheck(v, &PyStaticMethod_Type)) {
        members(v, &PyStaticMethod_Type, method, ARRAY_SIZE(method), where);
    } else if (partial_type && PyObject_TypeCheck(v, (PyTypeObject *)partial_type)) {
        members(v, (PyTypeObject *)partial_type, part, ARRAY_SIZE(part), where);
        PyObject **k = pyembed_member_slot(v, (PyTypeObject *)partial_type, "keywords");
        *kw = k && *k && PyDict_Check(*k) ? *k : NULL;
    } else {
        return 0;
    }
    return 1;
}

int libguard_slots_next_change(size_t *pos, libguard_slot_change *out)
{
    for (; *pos < nslots; (*pos)++) {
        lgs_slot *s = &slots[*pos];
        PyObject *now = *s->slot;
        if (now == s->seen)
            continue;
        *out = (libguard_slot_change){ s->name, s->seen, now, s->rebound, s->cell };
        Py_XINCREF(now);
        s->seen = now;
        (*pos)++;
        return 1;
    }
    return 0;
}

size_t libguard_slots_count(void)
{
    return nslots;
}
