/* trace_repr.h - the tracer's words for an object (trace.c): its type's
 * name and a short repr, composed in C without calling anything of the
 * snippet's (no __repr__, __str__, __getattr__ or __iter__ of its own). */
#ifndef PYDRILL_TRACE_REPR_H
#define PYDRILL_TRACE_REPR_H

#include <Python.h>

#include "util.h"

/* The repr of o, at most TRACE_MAX_REPR characters, valid UTF-8 (caller
 * frees); *cut is 1 when it was cut. */
char *trace_repr(PyObject *o, int *cut);
/* "Name: message" of the exception an exception event carries (its
 * (type, value, traceback) tuple), composed without the exception's own
 * __str__, at most TRACE_MAX_MESSAGE characters (*cut 1 when cut; caller
 * frees). */
char *trace_repr_exception(PyObject *arg, int *cut);
/* The first n bytes of s as valid UTF-8, cut to max characters with "…"
 * (only the first 4 * max + 4 bytes are looked at); *cut is 1 when it was
 * cut. Caller frees. */
char *trace_repr_text(const char *s, size_t n, size_t max, int *cut);
/* The last part of a type's name ("OrderedDict", not
 * "collections.OrderedDict"). */
const char *trace_repr_type_name(PyTypeObject *t);
/* An attribute that a built-in type's own C getter gives (a code object's
 * co_name, a function's __qualname__), as UTF-8 into sb. */
void trace_repr_attr(sbuf *sb, PyObject *o, const char *attr);
/* The items of a set or frozenset (a subclass's storage too, through the
 * base type's iterator), each passed to fn until it returns nonzero. */
void trace_repr_set_each(PyObject *o, int (*fn)(PyObject *item, void *arg), void *arg);

#endif
