/* report.h - batch reports (SPEC 3.4) in every format. Each writer returns
 * the whole document as a string; the command writes it atomically. */
#ifndef PYDRILL_REPORT_H
#define PYDRILL_REPORT_H

#include "grade.h"

typedef struct {
    const char *python_version;
    const char *catalog_title;
    const submission_verdict *subs;
    size_t nsubs;
    int reveal_hidden;
} report;

typedef char *(*report_writer)(const report *r);

/* NULL for an unknown format name. */
report_writer report_find(const char *format);

char *report_text(const report *r);
char *report_json(const report *r);
char *report_jsonl(const report *r);
char *report_junit(const report *r);
char *report_tap(const report *r);
char *report_html(const report *r);

/* Shared by the writers: the JSON object of one submission (SPEC 3.4). */
struct cJSON *report_submission_json(const submission_verdict *s, int reveal_hidden);

/* Helpers shared by the writers (report.c). */

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

/* A score for people: at most two decimals, trailing zeros dropped
 * ("7.5", "10", "0.33"). Returns buf. */
char *report_fmt_num(char buf[32], double x);

/* The id of the verdict's drill ("?" when it has none). */
const char *report_drill_id(const drill_verdict *v);
const char *report_drill_topic(const drill_verdict *v);

/* 1 if the status counts as not passed (everything but pass and skipped). */
int report_status_failed(status st);

/* How many hidden tests the drill had, and how many of them passed. */
void report_hidden_counts(const drill_verdict *v, size_t *passed, size_t *total);

#endif
