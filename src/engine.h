/* engine.h - the one door to grading.
 *
 * Commands (cmd_*.c) and screens (tui_*.c) reach the engine through this
 * header only: never runner.h, child.h, channel.h, pool.h or Python.h.
 * Behind it: planning (plan.c), the runner and its children (runner.c,
 * child.c, channel.c, scratch.c), the sandbox (sandbox*.c), the worker
 * pool (pool.c), the interpreter (pyembed.c) and verdicts (grade.c).
 *
 * The way of one answer in a batch: cmd_grade loads a submission
 * (answers.c) and hands it to engine_batch_add; answers that need no child
 * (predict, choice, explain) are judged there and then; the others go to a
 * worker process (pool.c), which forks a child from its pristine
 * interpreter (runner.c), the child runs the tests under the sandbox and
 * sends plain values back (child.c, channel.c), the worker turns them into
 * a verdict in C (grade.c) and sends that to the coordinator; once every
 * drill of the submission has its verdict, engine_batch_wait says so, and
 * cmd_grade passes it to the report (report*.c). */
#ifndef PYDRILL_ENGINE_H
#define PYDRILL_ENGINE_H

#include <poll.h>
#include <stddef.h>

#include "answers.h"
#include "catalog.h"
#include "grade.h"
#include "tracedoc.h"

/* Starts the interpreter and prepares the sandbox, once per process.
 * 0 (with *warning when the sandbox runs degraded: caller frees), or -1
 * with *err. */
int engine_start(char **err, char **warning);
const char *engine_python_version(void);        /* "3.11.2" */
unsigned long engine_python_hexversion(void);   /* PY_VERSION_HEX */
const char *engine_sandbox_features(void);      /* for --version */

/* What grading needs that does not depend on any answer: requires (skip
 * reasons), expected values, predict truths. Runs author code in children.
 * Problems that make a drill unusable go to d as "FILE: drill ID: error:
 * ..."; 0 when none, -1 otherwise. */
int engine_plan(catalog *c, diag *d);
int engine_plan_drill(drill *dr, diag *d);

/* After planning: the modules test t's setup and expr import that are not
 * loaded before an answer runs, so that the library guard cannot hold
 * them (an answer may import one first and patch it), as "a, b" (caller
 * frees), or NULL when none. For `check`'s advice. */
char *engine_unguarded_imports(const drill_test *t);

/* How many runs this process could not start (fork, scratch folder...),
 * with the last reason: failures of pydrill's own, which a command must
 * not report as the drill's or the answer's. */
size_t engine_internal_failures(const char **last);

/* 1 if answers to d are graded by a child (their kind runs the answer). */
int engine_runs_answer(const drill *d);

/* One answer, start to end (NULL answer: missing); visible_only runs only
 * the tests a candidate may see. v is initialised here. */
void engine_judge(const drill *d, const char *answer, int visible_only, drill_verdict *v);

/* ---- one answer, without waiting (the quiz) ---- */
typedef struct engine_ticket engine_ticket;

/* Starts grading answer (NULL: missing) to d. When no child is needed, v
 * (initialised here) is filled at once and NULL returned; otherwise the
 * child is started and a ticket returned: poll its descriptors and step it
 * until it is done. */
engine_ticket *engine_submit(const drill *d, const char *answer, int visible_only, drill_verdict *v);
int engine_ticket_pollfds(engine_ticket *t, struct pollfd *p, int max);
int engine_ticket_timeout(engine_ticket *t);   /* ms until its deadline */
/* 1 once done: v holds a verdict safe to show a candidate (hidden tests'
 * expressions, values and messages left out; the traceback only of a
 * visible test), and the ticket is freed. 0 while it runs. */
int engine_ticket_step(engine_ticket *t, drill_verdict *v);
/* Kills the child and frees the ticket. */
void engine_ticket_cancel(engine_ticket *t);

/* ---- a trace (SPEC 4 `trace`, the quiz's See it happen) ---- */

/* Runs code (NULL: the drill's own) as a predict drill's code runs, in the
 * sandbox and under d's limits, with a line tracer (SPEC 4 `trace`; off
 * the path of grading, it changes no verdict). *json: the pydrill-trace/1
 * document (tracedoc.h), whose status says how the run ended (caller
 * frees). 0, or -1 with *err when there is no code to trace. */
int engine_trace(const drill *d, const char *code, char **json, char **err);

/* The same without waiting, for a screen that keeps drawing: start, poll
 * its fds (timeout in ms: at most that long), step when they are ready or
 * the timeout passes (1 once done), then finish for the document (which
 * frees the trace); cancel kills a trace not wanted any more. d and code
 * must outlive the trace. */
typedef struct engine_tracing engine_tracing;
engine_tracing *engine_trace_start(const drill *d, const char *code, char **err);
int engine_trace_pollfds(engine_tracing *t, struct pollfd *p, int max);
int engine_trace_timeout(engine_tracing *t);
int engine_trace_step(engine_tracing *t);
char *engine_trace_finish(engine_tracing *t);
void engine_trace_cancel(engine_tracing *t);

/* ---- a batch, over worker processes ---- */
typedef struct engine_batch engine_batch;

/* Forks `workers` worker processes now: call it after planning and before
 * loading submissions, so that they stay small. NULL with *err. */
engine_batch *engine_batch_start(const catalog *c, int workers, char **err);
/* Grades submission s (the caller's id, sv its verdict: filled here, one
 * drill_verdict per drill of the catalog). s may be freed on return. */
void engine_batch_add(engine_batch *b, size_t id, const submission *s, submission_verdict *sv);
/* Answers to drills of the kinds children grade, judged so far (for a
 * progress bar: a submission brings one per such drill). */
size_t engine_batch_graded(const engine_batch *b);
/* Submissions added and not yet reported done. */
size_t engine_batch_inflight(const engine_batch *b);
/* Waits up to timeout_ms (-1: until one is done) and stores the ids of
 * submissions whose every drill now has its verdict; returns how many. */
size_t engine_batch_wait(engine_batch *b, size_t *ids, size_t max, int timeout_ms);
void engine_batch_free(engine_batch *b);

#endif
