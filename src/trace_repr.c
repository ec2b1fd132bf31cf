/* trace_repr.c - what the tracer says of an object, composed in C: see
 * trace_repr.h. Each repr comes from the built-in types' own C slots
 * (PyLong_Type.tp_repr for an int, even an int subclass's), never from a
 * __repr__ or __str__ of the snippet's, and is cut to TRACE_MAX_REPR
 * characters; containers stop at REPR_CAP_BYTES.
 *
 * A container that holds itself is drawn as Python's own repr draws it
 * (the inner occurrence as [...], {...} or (...), as Py_ReprEnter does),
 * so that a cycle in the trace is one in Python. Nesting past REPR_NEST
 * is cut with "…" (never "...", which would read as a cycle), and the
 * repr counts as cut, so the trace reports the "repr" budget. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "trace_repr.h"

#include <string.h>

#include "pyembed.h"
#include "trace.h"

/* Containers shown inside a container's repr before "…" stands in for
 * the rest (the byte cap ends a repr long before this in most cases; it
 * bounds the C recursion). */
#define REPR_NEST 16
/* What stands in for a cut: U+2026, unlike Python's "..." of a cycle. */
#define REPR_CUT_MARK "\xe2\x80\xa6"
/* A repr is composed up to this many bytes, then cut to TRACE_MAX_REPR
 * characters. */
#define REPR_CAP_BYTES (TRACE_MAX_REPR * 4 + 8)
/* Ints past this magnitude are described, not written out. */
#define INT_MAX_SHOWN 1e300

static void add_utf8(sbuf *sb, PyObject *u)
{
    Py_ssize_t n;
    const char *s = u && PyUnicode_Check(u) ? PyUnicode_AsUTF8AndSize(u, &n) : NULL;
    if (s)
        sbuf_add(sb, s, (size_t)n);
    PyErr_Clear();
}

/* The last part of a type's name ("OrderedDict", not "collections.OrderedDict"). */
const char *trace_repr_type_name(PyTypeObject *t)
{
    const char *dot = strrchr(t->tp_name, '.');
    return dot ? dot + 1 : t->tp_name;
}

/* An attribute of an object of a built-in type that cannot be
 * overridden (the type's own C getter), as UTF-8 into sb. */
void trace_repr_attr(sbuf *sb, PyObject *o, const char *attr)
{
    PyObject *v = PyObject_GetAttrString(o, attr);
    add_utf8(sb, v);
    Py_XDECREF(v);
    PyErr_Clear();
}

/* A function's qualified name, without the ".<locals>" that nesting puts
 * in it ("make.<lambda>"). */
static void add_qualname(sbuf *sb, PyObject *fn)
{
    size_t at = sb->len;
    trace_repr_attr(sb, fn, "__qualname__");
    static const char locals[] = ".<locals>";
    char *p;
    while ((p = strstr(sb->buf + at, locals)) != NULL) {
        memmove(p, p + sizeof locals - 1, strlen(p + sizeof locals - 1) + 1);
        sb->len -= sizeof locals - 1;
    }
}


/* Cuts sb to max characters (code points), with "…"; 1 if cut. */
static int cut_to(sbuf *sb, size_t max)
{
    size_t chars = 0;
    for (size_t i = 0; i < sb->len; i++) {
        if (((unsigned char)sb->buf[i] & 0xC0) == 0x80)
            continue;
        if (chars++ == max) {
            sb->len = i;
            sb->buf[i] = '\0';
            sbuf_addstr(sb, "\xe2\x80\xa6");
            return 1;
        }
    }
    return 0;
}

static int cut_chars(sbuf *sb)
{
    return cut_to(sb, TRACE_MAX_REPR);
}

char *trace_repr_text(const char *s, size_t n, size_t max, int *cut)
{
    /* a character is at most 4 bytes: no need to look further */
    size_t look = n < 4 * max + 4 ? n : 4 * max + 4;
    char *clean = util_utf8_sanitize(s, look, NULL);
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, clean);
    free(clean);
    *cut = cut_to(&sb, max) || look < n;
    if (look < n && !*cut)
        sbuf_addstr(&sb, "\xe2\x80\xa6");
    return sbuf_detach(&sb, NULL);
}

/* ---- reprs, composed in C --------------------------------------------- */

/* A repr being composed: the text, the containers it is inside of (for
 * cycles), and whether anything was cut. */
typedef struct repr_path {
    PyObject *o;
    const struct repr_path *up;
} repr_path;

typedef struct {
    sbuf *sb;
    int cut;
} repr_ctx;

static void repr_add(repr_ctx *c, PyObject *o, int nest, const repr_path *up);

static void repr_slot(sbuf *sb, reprfunc f, PyObject *o)
{
    PyObject *r = f ? f(o) : NULL;
    add_utf8(sb, r);
    Py_XDECREF(r);
    PyErr_Clear();
}

static void repr_int(sbuf *sb, PyObject *o)
{
    /* the base slot, not a subclass's __repr__; and never the minutes a
     * huge int takes to write out */
    double d = PyLong_AsDouble(o);
    if ((d == -1.0 && PyErr_Occurred()) || d > INT_MAX_SHOWN || d < -INT_MAX_SHOWN) {
        PyErr_Clear();
        sbuf_addstr(sb, "<int of over 300 digits>");
        return;
    }
    repr_slot(sb, PyLong_Type.tp_repr, o);
}

static void repr_str(sbuf *sb, PyObject *o)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(o);
    PyObject *head = PyUnicode_Substring(o, 0, n < TRACE_MAX_REPR ? n : TRACE_MAX_REPR);
    if (head)
        repr_slot(sb, PyUnicode_Type.tp_repr, head);
    Py_XDECREF(head);
    PyErr_Clear();
    if (n > TRACE_MAX_REPR)
        sbuf_addstr(sb, "\xe2\x80\xa6");
}

static void repr_bytes(sbuf *sb, const char *data, Py_ssize_t n)
{
    PyObject *head = PyBytes_FromStringAndSize(data, n < TRACE_MAX_REPR ? n : TRACE_MAX_REPR);
    if (head)
        repr_slot(sb, PyBytes_Type.tp_repr, head);
    Py_XDECREF(head);
    PyErr_Clear();
    if (n > TRACE_MAX_REPR)
        sbuf_addstr(sb, "\xe2\x80\xa6");
}

/* The items of a set or frozenset (a subclass's storage too, through the
 * base type's iterator), each passed to fn until it returns nonzero. */
void trace_repr_set_each(PyObject *o, int (*fn)(PyObject *item, void *arg), void *arg)
{
    PyObject *it = PySet_Type.tp_iter ? PySet_Type.tp_iter(o) : NULL;
    PyObject *item;
    while (it && (item = Py_TYPE(it)->tp_iternext(it)) != NULL) {
        int stop = fn(item, arg);
        Py_DECREF(item);
        if (stop)
            break;
    }
    Py_XDECREF(it);
    PyErr_Clear();
}

typedef struct {
    repr_ctx *c;
    int nest;
    const repr_path *path;
    int first;
} repr_walk;

static int repr_set_item(PyObject *item, void *arg)
{
    repr_walk *w = arg;
    if (!w->first)
        sbuf_addstr(w->c->sb, ", ");
    w->first = 0;
    repr_add(w->c, item, w->nest + 1, w->path);
    return w->c->sb->len > REPR_CAP_BYTES;
}

static int on_path(const repr_path *p, PyObject *o)
{
    for (; p; p = p->up)
        if (p->o == o)
            return 1;
    return 0;
}

static void repr_container(repr_ctx *c, PyObject *o, int nest, const repr_path *up)
{
    sbuf *sb = c->sb;
    const char *open = PyList_Check(o) ? "[" : PyTuple_Check(o) ? "(" : "{";
    const char *close = PyList_Check(o) ? "]" : PyTuple_Check(o) ? ")" : "}";
    if (on_path(up, o)) {
        /* Py_ReprEnter's mark: the container holds itself */
        sbuf_addstr(sb, open);
        sbuf_addstr(sb, "...");
        sbuf_addstr(sb, close);
        return;
    }
    PyTypeObject *t = Py_TYPE(o);
    int sub = t != &PyList_Type && t != &PyTuple_Type && t != &PyDict_Type && t != &PySet_Type &&
              t != &PyFrozenSet_Type;
    if (sub || PyFrozenSet_Check(o) || (PyAnySet_Check(o) && PySet_GET_SIZE(o) == 0)) {
        sbuf_addstr(sb, trace_repr_type_name(t));
        sbuf_addch(sb, '(');
    }
    if (PyAnySet_Check(o) && PySet_GET_SIZE(o) == 0) {
        sbuf_addch(sb, ')');
        return;
    }
    repr_path here = { o, up };
    sbuf_addstr(sb, open);
    if (nest >= REPR_NEST) {
        sbuf_addstr(sb, REPR_CUT_MARK);
        c->cut = 1;
    } else if (PyDict_Check(o)) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        int first = 1;
        while (PyDict_Next(o, &pos, &k, &v) && sb->len <= REPR_CAP_BYTES) {
            if (!first)
                sbuf_addstr(sb, ", ");
            first = 0;
            repr_add(c, k, nest + 1, &here);
            sbuf_addstr(sb, ": ");
            repr_add(c, v, nest + 1, &here);
        }
    } else if (PyAnySet_Check(o)) {
        repr_walk w = { c, nest, &here, 1 };
        trace_repr_set_each(o, repr_set_item, &w);
    } else {
        Py_ssize_t n = PyList_Check(o) ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
        for (Py_ssize_t i = 0; i < n && sb->len <= REPR_CAP_BYTES; i++) {
            if (i)
                sbuf_addstr(sb, ", ");
            repr_add(c, PyList_Check(o) ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i), nest + 1, &here);
        }
        if (PyTuple_Check(o) && n == 1)
            sbuf_addch(sb, ',');
    }
    sbuf_addstr(sb, close);
    if (sub || PyFrozenSet_Check(o))
        sbuf_addch(sb, ')');
}

static void repr_exception(repr_ctx *c, PyObject *o, int nest, const repr_path *up)
{
    sbuf *sb = c->sb;
    sbuf_addstr(sb, trace_repr_type_name(Py_TYPE(o)));
    int cut = on_path(up, o) || nest >= REPR_NEST;
    PyObject *args = cut ? NULL : pyembed_exception_args(o);
    if (!args) {
        /* cut, or args that only the snippet's code could give */
        sbuf_addstr(sb, "(" REPR_CUT_MARK ")");
        c->cut |= cut;
        return;
    }
    repr_path here = { o, up };
    sbuf_addch(sb, '(');
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args) && sb->len <= REPR_CAP_BYTES; i++) {
        if (i)
            sbuf_addstr(sb, ", ");
        repr_add(c, PyTuple_GET_ITEM(args, i), nest + 1, &here);
    }
    sbuf_addch(sb, ')');
    Py_DECREF(args);
}

static void repr_add(repr_ctx *c, PyObject *o, int nest, const repr_path *up)
{
    sbuf *sb = c->sb;
    if (sb->len > REPR_CAP_BYTES)
        return;
    PyTypeObject *t = Py_TYPE(o);
    if (o == Py_None || o == Py_True || o == Py_False || o == Py_Ellipsis || o == Py_NotImplemented ||
        t == &PyFloat_Type || t == &PyComplex_Type || t == &PyRange_Type) {
        repr_slot(sb, t->tp_repr, o); /* C slots of exact types: nothing to call back */
    } else if (PyLong_Check(o)) {
        repr_int(sb, o);
    } else if (PyFloat_Check(o)) {
        repr_slot(sb, PyFloat_Type.tp_repr, o);
    } else if (PyUnicode_Check(o)) {
        repr_str(sb, o);
    } else if (PyBytes_Check(o)) {
        repr_bytes(sb, PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o));
    } else if (PyByteArray_Check(o)) {
        sbuf_addstr(sb, "bytearray(");
        repr_bytes(sb, PyByteArray_AS_STRING(o), PyByteArray_GET_SIZE(o));
        sbuf_addch(sb, ')');
    } else if (PyList_Check(o) || PyTuple_Check(o) || PyDict_Check(o) || PyAnySet_Check(o)) {
        repr_container(c, o, nest, up);
    } else if (PyFunction_Check(o)) {
        sbuf_addstr(sb, "<function ");
        add_qualname(sb, o);
        sbuf_addch(sb, '>');
    } else if (PyCFunction_Check(o)) {
        sbuf_addstr(sb, "<built-in function ");
        trace_repr_attr(sb, o, "__name__");
        sbuf_addch(sb, '>');
    } else if (PyMethod_Check(o)) {
        sbuf_addstr(sb, "<bound method ");
        PyObject *fn = PyMethod_GET_FUNCTION(o);
        if (PyFunction_Check(fn))
            add_qualname(sb, fn);
        sbuf_addstr(sb, " of ");
        sbuf_addstr(sb, trace_repr_type_name(Py_TYPE(PyMethod_GET_SELF(o))));
        sbuf_addstr(sb, " object>");
    } else if (PyType_Check(o)) {
        sbuf_addf(sb, "<class '%s'>", trace_repr_type_name((PyTypeObject *)o));
    } else if (PyModule_Check(o)) {
        sbuf_addstr(sb, "<module '");
        PyObject *name = PyModule_GetNameObject(o);
        add_utf8(sb, name);
        Py_XDECREF(name);
        PyErr_Clear();
        sbuf_addstr(sb, "'>");
    } else if (PyCell_Check(o)) {
        sbuf_addstr(sb, "<cell>");
    } else if (PyExceptionInstance_Check(o)) {
        repr_exception(c, o, nest, up);
    } else {
        sbuf_addf(sb, "<%s object>", trace_repr_type_name(t));
    }
}

/* The repr of o, at most TRACE_MAX_REPR characters (caller frees). */
char *trace_repr(PyObject *o, int *cut)
{
    sbuf sb;
    sbuf_init(&sb);
    repr_ctx c = { &sb, 0 };
    repr_add(&c, o, 0, NULL);
    *cut = cut_chars(&sb) | c.cut;
    char *s = util_utf8_sanitize(sb.buf, sb.len, NULL);
    sbuf_release(&sb);
    return s;
}


/* "Name: message" of the exception an exception event carries, composed
 * without calling the exception's own __str__. */
char *trace_repr_exception(PyObject *arg, int *cut)
{
    *cut = 0;
    PyObject *val = arg && PyTuple_Check(arg) && PyTuple_GET_SIZE(arg) >= 2 ? PyTuple_GET_ITEM(arg, 1) : NULL;
    if (!val || !PyExceptionInstance_Check(val))
        return xstrdup("an exception");
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, trace_repr_type_name(Py_TYPE(val)));
    PyObject *args = pyembed_exception_args(val);
    Py_ssize_t n = args ? PyTuple_GET_SIZE(args) : 0;
    /* as str() words them: a KeyError shows its key's repr */
    if (n == 1 && PyUnicode_CheckExact(PyTuple_GET_ITEM(args, 0)) &&
        !PyErr_GivenExceptionMatches(val, PyExc_KeyError)) {
        sbuf_addstr(&sb, ": ");
        /* never the whole of a huge message: one character past the budget
         * is enough to know it was cut */
        PyObject *m = PyTuple_GET_ITEM(args, 0);
        Py_ssize_t len = PyUnicode_GET_LENGTH(m);
        PyObject *head = PyUnicode_Substring(m, 0, len <= TRACE_MAX_MESSAGE ? len : TRACE_MAX_MESSAGE + 1);
        add_utf8(&sb, head);
        Py_XDECREF(head);
        PyErr_Clear();
    } else if (n >= 1) {
        sbuf_addstr(&sb, ": ");
        repr_ctx c = { &sb, 0 };
        for (Py_ssize_t i = 0; i < n && sb.len <= REPR_CAP_BYTES; i++) {
            if (i)
                sbuf_addstr(&sb, ", ");
            repr_add(&c, PyTuple_GET_ITEM(args, i), 1, NULL);
        }
    }
    Py_XDECREF(args);
    char *s = trace_repr_text(sb.buf, sb.len, TRACE_MAX_MESSAGE, cut);
    sbuf_release(&sb);
    return s;
}

