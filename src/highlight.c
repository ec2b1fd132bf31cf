/* highlight.c - syntax classes from Python's tokenize module.
 *
 * Runs in the main interpreter, entered through pyembed (the only owner of
 * thread states), never in the sub-interpreter that children inherit. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "highlight.h"
#include "pyembed.h"

#include <string.h>

#include "util.h"

static const char hl_py[] =
    "import io, tokenize, keyword, builtins\n"
    "_B = frozenset(n for n in dir(builtins) if not n.startswith('_'))\n"
    "_SOFT = frozenset(getattr(keyword, 'softkwlist', ())) - {'_'}\n"
    "_SKIP = (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)\n"
    "# 3.12 splits f-strings into parts (3.14 t-strings too): all are string\n"
    "_STR = {tokenize.STRING} | {getattr(tokenize, n) for n in dir(tokenize)\n"
    "        if n.endswith(('STRING_START', 'STRING_MIDDLE', 'STRING_END'))}\n"
    "def _toks(src):\n"
    "    out = []\n"
    "    try:\n"
    "        for t in tokenize.generate_tokens(io.StringIO(src).readline):\n"
    "            out.append(t)\n"
    "    except Exception:\n"
    "        pass\n"
    "    return out\n"
    "def hl(src):\n"
    "    toks = _toks(src)\n"
    "    out = []\n"
    "    prev = None\n"
    "    for i, t in enumerate(toks):\n"
    "        k = 0\n"
    "        if t.type == tokenize.NAME:\n"
    "            nxt = toks[i + 1] if i + 1 < len(toks) else None\n"
    "            # match/case are keywords only where a statement starts with them\n"
    "            soft = (t.string in _SOFT and prev is None and nxt is not None\n"
    "                    and (nxt.type != tokenize.OP or nxt.string in '([{-*'))\n"
    "            if keyword.iskeyword(t.string) or soft: k = 1\n"
    "            elif prev in ('def', 'class'): k = 6\n"
    "            elif t.string in _B: k = 2\n"
    "        elif t.type in _STR: k = 3\n"
    "        elif t.type == tokenize.NUMBER: k = 4\n"
    "        elif t.type == tokenize.COMMENT: k = 5\n"
    "        elif t.type == tokenize.OP: k = 7\n"
    "        if t.type in _SKIP:\n"
    "            prev = None\n"
    "        elif t.type != tokenize.COMMENT:\n"
    "            prev = t.string if t.type == tokenize.NAME else ''\n"
    "        if k: out.append((t.start[0], t.start[1], t.end[0], t.end[1], k))\n"
    "    return out\n";

static PyObject *hl_func;
static int hl_broken;

/* Byte offset of (1-based line, character column) in src. */
static size_t hl_offset(const char *src, size_t len, const size_t *starts, size_t nlines,
                        long line, long col)
{
    if (line < 1)
        return 0;
    if ((size_t)line > nlines)
        return len;
    size_t off = starts[line - 1];
    while (col > 0 && off < len && src[off] != '\n') {
        off++;
        while (off < len && ((unsigned char)src[off] & 0xc0) == 0x80)
            off++;
        col--;
    }
    return off;
}

static void hl_fill(const char *src, PyObject *list, unsigned char *cls)
{
    size_t len = strlen(src);
    size_t nlines = 1;
    for (size_t i = 0; i < len; i++)
        nlines += src[i] == '\n';
    size_t *starts = xmalloc(nlines * sizeof *starts);
    size_t li = 0;
    starts[li++] = 0;
    for (size_t i = 0; i < len; i++)
        if (src[i] == '\n')
            starts[li++] = i + 1;
    Py_ssize_t n = PyList_Size(list);
    for (Py_ssize_t i = 0; i < n; i++) {
        long v[5];
        PyObject *t = PyList_GetItem(list, i);
        if (!PyTuple_Check(t) || PyTuple_Size(t) != 5)
            continue;
        for (int j = 0; j < 5; j++)
            v[j] = PyLong_AsLong(PyTuple_GetItem(t, j));
        if (PyErr_Occurred()) {
            PyErr_Clear();
            continue;
        }
        size_t a = hl_offset(src, len, starts, nlines, v[0], v[1]);
        size_t b = hl_offset(src, len, starts, nlines, v[2], v[3]);
        for (size_t k = a; k < b && k < len; k++)
            cls[k] = (unsigned char)v[4];
    }
    free(starts);
}

static unsigned char *hl_run(const char *src, unsigned char *cls)
{
    if (!hl_func && !hl_broken) {
        PyObject *g = PyDict_New();
        PyObject *r = g ? PyRun_String(hl_py, Py_file_input, g, g) : NULL;
        if (r)
            hl_func = PyDict_GetItemString(g, "hl");
        Py_XINCREF(hl_func);
        Py_XDECREF(r);
        Py_XDECREF(g);
        if (!hl_func) {
            hl_broken = 1;
            PyErr_Clear();
        }
    }
    if (!hl_func)
        return cls;
    PyObject *res = PyObject_CallFunction(hl_func, "s", src);
    if (res && PyList_Check(res))
        hl_fill(src, res, cls);
    Py_XDECREF(res);
    PyErr_Clear();
    return cls;
}

static int hl_call(void *arg)
{
    const char *src = ((void **)arg)[0];
    hl_run(src, ((void **)arg)[1]);
    return 0;
}

unsigned char *highlight_source(const char *src)
{
    if (!src || hl_broken)
        return NULL;
    size_t len = strlen(src);
    if (!util_utf8_valid(src, len))
        return NULL;
    unsigned char *cls = xcalloc(len + 1, 1);
    void *args[2] = { (void *)src, cls };
    if (pyembed_in_main(hl_call, args) < 0) {
        free(cls);
        return NULL;
    }
    return cls;
}
