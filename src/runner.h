/* runner.h - runs Python in a child process forked from a warm worker.
 *
 * The process that calls runner_start() owns the embedded interpreter and a
 * pristine sub-interpreter, and never runs answer code itself: every job is
 * executed by a child forked from it (about half a millisecond), in that
 * sub-interpreter, under the limits of the job, and sends its results back
 * over a pipe framed with a per-child secret. A child that dies, overruns,
 * or sends anything that is not a complete, authentic record is reported
 * as such; the caller always goes on. */
#ifndef PYDRILL_RUNNER_H
#define PYDRILL_RUNNER_H

#include <poll.h>
#include <stddef.h>

#include "catalog.h"
#include "value.h"

typedef enum {
    JOB_PROBE,   /* exprs: module names to import; outcome VALUE True/RAISED */
    JOB_EVAL,    /* exprs: expressions, each in a fresh namespace */
    JOB_PREDICT, /* source: code run as a module (or repl) */
    JOB_TESTS,   /* source: an answer; tests: run each on a fresh namespace */
    JOB_TRACE,   /* source: code run as PREDICT runs it, under the tracer (trace.h) */
} job_kind;

typedef struct runner_job {
    job_kind kind;
    drill_limits limits;
    const char *source;            /* PREDICT, TESTS */
    int repl;                      /* PREDICT */
    const drill_test *tests;       /* TESTS */
    size_t ntests;
    const unsigned char *run_mask; /* TESTS: NULL runs all, else only mask[i] != 0 */
    int tracebacks;                /* TESTS: format what raised (the quiz shows it; a batch never does) */
    const char *const *exprs;      /* PROBE, EVAL */
    size_t nexprs;
} runner_job;

typedef enum {
    RUN_OK,
    RUN_TIMEOUT,
    RUN_MEMORY,
    RUN_OUTPUT,
    RUN_DENIED,
    RUN_CRASH,
} run_status;

typedef enum {
    OUT_NOTRUN,  /* the run ended before this item (or it was masked out) */
    OUT_VALUE,   /* value holds the plain value */
    OUT_RAISED,  /* exc_type / exc_msg / exc_builtins / traceback */
    OUT_NOTPLAIN,/* reason says why the value is not a plain value */
} outcome_kind;

typedef struct {
    outcome_kind kind;
    value *value;
    char *exc_type;       /* "ValueError", or "mod.Name" for other classes */
    char *exc_msg;
    char **exc_builtins;  /* names of the built-in exception classes it is an instance of */
    size_t nexc_builtins;
    char *traceback;      /* formatted, last lines */
    int in_answer;        /* raised by the answer's own code, before setup and expr ran */
    char *denied;         /* what the answer tried outside the sandbox while this test ran
                           * (and then went on: it caught the error), or NULL */
    run_status ended;     /* NOTRUN: the process died in this test (RUN_OK: it did not) */
    char *ended_msg;      /* how, as run_result.message says it */
    char *reason;
    char *out;            /* what setup+expr printed to stdout */
    size_t out_len;
} test_outcome;

typedef struct run_result {
    run_status status;
    char *message;         /* why, when status != RUN_OK (or a note) */
    int internal;          /* pydrill could not run it (no process, no scratch folder): a failure
                            * of the grader's, never to be held against the answer */
    double time_ms;
    int syntax;            /* the source did not compile */
    int syntax_line, syntax_col;
    char *syntax_msg;
    test_outcome *outcomes; /* one per test (TESTS) or expr (EVAL/PROBE) of the job */
    size_t noutcomes;
    char *out;             /* PREDICT: the output incl. "Name: message" line; TESTS: all stdout */
    size_t out_len;
    char *err;             /* stderr, trimmed */
    size_t err_len;
    char *trace;           /* TRACE: the "trace" records as sent, one JSON object a line */
    size_t trace_len;
} run_result;

/* The order a TESTS job runs its tests in: the visible ones first, then
 * the hidden ones, each in the pack's order; so nothing a visible test
 * shows (its value, its message) can carry what a hidden test's inputs
 * were. order gets the indexes of the n tests. */
void runner_test_order(const drill_test *tests, size_t n, size_t *order);

/* Tests go on past a process that dies in one (SPEC 2.4: each test runs on
 * a fresh copy of the answer; 3.3: a hang costs that answer, not its
 * other tests). After a TESTS run that ended in a timeout, memory, output
 * or crash, runner_tests_resume marks the test it died in (ended) and
 * gives, in *mask (caller frees), the tests it did not reach: 1, or 0
 * when there are none or the run ended otherwise (done; denied, which is
 * an attempt and ends the answer; not compiling; pydrill's own failure).
 * runner_tests_merge moves what a run of those tests found into the first
 * run's result. runner_run does both. */
int runner_tests_resume(const runner_job *job, run_result *r, unsigned char **mask);
void runner_tests_merge(run_result *into, run_result *from, const runner_job *job, const unsigned char *mask);

/* How many runs this process could not start (fork, scratch folder,
 * pipe...), and the last reason: failures of pydrill's, not of what it
 * ran. */
#define RUNNER_WHY_MAX 256
size_t runner_internal_failures(const char **last);

void run_result_init(run_result *r);
void run_result_free(run_result *r);
const char *run_status_name(run_status s);

/* Starts the embedded interpreter and the warm sub-interpreter, and
 * prepares the sandbox. Once per process, before any job. Returns 0 (with
 * *warning set, caller frees, when the sandbox runs degraded), or -1 with
 * *err. The interpreter is never finalised: children end with _exit, and
 * the parent's exit reaps what is left of them. */
int runner_start(char **err, char **warning);
/* In a process just forked from the one that started the runner, to run
 * jobs of its own (a worker): its parent's children and folders are left
 * to the parent. */
void runner_after_fork_worker(void);
/* Reaps this process's children and removes its scratch folders (what
 * exit does anyway; for a worker, which leaves with _exit). */
void runner_finish(void);
/* "3.11.2" */
const char *runner_python_version(void);
/* PY_VERSION_HEX of the embedded interpreter. */
unsigned long runner_python_hexversion(void);

/* Runs a job to completion. */
void runner_run(const runner_job *job, run_result *res);

/* Asynchronous use, for parallel grading and a responsive screen. */
typedef struct runner_task runner_task;
/* Forks the child. Never fails: a failure to fork becomes a crash result. */
runner_task *runner_spawn(const runner_job *job);
/* Fills up to max pollfds the task waits on; returns how many. */
int runner_task_pollfds(runner_task *t, struct pollfd *pfds, int max);
/* Milliseconds until the task's deadline (0 if passed). */
int runner_task_timeout(runner_task *t);
/* Reads what is ready, enforces limits; returns 1 once the task is done. */
int runner_task_step(runner_task *t);
/* Collects the result of a done task and frees the task. */
void runner_task_finish(runner_task *t, run_result *res);
/* Kills the child and frees the task. */
void runner_task_cancel(runner_task *t);
/* Waits up to timeout_ms (-1: until one finishes) for any of the tasks to
 * be done; returns the index of a done task, or -1. */
int runner_wait_any(runner_task **tasks, size_t n, int timeout_ms);

#endif
