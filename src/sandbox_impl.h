/* sandbox_impl.h - what the sandbox's own files share (sandbox.c runs the
 * order; each layer lives in a file of its own). Not for other modules. */
#ifndef PYDRILL_SANDBOX_IMPL_H
#define PYDRILL_SANDBOX_IMPL_H

#include <stddef.h>

/* Prepared descriptors sit at or above this number in the parent, out of
 * the way of the low numbers an answer is likely to close or reuse. */
#define SANDBOX_FD_BASE 240

/* ---- sandbox_landlock.c ---- */
/* The kernel's Landlock ABI version, or -1 when it has none (or it is off). */
int sandbox_landlock_abi(void);
/* Parent: opens every path the interpreter may read (its standard library,
 * the shared libraries mapped into this process, a few device and time
 * zone files), once, for every child to put into its ruleset. */
int sandbox_landlock_prepare(char **err);
/* Child: one layer that handles every file-system right the kernel knows
 * and grants reads of the prepared paths, all but execute in scratch, and
 * writes to /dev/null; then closes the prepared descriptors. */
int sandbox_landlock_confine(const char *scratch, char **err);
/* 1 if the resolved path real is one the interpreter may read (under a
 * prepared folder, or a prepared file): what the audit hook allows. */
int sandbox_landlock_readable(const char *real);
/* The prepared descriptors (to keep open until confine). */
const int *sandbox_landlock_fds(size_t *n);

/* ---- sandbox_seccomp.c ---- */
int sandbox_seccomp_prepare(char **err);
/* Child: loads the filters (patched with its own pid). no_new_privs must
 * be set already. */
int sandbox_seccomp_confine(char **err);

/* ---- sandbox_threads.c ---- */
/* From now on this process may have at most max threads besides the
 * main one; pthread_create fails with EAGAIN past that. */
void sandbox_threads_cap(int max);

/* ---- sandbox_audit.c ---- */
/* Run once in the parent's warm sub-interpreter: the objects the hook
 * trusts, captured before any answer exists. */
int sandbox_audit_capture(void *unused);
/* Records (once) that the answer tried something the sandbox refused, for
 * layers that refuse without raising (the thread cap). */
void sandbox_notify_denied(const char *what);
/* Child: where the answer may write, and how many files it may make. */
void sandbox_audit_scratch(const char *scratch, int max_files);

#endif
