/* pyembed.h - the embedded interpreter: start-up with an isolated
 * configuration, the pristine sub-interpreter that children run in, and
 * the version facts. The only module with PY_VERSION_HEX conditionals. */
#ifndef PYDRILL_PYEMBED_H
#define PYDRILL_PYEMBED_H

#include <Python.h>

/* Starts the main interpreter (isolated, no site, no signal handlers, fixed
 * hash seed, UTF-8 stdio) and creates the warm sub-interpreter, leaving the
 * main thread state current. Returns 0, or -1 with *err. */
int pyembed_start(char **err);
/* Makes the pristine sub-interpreter current. Only in a forked child: the
 * parent keeps its copy pristine. */
void pyembed_enter_sub(void);
/* Runs fn(arg) with the warm sub-interpreter current (in the parent: only
 * for what every child should inherit ready-made); returns fn's result. */
int pyembed_in_sub(int (*fn)(void *), void *arg);
/* Runs fn(arg) in the main interpreter (tools of the grader itself, such
 * as highlighting); -1 when the interpreter is not started. */
int pyembed_in_main(int (*fn)(void *), void *arg);
/* A new reference to the local variable name of frame f, or NULL (no
 * exception set) when it has none. PEP 667 made f_locals a proxy in 3.13. */
PyObject *pyembed_frame_var(PyFrameObject *f, const char *name);
const char *pyembed_version(void);       /* "3.11.2" */
unsigned long pyembed_hexversion(void);

#endif
