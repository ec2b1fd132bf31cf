/* grade.h - verdicts (SPEC 3): statuses, scores and the comparison of what
 * a child sent with what the author expects. Pure C: no Python here. The
 * caller runs the job that grade_make_job() describes, then hands the
 * result to grade_tests(). */
#ifndef PYDRILL_GRADE_H
#define PYDRILL_GRADE_H

#include <stddef.h>

#include "catalog.h"

/* A choice drill has at most this many options (letters a..h). */
#define GRADE_MAX_CHOICES 8

/* The child's results (runner.h), seen here only through pointers: the
 * commands and screens that include this header never see the runner. */
struct runner_job;
struct run_result;

typedef enum {
    ST_PASS,
    ST_FAIL,
    ST_ERROR,
    ST_SYNTAX,
    ST_TIMEOUT,
    ST_MEMORY,
    ST_OUTPUT,
    ST_DENIED,
    ST_CRASH,
    ST_SKIPPED,
    ST_MISSING,
} status;

const char *status_name(status s);
int status_parse(const char *s, status *out); /* 0 ok, -1 unknown */
/* Of two test statuses, the one that decides the answer's status (SPEC 3.1:
 * syntax, denied, crash, memory, timeout, output, error, fail, then pass). */
status status_worst(status a, status b);

typedef struct {
    char *name;
    status st;
    int hidden;
    char *expected; /* repr, NULL when not applicable */
    char *got;      /* repr, NULL when not applicable */
    char *message;  /* why it failed, NULL on pass */
} test_verdict;

/* One rubric point of an explain answer: whether it was hit, and when it
 * was not although the answer mentions it, why ("negated: ...",
 * "contradicted: ...", "not in a sentence: ..."). */
typedef struct {
    char *point;
    int hit;
    char *note; /* NULL when hit, or simply not mentioned */
} point_verdict;

typedef struct {
    const drill *drill;
    status st;
    double score;     /* 0..1 */
    double time_ms;
    test_verdict *tests;
    size_t ntests;
    char *message;    /* drill-level explanation (syntax location, wrong choice, misconception, missed points) */
    point_verdict *points; /* explain: one per rubric point, in rubric order */
    size_t npoints;
    char *out;        /* the answer's stdout, trimmed, or NULL */
    char *err;        /* the answer's stderr / traceback, trimmed, or NULL */
    char *traceback;  /* of the first visible test that raised, or NULL (a
                         hidden test's would tell what it runs) */
    int internal;     /* pydrill could not grade it (no process, a worker lost): not a
                         verdict on the answer, and never to count as one */
} drill_verdict;

/* Zeroes v; status `missing` until a grade_* call fills it. */
void drill_verdict_init(drill_verdict *v, const drill *d);
void drill_verdict_free(drill_verdict *v);

/* Letters a..h (case-insensitive) separated by commas and/or white space
 * -> sorted unique 0-based indexes. Letters run together ("ab"), any other
 * character, a letter past the last choice, or no letter at all: -1 with
 * *err (caller frees), *idx NULL. */
int grade_parse_choice(const char *answer, size_t nchoices, int **idx, size_t *n, char **err);

/* Describes the child run of code (an answer made code by its kind, see
 * kind_answer_code) against d's tests; job borrows from d and code.
 * run_mask may be NULL (all tests). */
void grade_make_job(const drill *d, const char *code, const unsigned char *run_mask, struct runner_job *job);

/* Each fills v (initialised by the caller with drill_verdict_init; what v
 * held before is freed, so a verdict can be graded again). A choice answer
 * that does not parse is `fail` with the parse error; an explain verdict
 * has every point in points and lists missed ones in message, each with
 * its note, even when it passes, fails with the misconception's feedback
 * first in message when the answer states one (rubric.h has the rules),
 * and when it fails scores below the pass mark (report_explain_withheld
 * reads the message's order of parts); a predict drill
 * without truth is `error` with truth_error. Text from the answer (out,
 * err, exception messages) is cut and made valid UTF-8 without NULs. */
void grade_missing(const drill *d, drill_verdict *v);
void grade_skipped(const drill *d, drill_verdict *v);
void grade_predict(const drill *d, const char *answer, drill_verdict *v);
void grade_choice(const drill *d, const char *answer, drill_verdict *v);
void grade_explain(const drill *d, const char *answer, drill_verdict *v);
/* Fix/write: compares r's outcomes (indexed like d->tests) with the tests'
 * expectations. Tests masked out of the run are left out of v. A run that
 * did not end RUN_OK makes the drill at least that status, even when every
 * test that finished passed; score stays passed / graded. */
void grade_tests(const drill *d, const struct run_result *r, const unsigned char *run_mask, drill_verdict *v);

/* One submission graded against a set of drills. */
typedef struct {
    char *candidate;
    char *source;
    drill_verdict *drills;
    size_t ndrills;
    double score, max;
    int passed;
    char *error;      /* the submission could not be read: why (then ndrills is 0) */
    diag warnings;    /* e.g. answers for unknown drill ids */
} submission_verdict;

void submission_verdict_init(submission_verdict *s);
void submission_verdict_free(submission_verdict *s);
/* Recomputes score, max and passed from the drills (skipped left out). */
void submission_verdict_total(submission_verdict *s);

#endif
