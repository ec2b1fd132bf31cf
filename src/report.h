/* report.h - batch reports (SPEC 3.4) in every format, written as a batch
 * is graded.
 *
 * A report is fed one submission at a time, in the sorted order of the
 * batch, through a report_writer: `grade` hands each submission over as
 * soon as its verdict is final, `report` hands over what it parsed from
 * shards' JSON Lines. Formats that can stream (jsonl, text, csv) write
 * each submission at once and keep nothing; formats that need the whole
 * batch (json, junit, tap, html, gradescope, prairielearn) keep a compact
 * record of each (report_store.c: a few bytes a drill, strings shared) and
 * render at the end. Either way the writer sees a report_sub, a read-only
 * view that can be made from a verdict (report_view_of_verdict) or from a
 * jsonl line (report_view_of_json), so a sharded batch merged by `report`
 * renders exactly as one unsharded `grade`.
 *
 * Duplicate candidate names: streaming formats write the name as given,
 * beside the source path that tells two alike apart; whole-batch formats
 * append the source to every name given to more than one submission
 * ("ada (group1/ada.json)"), found with a hash set over the batch. Both
 * rules see the same records in a sharded and an unsharded run. */
#ifndef PYDRILL_REPORT_H
#define PYDRILL_REPORT_H

#include <stddef.h>

#include "grade.h"
#include "util.h"

struct cJSON;

/* ---- the view every format renders ---- */

typedef struct {
    const char *name;
    status st;
    int hidden;
    /* NULL when absent, and always NULL for a hidden test unless the
     * submission's reveal_hidden is set */
    const char *expected, *got, *message;
} report_test;

typedef struct {
    const char *id, *kind, *title, *topic; /* title, topic: NULL when unknown */
    status st;
    double score;   /* rounded to 4 decimals, as JSON prints it */
    double time_ms; /* rounded to 3 decimals */
    const char *message;
    const report_test *tests;
    size_t ntests;
} report_drill;

typedef struct {
    const char *candidate, *source;
    size_t position, total; /* 1-based place in the sorted batch, its size; 0 when unknown */
    double score, max;      /* rounded to 4 decimals */
    int passed;
    int reveal_hidden;      /* hidden tests carry expected/got/message */
    const char *error;      /* could not be read: why (then no drills) */
    const char *const *warnings;
    size_t nwarnings;
    const report_drill *drills;
    size_t ndrills;
} report_sub;

/* Scratch space a view's arrays live in; reused from one view to the
 * next. */
typedef struct {
    report_sub sub;
    report_drill *drills;
    size_t drills_cap;
    report_test *tests;
    size_t tests_cap;
    const char **warnings;
    size_t warnings_cap;
} report_view;

void report_view_init(report_view *v);
void report_view_release(report_view *v);
/* A view of a verdict (valid while both live). Hidden tests' details are
 * dropped unless reveal_hidden. */
const report_sub *report_view_of_verdict(report_view *v, const submission_verdict *s, size_t position,
                                         size_t total, int reveal_hidden);
/* A view of one parsed jsonl line (valid while both live), or NULL with
 * *err ("/drills/2/status: ..." without the file; caller frees) when the
 * line is not a submission object as `grade --format jsonl` writes it. */
const report_sub *report_view_of_json(report_view *v, const struct cJSON *line, char **err);

/* ---- the writer ---- */

typedef struct {
    const char *format;
    const char *python_version; /* NULL: unknown */
    const char *title;          /* the catalog's, or NULL */
    /* The drills loaded, in order, when known: a gradebook's columns do
     * not wait for (or depend on) a submission that could be read. */
    const char *const *drill_ids;
    size_t ndrill_ids;
    const char *packs;          /* the packs' digest (hex), or NULL: jsonl's "packs" */
    const char *batch;          /* the sorted submission list's digest (hex), or NULL: jsonl's "batch" */
} report_options;

typedef struct report_writer report_writer;

/* 1 if name is a format; the names, for messages. */
int report_format_known(const char *name);
const char *report_format_names(void); /* "text, json, jsonl, ..." */
/* 1 if the format reports exactly one submission (gradescope,
 * prairielearn: a platform grades one student per container). */
int report_format_single(const char *name);

/* NULL (and *err) for an unknown format. out must outlive the writer. */
report_writer *report_writer_new(const report_options *o, util_out *out, char **err);
/* Hands over the next submission in sorted order. A streaming format
 * writes it (and flushes) before returning; the others copy what they
 * need. s may be freed afterwards. */
void report_writer_add(report_writer *w, const report_sub *s);
/* Writes what the format held back and its closing lines. 0, or -1 with
 * *err when the batch cannot be rendered in this format (gradescope with
 * two submissions); output errors are out's to report. */
int report_writer_finish(report_writer *w, char **err);
void report_writer_free(report_writer *w);

/* Renders verdicts in one go into a string (tests, `run`). */
char *report_render(const report_options *o, const submission_verdict *subs, size_t n, int reveal_hidden);

/* ---- what the formats share (report.c) ---- */

enum {
    /* Also replace C0 controls other than \t \n \r, DEL and the
     * non-characters U+FFFE/U+FFFF: what XML 1.0 forbids. */
    REPORT_CLEAN_CONTROLS = 1,
    /* Also replace \r and the C1 controls, which move a terminal's cursor. */
    REPORT_CLEAN_TERMINAL = 2,
};
/* A copy of s (NULL reads as "") that is valid UTF-8: every invalid byte,
 * and whatever flags select, becomes U+FFFD. Caller frees. */
char *report_clean(const char *s, int flags);
/* The one escaper for markup: s, cleaned of what XML forbids, escaped for
 * an HTML page, XML text, or an XML attribute value (where \t \n \r
 * become references, so that attribute normalisation keeps them). */
typedef enum { MARKUP_HTML, MARKUP_XML_TEXT, MARKUP_XML_ATTR } report_markup_mode;
void report_markup(sbuf *sb, const char *s, report_markup_mode mode);

/* A score for people: at most two decimals, trailing zeros dropped
 * ("7.5", "10", "0.33"). Returns buf. */
char *report_fmt_num(char buf[32], double x);
/* As JSON prints a number rounded to `scale` (1e4: four decimals). */
double report_round(double x, double scale);

/* 1 if the status counts as not passed (everything but pass and skipped). */
int report_status_failed(status st);
/* How many hidden tests the drill had, and how many of them passed. */
void report_hidden_counts(const report_drill *d, size_t *passed, size_t *total);
const char *report_topic(const report_drill *d); /* "other" when unknown */

/* A whole batch, held by a writer for a format that renders at the end.
 * report_batch_get fills a view of submission i (valid until the next
 * call with the same view). */
typedef struct report_batch report_batch;
size_t report_batch_count(const report_batch *b);
const report_sub *report_batch_get(const report_batch *b, size_t i, report_view *v);
/* The name to show for submission i: the candidate, with " (SOURCE)"
 * added when another submission of the batch has the same name. Caller
 * frees. */
char *report_batch_name(const report_batch *b, size_t i);
const report_options *report_batch_options(const report_batch *b);

/* The formats. A streaming format has begin/add/end; a whole-batch one
 * renders a report_batch. */
typedef struct report_stream report_stream; /* a streaming format's state */
struct report_stream {
    util_out *out;
    const report_options *opt;
    size_t count;     /* submissions written so far */
    void *state;      /* the format's own */
};

void report_text_add(report_stream *st, const report_sub *s);
void report_text_end(report_stream *st);
void report_jsonl_add(report_stream *st, const report_sub *s);
void report_csv_add(report_stream *st, const report_sub *s);
void report_csv_end(report_stream *st);

int report_json_render(const report_batch *b, util_out *out, char **err);
int report_junit_render(const report_batch *b, util_out *out, char **err);
int report_tap_render(const report_batch *b, util_out *out, char **err);
int report_html_render(const report_batch *b, util_out *out, char **err);
/* the style sheet report_html_render puts inline (report_html_css.c) */
extern const char report_html_css[];
int report_gradescope_render(const report_batch *b, util_out *out, char **err);
int report_prairielearn_render(const report_batch *b, util_out *out, char **err);

/* Checks that a platform format's batch holds exactly one submission: 0,
 * or -1 with *err. */
int report_single_sub(const report_batch *b, const char *format, char **err);
/* Why a failed explain drill failed, as the platform formats tell a
 * student: the misconception's feedback, keyword soup, or points missed,
 * never which points; NULL for any other drill. Caller frees. */
char *report_explain_withheld(const report_drill *d);

/* The store behind a report_batch (report_store.c). */
report_batch *report_batch_new(const report_options *o);
void report_batch_add(report_batch *b, const report_sub *s);
void report_batch_free(report_batch *b);

/* The JSON object of one submission (SPEC 3.4), named as given; jsonl adds
 * position, total and the batch's facts to it. */
struct cJSON *report_sub_json(const report_sub *s, const char *name);
/* Adds s to o under key for a platform's results.json: valid UTF-8, C0
 * controls but \t \n \r replaced, and cut after max characters (0: no
 * limit) with a note of how much was left out, so that one chatty answer
 * cannot push the file past a platform's size limit. */
#define REPORT_PLATFORM_TEXT_MAX 4000
void report_add_text(struct cJSON *o, const char *key, const char *s, size_t max);
/* cJSON's printed text (abort on out of memory), as a malloc'd string. */
char *report_print_json(struct cJSON *o, int formatted);

/* The text a failed drill shows in formats with one free-text field per
 * drill (junit, html, gradescope, prairielearn): its message, each visible
 * test that did not pass, hidden tests as a count. */
enum {
    /* never a hidden test's details, whatever the submission reveals
     * (formats that students read) */
    REPORT_DETAIL_NO_HIDDEN = 1,
    /* leave out a test's message when it only repeats got, or "expected
     * E, got G" */
    REPORT_DETAIL_TERSE = 2,
    /* never the answer key: the right choice, the output a predict drill
     * expects, the rubric points an explanation missed (formats that
     * students read, and may answer again after reading) */
    REPORT_DETAIL_NO_KEY = 4,
};
char *report_failure_detail(const report_sub *s, const report_drill *d, int flags);
/* 1 if a test's message says nothing that expected and got do not. */
int report_message_repeats(const report_test *t);

#endif
