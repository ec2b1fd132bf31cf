/* fuzz_encode.c - libFuzzer target for the child's value encoder
 * (value_encode_py), against the parent's decoder.
 *
 * The input is a little program for a stack machine that builds Python
 * objects: ints of any size, floats (NaN and infinities too), str with any
 * code points (lone surrogates, NUL), bytes, None/True/False, containers
 * of any depth and size, and instances of subclasses of each built-in type
 * whose every method ends the process. Whatever it builds: the encoder
 * never calls the object (a subclass is refused by its type, so no method
 * of theirs runs), never leaves an exception set, and whatever it encodes
 * the decoder accepts (encoder and decoder agree on the limits). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "value_encode.h"

#define STACK_MAX 256

static PyObject *subclasses[8]; /* of int, float, str, bytes, list, tuple, dict, set */

static const char subclass_src[] =
    "import os\n"
    "def _die(*a, **k):\n"
    "    os._exit(77)\n"
    "_m = {n: _die for n in ('__len__', '__iter__', '__eq__', '__hash__', '__repr__', '__str__',\n"
    "      '__getitem__', '__index__', '__int__', '__float__', '__bool__', '__contains__',\n"
    "      '__getattribute__', '__class__', '__reduce__', '__sizeof__', '__format__')}\n"
    "subs = [type('S' + b.__name__, (b,), dict(_m)) for b in\n"
    "        (int, float, str, bytes, list, tuple, dict, set)]\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    Py_InitializeEx(0);
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(subclass_src, Py_file_input, ns, ns);
    PyObject *subs = r ? PyDict_GetItemString(ns, "subs") : NULL;
    if (!subs)
        abort();
    for (int i = 0; i < 8; i++) {
        subclasses[i] = PyList_GetItem(subs, i);
        Py_INCREF(subclasses[i]);
    }
    Py_DECREF(r);
    Py_DECREF(ns);
    return 0;
}

typedef struct {
    const uint8_t *p;
    size_t n;
} reader;

static int take(reader *r, size_t k, const uint8_t **out)
{
    if (r->n < k)
        return -1;
    *out = r->p;
    r->p += k;
    r->n -= k;
    return 0;
}

/* 1 if hashing o would run a hostile method (the harness must not: only
 * the encoder is under test). */
static int hostile(PyObject *o, int depth)
{
    for (int i = 0; i < 8; i++)
        if ((PyObject *)Py_TYPE(o) == subclasses[i])
            return 1;
    if (depth > 200)
        return 1;
    if (PyTuple_CheckExact(o)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); i++)
            if (hostile(PyTuple_GET_ITEM(o, i), depth + 1))
                return 1;
    }
    return 0;
}

/* A new object from the next op, taking items off the stack for containers. */
static PyObject *build(reader *r, PyObject **stack, int *sp)
{
    const uint8_t *b;
    if (take(r, 1, &b) < 0)
        return NULL;
    uint8_t op = b[0] % 16, arg = b[0] >> 4;
    switch (op) {
    case 0:
        return Py_NewRef(Py_None);
    case 1:
        return Py_NewRef(arg & 1 ? Py_True : Py_False);
    case 2: { /* int: arg+1 bytes, signed, little-endian; big ones by shifting */
        size_t k = (size_t)arg + 1;
        if (take(r, k, &b) < 0)
            return NULL;
        char hex[2 * 16 + 4] = "-0x";
        char *h = b[k - 1] & 0x80 ? hex : hex + 1;
        for (size_t i = 0; i < k; i++)
            snprintf(hex + 3 + 2 * i, 3, "%02x", b[k - 1 - i]);
        PyObject *v = PyLong_FromString(h, NULL, 16);
        if (v && arg == 15) { /* a huge one: v << 10000 */
            PyObject *sh = PyLong_FromLong(10000);
            PyObject *w = PyNumber_Lshift(v, sh);
            Py_DECREF(sh);
            Py_DECREF(v);
            v = w;
        }
        return v;
    }
    case 3: {
        double d;
        if (take(r, sizeof d, &b) < 0)
            return NULL;
        memcpy(&d, b, sizeof d);
        return PyFloat_FromDouble(d);
    }
    case 4: { /* str of arg code points, each 3 bytes (any up to 0x10FFFF) */
        Py_UCS4 cps[16];
        for (int i = 0; i < arg; i++) {
            if (take(r, 3, &b) < 0)
                return NULL;
            cps[i] = ((Py_UCS4)b[0] << 16 | (Py_UCS4)b[1] << 8 | b[2]) % 0x110000;
        }
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, cps, arg);
    }
    case 5:
        if (take(r, arg, &b) < 0)
            return NULL;
        return PyBytes_FromStringAndSize((const char *)b, arg);
    case 6: case 7: case 8: case 9: case 10: { /* list, tuple, set, frozenset, dict of arg items */
        int k = arg <= *sp ? arg : *sp;
        PyObject *items = PyList_New(0);
        for (int i = 0; i < k; i++) {
            PyObject *o = stack[--*sp];
            if (op < 8 || !hostile(o, 0))
                PyList_Append(items, o);
            Py_DECREF(o);
        }
        PyObject *v = NULL;
        if (op == 6) {
            v = Py_NewRef(items);
        } else if (op == 7) {
            v = PyList_AsTuple(items);
        } else if (op == 8 || op == 9) {
            v = op == 8 ? PySet_New(items) : PyFrozenSet_New(items);
        } else {
            v = PyDict_New();
            for (Py_ssize_t i = 0; v && i + 1 < PyList_GET_SIZE(items); i += 2)
                if (PyDict_SetItem(v, PyList_GET_ITEM(items, i), PyList_GET_ITEM(items, i + 1)) < 0)
                    PyErr_Clear();
        }
        Py_DECREF(items);
        PyErr_Clear(); /* unhashable members: the container is built without them */
        return v ? v : Py_NewRef(Py_None);
    }
    case 11: { /* a list nested arg*10 deep around the top (or None) */
        PyObject *v = *sp ? stack[--*sp] : Py_NewRef(Py_None);
        for (int i = 0; i < arg * 10; i++) {
            PyObject *l = PyList_New(1);
            PyList_SET_ITEM(l, 0, v);
            v = l;
        }
        return v;
    }
    case 12: { /* a list of 2^arg copies of the top: past the item limit */
        PyObject *v = *sp ? stack[--*sp] : Py_NewRef(Py_None);
        Py_ssize_t n = (Py_ssize_t)1 << (arg > 12 ? 17 : arg);
        PyObject *l = PyList_New(n);
        for (Py_ssize_t i = 0; i < n; i++)
            PyList_SET_ITEM(l, i, Py_NewRef(v));
        Py_DECREF(v);
        return l;
    }
    case 13: { /* an instance of a hostile subclass */
        PyObject *cls = subclasses[arg % 8];
        PyObject *base = ((PyTypeObject *)cls)->tp_base ? (PyObject *)((PyTypeObject *)cls)->tp_base : NULL;
        PyObject *seed = NULL;
        if (base == (PyObject *)&PyLong_Type)
            seed = PyLong_FromLong(arg);
        else if (base == (PyObject *)&PyFloat_Type)
            seed = PyFloat_FromDouble(arg);
        else if (base == (PyObject *)&PyUnicode_Type)
            seed = PyUnicode_FromString("s");
        else if (base == (PyObject *)&PyBytes_Type)
            seed = PyBytes_FromString("b");
        PyObject *args = seed ? PyTuple_Pack(1, seed) : PyTuple_New(0);
        Py_XDECREF(seed);
        PyObject *v = ((PyTypeObject *)base)->tp_new((PyTypeObject *)cls, args, NULL);
        Py_DECREF(args);
        PyErr_Clear();
        return v ? v : Py_NewRef(Py_None);
    }
    case 14: /* a cycle: a list that holds itself */
    {
        PyObject *l = PyList_New(0);
        PyList_Append(l, l);
        return l;
    }
    default:
        return *sp ? Py_NewRef(stack[*sp - 1]) : Py_NewRef(Py_None); /* dup */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PyObject *stack[STACK_MAX];
    int sp = 0;
    reader r = { data, size };
    while (r.n > 0 && sp < STACK_MAX) {
        PyObject *o = build(&r, stack, &sp);
        if (!o) {
            PyErr_Clear();
            break;
        }
        stack[sp++] = o;
    }
    for (int i = 0; i < sp; i++) {
        char why[VALUE_ENCODE_REASON_MAX];
        why[0] = '\0';
        cJSON *j = value_encode_py(stack[i], why);
        if (PyErr_Occurred())
            abort();
        if (!j) {
            if (!why[0])
                abort();
        } else {
            char *err = NULL;
            value *v = value_from_json(j, &err);
            if (!v)
                abort(); /* the decoder refuses what the encoder made */
            value_free(v);
            cJSON_Delete(j);
        }
    }
    for (int i = 0; i < sp; i++) {
        /* cycles made by op 14 are left to the collector */
        Py_DECREF(stack[i]);
    }
    static unsigned runs;
    if (++runs % 256 == 0)
        PyGC_Collect();
    return 0;
}
