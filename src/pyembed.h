/* pyembed.h - the embedded interpreter: start-up with an isolated
 * configuration, the pristine sub-interpreter that children run in, thread
 * states, the fork rules, and the version facts. The only module with
 * PY_VERSION_HEX conditionals. */
#ifndef PYDRILL_PYEMBED_H
#define PYDRILL_PYEMBED_H

#include <Python.h>
#include <stddef.h>

/* Starts the main interpreter (isolated, no site, no signal handlers, fixed
 * hash seed, UTF-8 stdio, a clean environment) and creates the warm
 * sub-interpreter, leaving the main thread state current. Returns 0, or
 * -1 with *err. */
int pyembed_start(char **err);
/* Runs fn(arg) with the warm sub-interpreter current (in the parent: only
 * for what every child should inherit ready-made); returns fn's result. */
int pyembed_in_sub(int (*fn)(void *), void *arg);
/* Runs fn(arg) in the main interpreter (tools of the grader itself, such
 * as highlighting); -1 when the interpreter is not started. */
int pyembed_in_main(int (*fn)(void *), void *arg);
/* Freezes what exists now in the sub-interpreter out of gc's reach (after
 * the parent has prepared objects children must not find). */
int pyembed_refreeze(void);

/* Parent, just before fork: 0 if forking is safe (no thread but the main
 * one), else -1 with *err. */
int pyembed_fork_check(char **err);
/* Child, first thing after fork: makes the pristine sub-interpreter
 * current. The parent keeps its own copy pristine. */
void pyembed_after_fork(void);

/* The modules imported into the sub-interpreter before any fork (also
 * what make bench's floor imports, to fork a process about as big). */
const char *const *pyembed_warm_modules(size_t *n);

/* The builtins as they were before any answer ran (borrowed; child only
 * reads it, and copies it for each test). */
PyObject *pyembed_pristine_builtins(void);
/* A new reference to a fresh copy of the pristine builtins, for one test
 * (in a child: the first ones were made before the fork). */
PyObject *pyembed_builtins_copy(void);
/* The sub-interpreter's import path (sys.path), for the sandbox's read
 * list. Caller frees the strings and the array. */
char **pyembed_import_paths(size_t *n);

/* Guards a test's builtins and namespace while it runs (see pyembed.c).
 * Returns 1 if this Python can watch them as they change (3.12+), 0 if it
 * compares versions instead; guard_expr marks the start of the test's
 * expression (its source); stop returns 1 if either was changed in a way a
 * test must not see. */
int pyembed_guard_start(PyObject *builtins, PyObject *ns);
/* The setup is about to run (code: its code object, borrowed): from 3.12
 * a change to the namespace made by other code than it trips the guard. */
void pyembed_guard_setup(PyObject *code);
void pyembed_guard_expr(const char *expr);
int pyembed_guard_stop(void);

/* Watching the library's dicts for the library guard. cb is told of a
 * change to a watched dict d: key rebound from old to new (old NULL: added;
 * new NULL: removed), or key NULL when the whole dict was cleared or
 * replaced. 3.12+ tells each change as it is made (old still in place);
 * 3.11 only when pyembed_watch_sweep() compares the dicts with the copies
 * taken by pyembed_watch, so a change undone before the sweep is not seen
 * there. reset forgets every watch of this process (3.11) and sets cb. */
typedef void (*pyembed_change_fn)(PyObject *d, PyObject *key, PyObject *old, PyObject *newv);
void pyembed_watch_reset(pyembed_change_fn cb);
int pyembed_watch(PyObject *d);
void pyembed_watch_sweep(void);
/* obj's own dict (new reference, or NULL), made so that watching it sees
 * every change to the object's attributes. */
PyObject *pyembed_object_dict(PyObject *obj);
/* 1 where changes are told as they are made (3.12+): no sweep needed. */
int pyembed_watch_live(void);
/* 1 where the standard library imports _interpreters and its kin itself
 * (3.14+: concurrent.futures, which asyncio imports, at import time), so
 * that refusing them by name would refuse honest answers. */
int pyembed_stdlib_imports_interpreters(void);

/* A new reference to the local variable name of frame f, or NULL (no
 * exception set) when it has none. PEP 667 made f_locals a proxy in 3.13. */
PyObject *pyembed_frame_var(PyFrameObject *f, const char *name);
/* For the tracer, which must read without running the snippet's code:
 * a new mapping of the names bound in frame f (a function's locals, cells
 * and free variables; a module's or class body's namespace itself), read
 * without touching the frame where this Python allows it (3.12+); the
 * args of an exception, where they can be read without calling anything
 * of the snippet's (3.12+, or a built-in exception class); a class's own
 * dict. Each a new reference, or NULL with no exception set. */
PyObject *pyembed_frame_names(PyFrameObject *f);
/* What pyembed_frame_names keeps between reads (3.11, where reading a
 * function's variables goes through the f_locals dict that locals()
 * returns, and is undone after): frame f has returned; the trace is over. */
void pyembed_frame_done(PyFrameObject *f);
void pyembed_frames_forget(void);
/* 1 when f is a generator's or coroutine's frame left suspended (a return
 * event told at a yield, not a return). */
int pyembed_frame_suspended(PyFrameObject *f);
PyObject *pyembed_exception_args(PyObject *exc);
PyObject *pyembed_type_dict(PyTypeObject *t);
/* Where a cell keeps its contents, and where obj (an object of class base
 * or of a subclass) keeps the object member name of base (property's
 * fget, classmethod's __func__): slots that no dict holds and no audit
 * event tells a change of, which the library guard compares (borrowed
 * addresses, valid while obj lives; NULL when there is none). */
PyObject **pyembed_cell_slot(PyObject *cell);
PyObject **pyembed_member_slot(PyObject *obj, PyTypeObject *base, const char *name);
/* o (a container only pydrill's C code holds: a clean copy of the
 * builtins, the library guard's copies) taken out of the collector's
 * lists, so that no gc.get_objects() or gc.get_referrers() of an answer's
 * finds it, gc.unfreeze() or not. Returns o (NULL stays NULL). */
PyObject *pyembed_hide(PyObject *o);
const char *pyembed_version(void);       /* "3.11.2" */
unsigned long pyembed_hexversion(void);

#endif
