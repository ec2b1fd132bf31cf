/* tracedoc.h - a trace as a document: pydrill-trace/1 (SPEC 4 `trace`).
 *
 * The tracer (trace.c, in the child) sends records; tracedoc_build turns
 * them, with how the run ended, into the JSON document that `pydrill
 * trace --format json` prints:
 *
 *   { "format": "pydrill-trace/1", "drill": ID, "python": "3.11.2",
 *     "status": "ok"|"raised"|"timeout"|"memory"|"output"|"denied"|"crash"|
 *               "skipped" (the drill's requires are unmet: no steps),
 *     "message": why it did not end normally, "exception": "Name: message",
 *     "exception_at": {"line": N, "column": N} (where the code does not
 *                     compile, so no step shows the exception; column
 *                     1-based, in characters, when the compiler gave one),
 *     "code": the code traced, "output": what it printed,
 *     "output_after": what it printed after its last step (the tracer
 *                     gone: steps budget, or the code's own sys.settrace),
 *                     within the output budget,
 *     "cut": [ {"budget": "steps"|"objects"|"items"|"depth"|"repr"|"frames"|
 *               "names"|"output"|"message"|"name"|"tracer", "limit": N} ] ("tracer": the
 *             code removed or replaced the tracer, limit 0),
 *     "steps": [ { "line": N, "event": "line"|"return"|"yield"|"exception",
 *                  "resumed": true (a generator's frame going on after a yield),
 *                  "function": the innermost frame's, "names": {NAME: OBJID} (its names),
 *                  "frames": [ {"function": F, "line": N, "names": {NAME: OBJID},
 *                               "more": names not listed} ] (outermost first),
 *                  "objects": {OBJID: STATE} (every object the step reaches, as it is then),
 *                  "return": OBJID (returned, or at a yield yielded),
 *                  "exception": "Name: message",
 *                  "out": printed since the step before, "cut": [BUDGET] } ],
 *     "objects": {OBJID: STATE} (each object as last seen) }
 *
 * A STATE is {"type": T, "repr": R} and, as the object has them, "items"
 * (ids of a list's, tuple's or set's elements, a dict's values, a cell's
 * content), "keys" (a dict's keys, in step with its items), "attrs" (NAME:
 * OBJID: an instance's or class's attributes, a bound method's __func__
 * and __self__), "defaults" and "kwdefaults" and "closure" (a function's
 * default values, and its free variables' cells), "more" (items, names or
 * defaults not listed) and "deep" (held items not followed: past the
 * depth budget).
 *
 * Every id a step refers to (in its names, its frames, its objects'
 * items, keys, attrs, defaults, kwdefaults and closure, its return) is
 * described in that step's objects. A reference past the objects budget
 * is cut, like items past the items budget: it counts in its holder's
 * "more" (a frame's or an object's), a container's listed items staying
 * a prefix and a dict's keys in step with its values, and the step's
 * "cut" says "objects". tracedoc_build enforces it, whatever the records.
 *
 * tracedoc_parse reads such a document back into structs, for the text
 * view (cmd_trace.c) and the step screen (tui_trace.c). Neither trusts
 * the document: wrong types are dropped, never followed. */
#ifndef PYDRILL_TRACEDOC_H
#define PYDRILL_TRACEDOC_H

#include <stddef.h>

#define TRACEDOC_FORMAT "pydrill-trace/1"

/* How a run ended, with what its records said, for tracedoc_build. */
typedef struct {
    const char *drill;   /* id */
    const char *python;  /* version */
    const char *code;
    const char *status;  /* "ok", "timeout", ...: "raised" is found here */
    const char *message; /* why, when status is not ok; may be NULL */
    const char *records; /* the tracer's records, one JSON object a line */
    size_t records_len;
    const char *out;     /* output the run's end reported, or NULL */
} tracedoc_run;

/* The document, as JSON text (caller frees). Never fails: records it
 * cannot read are left out. */
char *tracedoc_build(const tracedoc_run *run);

typedef struct {
    char *name;
    char *id;
} tracedoc_name;

typedef struct {
    char *id;
    char *type;
    char *repr;
    char **items;
    size_t nitems;
    char **keys;
    size_t nkeys;
    tracedoc_name *attrs;     /* attrs, kwdefaults and closure, marked by kind */
    const char **attr_kinds;  /* "attrs", "kwdefaults" or "closure", per attr */
    size_t nattrs;
    char **defaults;
    size_t ndefaults;
    long more;
    int deep;
    int refs; /* names and holders referring to it at this step */
} tracedoc_obj;

typedef struct {
    char *function;
    int line;
    tracedoc_name *names;
    size_t nnames;
    long more; /* names not listed (past a budget) */
} tracedoc_frame;

typedef struct {
    int line;
    char *event;
    int resumed;            /* a generator's frame going on after a yield */
    tracedoc_frame *frames; /* outermost first */
    size_t nframes;
    tracedoc_obj *objs;
    size_t nobjs;
    char *ret;       /* id of the returned value, or NULL */
    char *exception; /* or NULL */
    char *out;       /* printed since the step before, or NULL */
    char **cuts;
    size_t ncuts;
} tracedoc_step;

typedef struct {
    char *budget;
    long limit;
} tracedoc_cut;

typedef struct {
    char *drill, *python, *status, *message, *exception, *code, *output;
    char *output_after; /* printed after the last step, or NULL */
    int exception_line, exception_column; /* where the code did not compile, or 0 */
    tracedoc_step *steps;
    size_t nsteps;
    tracedoc_cut *cuts;
    size_t ncuts;
} tracedoc;

void tracedoc_init(tracedoc *doc);
void tracedoc_free(tracedoc *doc);
/* 0, or -1 with *err (caller frees) when json is not a trace document. */
int tracedoc_parse(const char *json, tracedoc *doc, char **err);
/* The object with id in step s, or NULL (not described there). */
const tracedoc_obj *tracedoc_find(const tracedoc_step *s, const char *id);
/* 1 when an object deserves the "shared" mark at its step: two or more
 * references, and not None, a bool or a small singleton. */
int tracedoc_shared(const tracedoc_obj *o);
/* 1 when the run did not end on its own (timeout, memory, output,
 * denied, crash): the trace is then what it got to. Not for a skipped
 * drill. */
int tracedoc_stopped(const tracedoc *doc);

#endif
