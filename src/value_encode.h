/* value_encode.h - a Python object into the plain-value wire form (the
 * child's side of value.h). Exact built-in types only; nothing of the
 * object's own is ever called. */
#ifndef PYDRILL_VALUE_ENCODE_H
#define PYDRILL_VALUE_ENCODE_H

#include <Python.h>
#include <cjson/cJSON.h>

#define VALUE_ENCODE_REASON_MAX 200

/* The wire form of o, or NULL when o is not a plain value (or is past the
 * limits of value.h), with the reason in why (no exception left set). */
cJSON *value_encode_py(PyObject *o, char why[VALUE_ENCODE_REASON_MAX]);

#endif
