/* codecache.h - trusted test code compiled once per worker, looked up by
 * each child it forks. */
#ifndef PYDRILL_CODECACHE_H
#define PYDRILL_CODECACHE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "catalog.h"

/* A new reference to src compiled for this interpreter's own version of
 * the language (start: Py_file_input or Py_eval_input); NULL with an
 * exception set when it does not compile. */
PyObject *codecache_compile(const char *src, const char *filename, int start);

/* In a worker, before its first child: compiles every test's setup and
 * expression of c once, in the sub-interpreter the children inherit (and
 * freezes them out of gc's reach). Children look them up by the address
 * of their source, which is the catalog's. */
void codecache_fill(const catalog *c);

/* codecache_compile, served from the cache when src (the address, not the
 * text) was filled. */
PyObject *codecache_get(const char *src, const char *filename, int start);

#endif
