/* sandbox.h - what keeps an answer in its box (SPEC 3.3).
 *
 * Layers, each in a file of its own: a PEP 578 audit hook that refuses with
 * a reason (sandbox_audit.c); kernel resource limits and a cap on threads
 * (sandbox.c, sandbox_threads.c); Landlock, an allow-list of what may be
 * read and where writes may go (sandbox_landlock.c); seccomp, for what
 * paths do not cover (sandbox_seccomp.c). The parent prepares them once;
 * each child enters them before the answer runs, and fails closed: a
 * child whose sandbox could not be set up never runs the answer. */
#ifndef PYDRILL_SANDBOX_H
#define PYDRILL_SANDBOX_H

#include <Python.h>
#include <stddef.h>

/* Per answer, whatever its limits: files and folders it may make in its
 * scratch folder (each file at most file_bytes), threads alive at once,
 * and descriptors. */
#define SANDBOX_MAX_FILES 64
#define SANDBOX_MAX_THREADS 64
#define SANDBOX_MAX_FDS 64

typedef struct {
    long long cpu_seconds;  /* RLIMIT_CPU soft limit; the hard one is a second more */
    long long memory_bytes; /* address space above base_bytes; 0: none */
    long long base_bytes;   /* the child's address space when it was forked */
    long long file_bytes;   /* RLIMIT_FSIZE: the largest file it may write */
    const char *scratch;    /* the only folder it may write to */
} sandbox_limits;

/* Installed before Py_Initialize by pyembed. Denies nothing until armed. */
int sandbox_audit_hook(const char *event, PyObject *args, void *data);
/* Called (in the child) each time something is denied; "what" says what
 * was tried. */
void sandbox_on_deny(void (*cb)(const char *what));
/* From now on the audit hook denies (child only, just before answer code). */
void sandbox_arm(void);
/* Records that the answer tried something that is refused, for layers
 * that refuse without raising (the thread cap, the library guard). */
void sandbox_notify_denied(const char *what);
/* 1 if importing the module (or a submodule of it) is refused in answers,
 * whatever the importer: what is never imported need not be preloaded. */
int sandbox_module_refused(const char *name);

/* Once, in the parent, with the interpreter started and before any child:
 * captures the hook's trusted objects, compiles the seccomp filters and
 * opens what Landlock will allow. A kernel without Landlock is refused
 * (-1, *err says why) unless PYDRILL_ALLOW_NO_LANDLOCK=1, which grades with
 * the audit hook alone confining reads and writes; *warning then says so
 * (caller frees; NULL otherwise). */
int sandbox_prepare(char **err, char **warning);
/* Parent: the Landlock ruleset for children that run in scratch (a
 * descriptor they inherit; -1 without Landlock). Built once per folder and
 * reused. 0, or -1 with *err. */
int sandbox_ruleset(const char *scratch, int *ruleset, char **err);
/* A worker process (one that forks children for a batch and does nothing
 * else) loads the filters that hold for it as for its children, once, so
 * that each child loads only its own. 0, or -1 with *err. */
int sandbox_worker_confine(char **err);
/* This process's address space in bytes (the children's base for their
 * memory limit: read once in the parent, not in every child). */
long long sandbox_vm_size(void);
/* no_new_privs, rlimits, the thread cap, Landlock (ruleset), then seccomp.
 * Returns 0, or -1 with *err (the child must not run the answer then). */
int sandbox_enter(const sandbox_limits *lim, int ruleset, char **err);
/* "seccomp-bpf, landlock ABI 4, ..." for --version. */
const char *sandbox_features(void);
/* Threads this process has started and not yet ended (besides the main
 * one): the parent must have none when it forks. */
int sandbox_threads_live(void);

#endif
