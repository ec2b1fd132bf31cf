/* trace.h - the tracer: runs a snippet in the child under a line tracer and
 * reports what every step sees (SPEC 4 `trace`).
 *
 * It runs inside the forked child, after the sandbox is entered and armed,
 * exactly where a predict job would run: a trace is contained as grading
 * is. At each line (and at each return and exception) of the snippet's own
 * code it sends a "trace" record over the result channel: the line, the
 * snippet's frames with their names, and the objects those names reach,
 * each named by a small id stable within the trace (never an address),
 * with its type, a short repr and the ids of what it holds. The parent
 * (tracedoc.c) turns the records into the pydrill-trace/1 document.
 *
 * The tracer never calls the snippet's own code: reprs are composed in C
 * from built-in types, never by a __repr__, and it holds no reference past
 * a step, so lifetimes (__del__, weakrefs, sys.getrefcount) are those of an
 * untraced run. The price: an id is kept for an object while consecutive
 * steps keep seeing it; one that drops out of sight and comes back gets a
 * new id. Past a budget, the trace says it was cut; past the step budget
 * the tracer is removed and the snippet runs on untraced, to its end as
 * graded. */
#ifndef PYDRILL_TRACE_H
#define PYDRILL_TRACE_H

#include <Python.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "runner.h"

/* Budgets (each past limit shows as a "cut" in the trace). */
#define TRACE_MAX_STEPS 400    /* steps recorded; then the tracer is removed */
#define TRACE_MAX_OBJECTS 64   /* objects described per step */
#define TRACE_MAX_REPR 60      /* characters of a repr */
#define TRACE_MAX_ITEMS 16     /* items listed per container */
#define TRACE_MAX_DEPTH 6      /* links followed from a name */
#define TRACE_MAX_FRAMES 12    /* innermost frames shown */
#define TRACE_MAX_NAMES 40     /* names shown per frame */
#define TRACE_MAX_OUTPUT 8192  /* bytes of printed output carried by steps */
#define TRACE_MAX_MESSAGE 500  /* characters of an exception's "Name: message" */
#define TRACE_MAX_NAME 80      /* characters of a name (variable, attribute, key of attrs) */

/* Output the end record carries, at most (the tail when more). */
#define TRACE_MAX_FINAL_OUTPUT (64 * 1024)

/* What the tracer borrows from the child (child.c owns the channel and the
 * capture of output, and knows how the interpreter words an exception). */
typedef struct {
    void (*send)(cJSON *rec);               /* frames and sends one record, frees it */
    char *(*exception_line)(PyObject *exc); /* "Name: message", caller frees */
    void (*flush)(void);                    /* flushes sys.stdout and sys.stderr */
    const char *repl_driver;                /* the prompt's driver, for repl mode */
    int out_fd;                             /* the capture of stdout */
} trace_io;

/* Runs job->source (as a predict job runs it: a module, or the prompt in
 * repl mode) under the tracer, sending "trace" records. */
void trace_job(const runner_job *job, const trace_io *io);

#endif
