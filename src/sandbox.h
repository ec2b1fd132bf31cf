/* sandbox.h - what keeps an answer in its box (SPEC 3.3): a PEP 578 audit
 * hook, kernel resource limits, Landlock and a seccomp filter, all applied
 * in the forked child before the answer runs. */
#ifndef PYDRILL_SANDBOX_H
#define PYDRILL_SANDBOX_H

#include <Python.h>
#include <stddef.h>

typedef struct {
    int timeout_ms;      /* CPU seconds derive from it */
    int memory_mb;       /* address space above the child's baseline */
    int output_kb;       /* largest file (and captured output) */
    const char *scratch; /* the only folder writes may go to */
} sandbox_limits;

/* Installed before Py_Initialize by pyembed. Denies nothing until armed. */
int sandbox_audit_hook(const char *event, PyObject *args, void *data);
/* Called (in the child) the first time something is denied; "what" says
 * what was tried. */
void sandbox_on_deny(void (*cb)(const char *what));
/* From now on the audit hook denies (child only, just before answer code). */
void sandbox_arm(void);

/* Once, in the parent, before any child: compiles the seccomp filter and
 * builds the Landlock read layer that every child enforces. 0 or -1. */
int sandbox_prepare(char **err);
/* The descriptor sandbox_enter still needs in the child (-1: none), so
 * that the child can close every other one it inherited. */
int sandbox_keep_fd(void);
/* rlimits, Landlock (when the kernel has it), then seccomp. Returns 0, or
 * -1 with *err (the child must not run the answer then). */
int sandbox_enter(const sandbox_limits *lim, char **err);
/* "seccomp, landlock ABI 4" or "seccomp, landlock unavailable (...)". */
const char *sandbox_features(void);

#endif
