/* libguard_preload.c - which modules the library guard holds besides the
 * warm ones: those a pack's tests import, when known to be safe to load
 * before any answer (planning loads them, and the snapshot is taken
 * again), and, for `check`, those it cannot hold. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "libguard.h"

#include <string.h>

#include "pyembed.h"
#include "util.h"

/* Modules a test may import that load nothing the sandbox refuses and do
 * nothing on import: the ones a pack's tests import are loaded before any
 * answer, so that they are guarded too (and each child need not import
 * them). Any other module a test imports is left to the child. */
static const char *const preloadable[] = {
    "array", "asyncio", "base64", "binascii", "bisect", "calendar", "cmath", "collections", "collections.abc",
    "contextlib", "contextvars", "copy", "csv", "dataclasses", "datetime", "decimal", "difflib", "dis", "enum",
    "fnmatch", "fractions", "functools", "glob", "graphlib", "hashlib", "heapq", "html", "inspect", "io",
    "ipaddress", "itertools", "json", "keyword", "math", "numbers", "operator", "pathlib", "pickle", "pprint",
    "queue", "random", "re", "reprlib", "secrets", "shlex", "statistics", "string", "struct", "textwrap",
    "time", "timeit", "tomllib", "tracemalloc", "types", "typing", "unicodedata", "urllib.parse", "weakref",
    "zlib",
};

static int preloadable_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(preloadable); i++)
        if (strcmp(name, preloadable[i]) == 0)
            return 1;
    return 0;
}

/* The absolute module names code src imports at any depth (import X,
 * from X import y: X), as a new list of str; NULL when src does not parse
 * (a test that does not parse fails in the child, as before). */
static PyObject *imported_names(const char *src)
{
    PyObject *out = NULL;
    PyObject *ast = PyImport_ImportModule("ast");
    PyObject *tree = ast ? PyObject_CallMethod(ast, "parse", "s", src) : NULL;
    PyObject *nodes = tree ? PyObject_CallMethod(ast, "walk", "O", tree) : NULL;
    PyObject *list = nodes ? PySequence_List(nodes) : NULL;
    PyObject *imp = ast ? PyObject_GetAttrString(ast, "Import") : NULL;
    PyObject *imp_from = ast ? PyObject_GetAttrString(ast, "ImportFrom") : NULL;
    if (!list || !imp || !imp_from || !(out = PyList_New(0)))
        goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *node = PyList_GET_ITEM(list, i);
        if (PyObject_IsInstance(node, imp_from) == 1) {
            PyObject *m = PyObject_GetAttrString(node, "module");
            PyObject *level = PyObject_GetAttrString(node, "level");
            /* from . import x names no module of the library */
            if (m && PyUnicode_Check(m) && level && PyLong_AsLong(level) == 0)
                PyList_Append(out, m);
            Py_XDECREF(m);
            Py_XDECREF(level);
        } else if (PyObject_IsInstance(node, imp) == 1) {
            PyObject *aliases = PyObject_GetAttrString(node, "names");
            for (Py_ssize_t j = 0; aliases && PyList_Check(aliases) && j < PyList_GET_SIZE(aliases); j++) {
                PyObject *nm = PyObject_GetAttrString(PyList_GET_ITEM(aliases, j), "name");
                if (nm && PyUnicode_Check(nm))
                    PyList_Append(out, nm);
                Py_XDECREF(nm);
            }
            Py_XDECREF(aliases);
        }
        PyErr_Clear();
    }
done:
    Py_XDECREF(imp);
    Py_XDECREF(imp_from);
    Py_XDECREF(list);
    Py_XDECREF(nodes);
    Py_XDECREF(tree);
    Py_XDECREF(ast);
    PyErr_Clear();
    return out;
}

/* Imports what src imports, when preloadable and not loaded yet; *loaded
 * counts the new ones. */
static void preload_one(const char *src, int *loaded)
{
    PyObject *names = imported_names(src);
    PyObject *mods = PySys_GetObject("modules"); /* borrowed */
    for (Py_ssize_t j = 0; names && mods && j < PyList_GET_SIZE(names); j++) {
        const char *name = PyUnicode_AsUTF8(PyList_GET_ITEM(names, j));
        if (!name || !preloadable_name(name) || PyDict_GetItemString(mods, name))
            continue;
        PyObject *m = PyImport_ImportModule(name);
        if (m)
            (*loaded)++;
        Py_XDECREF(m);
        PyErr_Clear();
    }
    Py_XDECREF(names);
    PyErr_Clear();
}

typedef struct {
    const char *src;
    sbuf out;
} unguarded_args;

static int unguarded(void *arg)
{
    unguarded_args *a = arg;
    PyObject *names = imported_names(a->src);
    PyObject *mods = PySys_GetObject("modules"); /* borrowed */
    for (Py_ssize_t j = 0; names && mods && j < PyList_GET_SIZE(names); j++) {
        const char *name = PyUnicode_AsUTF8(PyList_GET_ITEM(names, j));
        if (!name || PyDict_GetItemString(mods, name))
            continue;
        /* once each */
        int seen = 0;
        for (Py_ssize_t k = 0; k < j && !seen; k++)
            seen = PyUnicode_Compare(PyList_GET_ITEM(names, k), PyList_GET_ITEM(names, j)) == 0;
        if (!seen) {
            sbuf_addstr(&a->out, a->out.len ? ", " : "");
            sbuf_addstr(&a->out, name);
        }
    }
    Py_XDECREF(names);
    PyErr_Clear();
    return 0;
}

char *libguard_unguarded(const char *src)
{
    unguarded_args a = { .src = src };
    sbuf_init(&a.out);
    if (src)
        pyembed_in_sub(unguarded, &a);
    if (!a.out.len) {
        sbuf_release(&a.out);
        return NULL;
    }
    return sbuf_detach(&a.out, NULL);
}

typedef struct {
    const char *const *srcs;
    size_t n;
    int loaded;
} preload_args;

static int preload(void *arg)
{
    preload_args *a = arg;
    for (size_t i = 0; i < a->n; i++)
        if (a->srcs[i])
            preload_one(a->srcs[i], &a->loaded);
    return 0;
}

int libguard_preload(const char *const *srcs, size_t n)
{
    preload_args a = { srcs, n, 0 };
    pyembed_in_sub(preload, &a);
    if (!a.loaded)
        return 0;
    if (libguard_snapshot() < 0 || pyembed_refreeze() < 0)
        return -1;
    return a.loaded;
}
