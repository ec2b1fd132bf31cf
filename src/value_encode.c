/* value_encode.c - a Python object into the plain-value wire form
 * (value.h), in the child.
 *
 * Values are encoded by walking exact built-in types in C: nothing of the
 * answer's is called to compare, size or describe them. A subclass, or an
 * object lying about __class__, is refused as "not a plain value" by its
 * real type, before anything of it could run. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "value_encode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "value_impl.h"


typedef struct {
    size_t items;
    char *reason; /* VALUE_ENCODE_REASON_MAX bytes, the caller's */
} enc_state;

static cJSON *tagged(const char *tag, cJSON *payload)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, tag, payload);
    return o;
}

static char *hex_of(const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *h = xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = digits[p[i] >> 4];
        h[2 * i + 1] = digits[p[i] & 15];
    }
    h[2 * n] = '\0';
    return h;
}

static cJSON *encode(PyObject *o, int depth, enc_state *st);

static cJSON *encode_seq(const char *tag, PyObject *o, int depth, enc_state *st)
{
    cJSON *arr = cJSON_CreateArray();
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    for (Py_ssize_t i = 0; i < n; i++) {
        cJSON *e = encode(PySequence_Fast_GET_ITEM(o, i), depth + 1, st);
        if (!e) {
            cJSON_Delete(arr);
            return NULL;
        }
        cJSON_AddItemToArray(arr, e);
    }
    return tagged(tag, arr);
}

/* An exact set or frozenset iterates in C (set_iter), never calling into
 * the answer; a snapshot tuple keeps a thread from resizing it under us. */
static cJSON *encode_set(const char *tag, PyObject *o, int depth, enc_state *st)
{
    PyObject *t = PySequence_Tuple(o);
    if (!t) {
        PyErr_Clear();
        snprintf(st->reason, VALUE_ENCODE_REASON_MAX, "a %s that could not be read", Py_TYPE(o)->tp_name);
        return NULL;
    }
    cJSON *r = encode_seq(tag, t, depth, st);
    Py_DECREF(t);
    return r;
}

static cJSON *not_plain(enc_state *st, PyObject *o, const char *why)
{
    snprintf(st->reason, VALUE_ENCODE_REASON_MAX, why, Py_TYPE(o)->tp_name);
    return NULL;
}

/* Exact types only: Py*_CheckExact never consults the object, so a
 * subclass (or an object lying about __class__) is refused, not asked. */
static cJSON *encode(PyObject *o, int depth, enc_state *st)
{
    /* The same limits as value_from_json: at most 100 nested containers
     * and 100,000 container elements in all (a dict entry counts once). */
    /* Exact types only, sized by their C fields: a subclass's __len__ is
     * answer code, and trusted code never calls it. */
    Py_ssize_t size = -1;
    if (PyList_CheckExact(o))
        size = PyList_GET_SIZE(o);
    else if (PyTuple_CheckExact(o))
        size = PyTuple_GET_SIZE(o);
    else if (PyDict_CheckExact(o))
        size = PyDict_GET_SIZE(o);
    else if (PySet_CheckExact(o) || PyFrozenSet_CheckExact(o))
        size = PySet_GET_SIZE(o);
    if (size >= 0 && depth >= VALUE_MAX_DEPTH)
        return not_plain(st, o, "nested deeper than 100 levels (at a %s)");
    if (size >= 0 && (st->items += (size_t)size) > VALUE_MAX_ITEMS)
        return not_plain(st, o, "more than 100,000 items (at a %s)");
    if (o == Py_None)
        return cJSON_CreateNull();
    if (o == Py_True || o == Py_False)
        return cJSON_CreateBool(o == Py_True);
    if (PyLong_CheckExact(o)) {
        PyObject *s = PyLong_Type.tp_repr(o);
        if (!s) {
            PyErr_Clear();
            return not_plain(st, o, "an %s too large to convert to decimal");
        }
        cJSON *r = tagged("i", cJSON_CreateString(PyUnicode_AsUTF8(s)));
        Py_DECREF(s);
        return r;
    }
    if (PyFloat_CheckExact(o)) {
        double d = PyFloat_AS_DOUBLE(o);
        char buf[64];
        if (d != d)
            snprintf(buf, sizeof buf, "nan");
        else if (d == HUGE_VAL)
            snprintf(buf, sizeof buf, "inf");
        else if (d == -HUGE_VAL)
            snprintf(buf, sizeof buf, "-inf");
        else /* in the C locale even if the answer called locale.setlocale() */
            value_c_snprintf_double(buf, sizeof buf, "%a", -1, d);
        return tagged("f", cJSON_CreateString(buf));
    }
    if (PyUnicode_CheckExact(o)) {
        Py_ssize_t n;
        const char *u = PyUnicode_AsUTF8AndSize(o, &n);
        if (u && memchr(u, 0, (size_t)n) == NULL)
            return tagged("s", cJSON_CreateString(u));
        PyErr_Clear();
        PyObject *b = PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass");
        if (!b) {
            PyErr_Clear();
            return not_plain(st, o, "a %s that cannot be encoded");
        }
        char *h = hex_of((const unsigned char *)PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
        Py_DECREF(b);
        cJSON *r = tagged("sx", cJSON_CreateString(h));
        free(h);
        return r;
    }
    if (PyBytes_CheckExact(o)) {
        char *h = hex_of((const unsigned char *)PyBytes_AS_STRING(o), (size_t)PyBytes_GET_SIZE(o));
        cJSON *r = tagged("b", cJSON_CreateString(h));
        free(h);
        return r;
    }
    if (PyList_CheckExact(o)) {
        /* A copy, so a thread of the answer's cannot resize it under us. */
        PyObject *t = PyList_AsTuple(o);
        if (!t) {
            PyErr_Clear();
            return not_plain(st, o, "a %s that could not be read");
        }
        cJSON *r = encode_seq("l", t, depth, st);
        Py_DECREF(t);
        return r;
    }
    if (PyTuple_CheckExact(o))
        return encode_seq("t", o, depth, st);
    if (PyDict_CheckExact(o)) {
        cJSON *arr = cJSON_CreateArray();
        PyObject *items = PyDict_Items(o);
        if (!items) {
            PyErr_Clear();
            cJSON_Delete(arr);
            return not_plain(st, o, "a %s that could not be read");
        }
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
            PyObject *kv = PyList_GET_ITEM(items, i);
            cJSON *k = encode(PyTuple_GET_ITEM(kv, 0), depth + 1, st);
            cJSON *v = k ? encode(PyTuple_GET_ITEM(kv, 1), depth + 1, st) : NULL;
            if (!v) {
                cJSON_Delete(k);
                cJSON_Delete(arr);
                Py_DECREF(items);
                return NULL;
            }
            cJSON *pair = cJSON_CreateArray();
            cJSON_AddItemToArray(pair, k);
            cJSON_AddItemToArray(pair, v);
            cJSON_AddItemToArray(arr, pair);
        }
        Py_DECREF(items);
        return tagged("d", arr);
    }
    if (PySet_CheckExact(o))
        return encode_set("S", o, depth, st);
    if (PyFrozenSet_CheckExact(o))
        return encode_set("F", o, depth, st);
    if (PyLong_Check(o) || PyFloat_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o) ||
        PyList_Check(o) || PyTuple_Check(o) || PyDict_Check(o) || PyAnySet_Check(o))
        return not_plain(st, o, "%s is a subclass of a built-in type, not a plain value");
    return not_plain(st, o, "%s is not a plain value");
}

cJSON *value_encode_py(PyObject *o, char why[VALUE_ENCODE_REASON_MAX])
{
    enc_state st = { 0, why };
    snprintf(why, VALUE_ENCODE_REASON_MAX, "not a plain value");
    cJSON *v = encode(o, 0, &st);
    if (!v)
        PyErr_Clear();
    return v;
}
