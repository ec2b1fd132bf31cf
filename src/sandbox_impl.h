/* sandbox_impl.h - what the sandbox's own files share (sandbox.c runs the
 * order; each layer lives in a file of its own). Not for other modules. */
#ifndef PYDRILL_SANDBOX_IMPL_H
#define PYDRILL_SANDBOX_IMPL_H

#include <stddef.h>

/* Prepared descriptors sit at or above this number in the parent, out of
 * the way of the low numbers an answer is likely to close or reuse. */
#define SANDBOX_FD_BASE 240
/* The open-file limit that leaves room above SANDBOX_FD_BASE for them. */
#define SANDBOX_MIN_OPEN_FILES 256
/* Set by make check-valgrind's wrapper (tests/valgrind/pydrill): the
 * child is valgrind too, and maps the code it translates. */
#define SANDBOX_VALGRIND_ENV "PYDRILL_UNDER_VALGRIND"

/* ---- sandbox_landlock.c ---- */
/* The kernel's Landlock ABI version, or -1 when it has none (or it is off). */
int sandbox_landlock_abi(void);
/* 1 when the kernel has Landlock but this process may not use it (EPERM:
 * a container's seccomp profile), rather than the kernel lacking it. */
int sandbox_landlock_refused(void);
/* Parent: opens every path the interpreter may read (its standard library,
 * the shared libraries mapped into this process, a few device and time
 * zone files), once, for every child to put into its ruleset. */
int sandbox_landlock_prepare(char **err);
/* Parent: a ruleset (a descriptor at SANDBOX_FD_BASE or above) that handles
 * every file-system right the kernel knows and grants reads of the
 * prepared paths, all but execute in scratch, and writes to /dev/null;
 * -1 with *err on failure. */
int sandbox_landlock_ruleset(const char *scratch, char **err);
/* Child: enforces a ruleset built by the parent, and closes it. */
int sandbox_landlock_enforce(int ruleset, char **err);
/* 1 if the resolved path real is one the interpreter may read (under a
 * prepared folder, or a prepared file): what the audit hook allows. */
int sandbox_landlock_readable(const char *real);
/* 1 if the resolved path real is under the interpreter's own import path
 * (its standard library): where an extension module may come from. */
int sandbox_landlock_library(const char *real);

/* ---- sandbox_seccomp.c ---- */
int sandbox_seccomp_prepare(char **err);
/* Loads the filters that hold for a worker and its children alike
 * (everything but making and signalling processes). no_new_privs first. */
int sandbox_seccomp_confine_common(char **err);
/* Child: loads what holds for it alone (no processes, signals only to
 * itself, no raised limits), patched with its own pid. */
int sandbox_seccomp_confine_child(char **err);

/* ---- sandbox_threads.c ---- */
/* From now on this process may have at most max threads besides the
 * main one; pthread_create fails with EAGAIN past that. */
void sandbox_threads_cap(int max);

/* ---- sandbox_audit.c ---- */
/* Run once in the parent's warm sub-interpreter: the objects the hook
 * trusts, captured before any answer exists. */
int sandbox_audit_capture(void *unused);
/* Child: where the answer may write, and how many files it may make. */
void sandbox_audit_scratch(const char *scratch, int max_files);

#endif
