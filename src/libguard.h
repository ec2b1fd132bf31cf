/* libguard.h - the library a test calls stays the library as loaded.
 *
 * A test's setup and expression may call library code (heapq.nsmallest,
 * collections.Counter, json.dumps), and the answer ran in the same process
 * just before: it could patch that code so that a wrong answer passes. The
 * guard knows the library as the worker loaded it (every module in
 * sys.modules then, its classes, and the objects at its top level) and
 * reports, as `denied`, an answer that rebinds, adds over a builtin's name
 * or removes a function, class, module or descriptor there; swaps a
 * library function's code or defaults; changes a library class's bases or
 * an object's class; or replaces a library module in sys.modules; or
 * changes in place a library function's closure cells or the code held by
 * a library descriptor (libguard_slots.h). Data
 * (sys.stdout, tempfile.tempdir, a cache) may change: library code changes
 * its own. What the test's own setup and expression change is theirs.
 * See the README's security model for what is not promised. */
#ifndef PYDRILL_LIBGUARD_H
#define PYDRILL_LIBGUARD_H

#include <Python.h>
#include <stddef.h>

/* Parent or worker, in the sub-interpreter's state just before children
 * are forked: takes the library as it is now as the pristine one (again
 * on each call). 0, or -1 when Python failed. */
int libguard_snapshot(void);

/* Parent, while planning: loads the modules that test code srcs imports
 * (setup and expr sources; NULL entries skipped), of those known to be
 * safe to load early, and takes the snapshot again when any was new.
 * Returns how many were loaded, or -1 when Python failed. */
int libguard_preload(const char *const *srcs, size_t n);

/* Parent, for `check`, once planning has loaded what it may: the modules
 * code src imports that the guard does not hold (not loaded before any
 * answer, so an answer may import and patch them first), as "a, b"
 * (caller frees), or NULL when none. */
char *libguard_unguarded(const char *src);

/* Child, before the answer's code first runs: from now on changes count. */
void libguard_arm(void);
/* Child: the code objects of the test about to run (setup may be NULL);
 * NULL, NULL while the answer itself loads. A change made with one of
 * them (or code nested in them) as the running frame is the test's own. */
void libguard_test(PyObject *setup_code, PyObject *expr_code);
/* Child, after each phase: where Python cannot report changes as they are
 * made (3.11), compares now. accept: the phase was the setup's, so a
 * change to a name its own code stores (or names in a string) is the
 * setup's; any other is the answer's still. */
void libguard_settle(int accept);

/* Child: 1 once a change has been refused (the answer's status is then
 * `denied`, and the tests after it do not run). */
int libguard_tripped(void);

/* The audit hook's part: for an object.__setattr__ or object.__delattr__
 * event, a description of the library attribute the answer is changing
 * ("heapq.nsmallest.__code__") in buf, or NULL when it may. */
#define LIBGUARD_WHAT_MAX 200
const char *libguard_setattr(PyObject *args, char *buf, size_t n);

/* How many objects the snapshot knows, and how many dicts it watches
 * (for tests and --version's detail). */
size_t libguard_known(size_t *dicts);

#endif
