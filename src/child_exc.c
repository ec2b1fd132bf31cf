/* child_exc.c - how the child describes an exception an answer raised:
 * its type's name, its message, the built-in classes it really derives
 * from, and on request its traceback. Type tests go through the classes'
 * declared bases in C, never through anything the answer can redefine. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "child_exc.h"

#include <stdlib.h>
#include <string.h>

#include "pyembed.h"
#include "util.h"

static void add_text_n(cJSON *o, const char *key, const char *s, size_t n)
{
    char *clean = util_utf8_sanitize(s, n, NULL);
    cJSON_AddStringToObject(o, key, clean);
    free(clean);
}

char *child_exc_line(PyObject *exc)
{
    char *line = NULL;
    PyObject *tbm = PyImport_ImportModule("traceback");
    PyObject *lines = tbm ? PyObject_CallMethod(tbm, "format_exception_only", "OO",
                                                (PyObject *)Py_TYPE(exc), exc)
                          : NULL;
    if (lines && PyList_Check(lines) && PyList_GET_SIZE(lines) > 0) {
        /* The last line that starts at column 0 names the exception; notes
         * follow it on their own lines. Keep them all from there. */
        sbuf sb;
        sbuf_init(&sb);
        Py_ssize_t n = PyList_GET_SIZE(lines), start = n - 1;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *s = PyList_GET_ITEM(lines, i);
            const char *u = PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : NULL;
            if (u && u[0] != ' ')
                start = i;
            if (u && u[0] != ' ')
                break;
        }
        for (Py_ssize_t i = start; i < n; i++) {
            PyObject *s = PyList_GET_ITEM(lines, i);
            const char *u = PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : NULL;
            if (u)
                sbuf_addstr(&sb, u);
        }
        while (sb.len && sb.buf[sb.len - 1] == '\n')
            sb.buf[--sb.len] = '\0';
        line = sbuf_detach(&sb, NULL);
        sbuf_release(&sb);
    }
    Py_XDECREF(lines);
    Py_XDECREF(tbm);
    PyErr_Clear();
    if (!line)
        line = xstrdup(Py_TYPE(exc)->tp_name);
    return line;
}

static char *exception_traceback(PyObject *exc)
{
    char *text = NULL;
    PyObject *tbm = PyImport_ImportModule("traceback");
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *lines = tbm ? PyObject_CallMethod(tbm, "format_exception", "OOO",
                                                (PyObject *)Py_TYPE(exc), exc, tb ? tb : Py_None)
                          : NULL;
    if (lines && PyList_Check(lines)) {
        sbuf sb;
        sbuf_init(&sb);
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
            PyObject *s = PyList_GET_ITEM(lines, i);
            if (PyUnicode_Check(s)) {
                const char *u = PyUnicode_AsUTF8(s);
                if (u)
                    sbuf_addstr(&sb, u);
            }
        }
        text = sbuf_detach(&sb, NULL);
        sbuf_release(&sb);
    }
    Py_XDECREF(lines);
    Py_XDECREF(tb);
    Py_XDECREF(tbm);
    PyErr_Clear();
    return text;
}

static char *qualified_type_name(PyTypeObject *t)
{
    const char *name = t->tp_name;
    const char *dot = strrchr(name, '.');
    if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return xstrdup(dot && strncmp(name, "builtins.", 9) == 0 ? dot + 1 : name);
    PyObject *mod = PyObject_GetAttrString((PyObject *)t, "__module__");
    const char *m = mod && PyUnicode_Check(mod) ? PyUnicode_AsUTF8(mod) : NULL;
    char *r = (m && strcmp(m, "builtins") != 0 && strcmp(m, "__main__") != 0 && strcmp(m, "answer") != 0)
                  ? xasprintf("%s.%s", m, name)
                  : xstrdup(name);
    Py_XDECREF(mod);
    PyErr_Clear();
    return r;
}

#define MAX_BASES_DEPTH 64

/* 1 if t is c or has c among its declared bases, at any depth. */
static int derives_from(PyTypeObject *t, PyTypeObject *c, int depth)
{
    if (t == c)
        return 1;
    PyObject *bases = t->tp_bases;
    if (depth > MAX_BASES_DEPTH || !bases || !PyTuple_Check(bases))
        return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        if (PyType_Check(b) && derives_from((PyTypeObject *)b, c, depth + 1))
            return 1;
    }
    return 0;
}

/* str(val), without running a C callable of the answer's from here,
 * where no Python frame would say whose a change it makes is: a class of
 * the answer's whose __str__ is not a function (functools.partial(setattr,
 * ...)) is read through the nearest built-in class's own str, its args.
 * A __str__ the answer wrote as a function runs as itself, in a frame of
 * its own. Only the answer's classes' dicts are looked in: those of heap
 * types, which every Python keeps in tp_dict. */
static PyObject *exception_str(PyObject *val)
{
    PyTypeObject *t = Py_TYPE(val);
    PyObject *mro = t->tp_mro;
    for (Py_ssize_t i = 0; mro && PyTuple_Check(mro) && i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (!PyType_Check(b) || !(b->tp_flags & Py_TPFLAGS_HEAPTYPE) || !b->tp_dict)
            break; /* a built-in class: its str is the interpreter's */
        PyObject *m = PyDict_GetItemString(b->tp_dict, "__str__"); /* borrowed */
        if (!m)
            continue;
        if (PyFunction_Check(m))
            break;
        PyTypeObject *base = t;
        while (base && (base->tp_flags & Py_TPFLAGS_HEAPTYPE))
            base = base->tp_base;
        if (base && base->tp_str)
            return base->tp_str(val);
        break;
    }
    return PyObject_Str(val);
}

int child_exc_describe(cJSON *rec, int want_traceback)
{
    PyObject *type, *val, *tb;
    PyErr_Fetch(&type, &val, &tb);
    PyErr_NormalizeException(&type, &val, &tb);
    if (tb && val)
        PyException_SetTraceback(val, tb);
    int memory = 0;
    cJSON_AddStringToObject(rec, "k", "raised");
    if (!val) {
        cJSON_AddStringToObject(rec, "type", "SystemError");
        cJSON_AddStringToObject(rec, "msg", "an exception without a value");
        goto out;
    }
    PyTypeObject *t = Py_TYPE(val);
    char *qn = qualified_type_name(t);
    add_text_n(rec, "type", qn, strlen(qn));
    free(qn);
    PyObject *s = exception_str(val);
    if (s && PyUnicode_Check(s)) {
        /* a lone surrogate has no UTF-8: written as \udXXX rather than
         * losing the whole message */
        PyObject *b = PyUnicode_AsEncodedString(s, "utf-8", "backslashreplace");
        if (b)
            add_text_n(rec, "msg", PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
        Py_XDECREF(b);
    }
    PyErr_Clear();
    Py_XDECREF(s);
    PyErr_Clear();
    /* The built-in exception classes it really derives from, found
     * through the classes' declared bases (tp_bases), never its name or
     * its MRO: a class named TypeError is not TypeError, and a metaclass
     * can make mro() claim any class. The names are the pristine builtins'
     * (aliases such as IOError included). */
    cJSON *bases = cJSON_AddArrayToObject(rec, "builtins");
    PyObject *pristine = pyembed_pristine_builtins();
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (pristine && PyDict_Next(pristine, &pos, &k, &v))
        if (PyType_Check(v) && PyType_FastSubclass((PyTypeObject *)v, Py_TPFLAGS_BASE_EXC_SUBCLASS) &&
            PyUnicode_CheckExact(k) && derives_from(t, (PyTypeObject *)v, 0)) {
            const char *name = PyUnicode_AsUTF8(k);
            if (name)
                cJSON_AddItemToArray(bases, cJSON_CreateString(name));
        }
    PyErr_Clear();
    memory = PyType_IsSubtype(t, (PyTypeObject *)PyExc_MemoryError);
    char *trace = want_traceback ? exception_traceback(val) : NULL;
    if (trace) {
        add_text_n(rec, "tb", trace, strlen(trace));
        free(trace);
    }
out:
    Py_XDECREF(type);
    Py_XDECREF(val);
    Py_XDECREF(tb);
    PyErr_Clear();
    return memory;
}
