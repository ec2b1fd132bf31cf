/* child_exc.h - describing an answer's exception, in the child. */
#ifndef PYDRILL_CHILD_EXC_H
#define PYDRILL_CHILD_EXC_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cjson/cJSON.h>

/* "Name: message" as the interpreter prints it last, via traceback's own
 * format_exception_only (so notes and SyntaxError details match), notes
 * included. Never NULL; caller frees. */
char *child_exc_line(PyObject *exc);

/* Takes the pending exception and describes it into rec ("k": "raised",
 * "type", "msg", "builtins", and "tb" when want_traceback). Returns 1 if
 * it was a MemoryError (the run then counts as over its memory limit). */
int child_exc_describe(cJSON *rec, int want_traceback);

#endif
