/* report_gradescope.c - the results.json of a Gradescope autograder
 * (SPEC 3.4), after Gradescope's "Autograder Specifications": a top-level
 * score, one test per drill (score and max_score, status, output), plain
 * text everywhere (output_format "text", so a candidate's text is never
 * rendered as HTML or Markdown). Gradescope runs one submission per
 * container, so the batch must hold exactly one. Hidden tests' details are
 * never written, whatever --reveal-hidden says: students read this file.
 * Skipped drills count for nothing and are named in the top-level output
 * instead of being tests. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* The one submission a platform format takes, or -1 with *err. */
int report_single_sub(const report_batch *b, const char *format, char **err)
{
    size_t n = report_batch_count(b);
    if (n == 1)
        return 0;
    *err = xasprintf("pydrill: error: --format %s reports exactly one submission (the platform grades one "
                     "student per run), not %zu",
                     format, n);
    return -1;
}

/* What a student reads of a failed explain answer: why it failed, never
 * which points it missed or what the rubric listens for, since a student
 * may answer again. The reasons are read from the message grade_explain
 * (grade.c) writes, whose parts come in a fixed order, each but the last
 * ending in "; ": "misconception: FEEDBACK (the answer says \"QUOTE\")"
 * (a quote holds no double quote), keyword soup, notes on the reading,
 * then "K of N points...". The feedback is the author's, written for the
 * candidate, and is shown; the quote, the answer's words that the rubric
 * matched, is not. NULL for any other drill. */
char *report_explain_withheld(const report_drill *d)
{
    static const char mis[] = "misconception: ", said[] = " (the answer says \"";
    static const struct {
        const char *starts, *say; /* say NULL: the part is said as it is */
    } reasons[] = {
        { "the answer reads as a list of keywords", "the answer reads as a list of keywords, not sentences, so "
                                                    "nothing it mentions counts" },
        { "the answer has no sentences", "the answer has no sentences, only code, so nothing it mentions counts" },
        { "only the first ", NULL },
        { "the rubric took too long", "the rubric took too long to apply to this answer (a fault of the drill: "
                                      "tell your instructor)" },
    };
    if (!d->kind || strcmp(d->kind, "explain") != 0 || d->st != ST_FAIL)
        return NULL;
    sbuf sb;
    sbuf_init(&sb);
    const char *m = d->message ? d->message : "";
    if (!strncmp(m, mis, strlen(mis))) {
        const char *f = m + strlen(mis), *e = strstr(f, said);
        const char *q = e ? strchr(e + strlen(said), '"') : NULL;
        if (q && q[1] == ')') {
            sbuf_addf(&sb, "the answer states a misconception: %.*s\n", (int)(e - f), f);
            m = q + 2;
        } else {
            sbuf_addstr(&sb, "the answer states a misconception\n");
            m = "";
        }
        if (!strncmp(m, "; ", 2))
            m += 2;
    }
    /* the parts before the count of points are pydrill's own words */
    while (*m && !(*m >= '0' && *m <= '9')) {
        const char *end = strstr(m, "; ");
        size_t len = end ? (size_t)(end - m) : strlen(m);
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
            if (strncmp(m, reasons[i].starts, strlen(reasons[i].starts)) != 0)
                continue;
            if (reasons[i].say)
                sbuf_addf(&sb, "%s\n", reasons[i].say);
            else
                sbuf_addf(&sb, "%.*s\n", (int)len, m);
        }
        if (!end)
            break;
        m = end + 2;
    }
    if (!sb.len)
        sbuf_addstr(&sb, "not every point the rubric asks for is made (which ones is not shown here)\n");
    return sbuf_detach(&sb, NULL);
}

static void add_clean(cJSON *o, const char *key, const char *s)
{
    report_add_text(o, key, s, REPORT_PLATFORM_TEXT_MAX);
}

int report_gradescope_render(const report_batch *b, util_out *out, char **err)
{
    if (report_single_sub(b, "gradescope", err) < 0)
        return -1;
    report_view v;
    report_view_init(&v);
    const report_sub *s = report_batch_get(b, 0, &v);
    const report_options *o = report_batch_options(b);
    /* Gradescope has no "not gradable": a score of 0 out of nothing would
     * be recorded as the student's 0. Failing is honest: the autograder
     * shows the student it could not grade, and the message says why. */
    if (!s->error && s->ndrills && s->max == 0) {
        *err = xstrdup("pydrill: error: --format gradescope: no drill could be graded here (every one was "
                       "skipped: see `pydrill list`); results.json not written, so that Gradescope does not "
                       "record a 0");
        report_view_release(&v);
        return -1;
    }
    char x[32], y[32];
    sbuf summary;
    sbuf_init(&summary);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "score", s->error ? 0 : s->score);
    double ms = 0;
    for (size_t i = 0; i < s->ndrills; i++)
        if (isfinite(s->drills[i].time_ms))
            ms += s->drills[i].time_ms;
    cJSON_AddNumberToObject(root, "execution_time", ceil(ms / 1000.0));
    if (s->error)
        sbuf_addf(&summary, "Your submission could not be read: %s\n", s->error);
    else
        sbuf_addf(&summary, "%s/%s, %d of %s drills passed.\n", report_fmt_num(x, s->score),
                  report_fmt_num(y, s->max), s->passed, report_fmt_num(y, s->max));
    size_t skipped = 0;
    for (size_t i = 0; i < s->ndrills; i++)
        if (s->drills[i].st == ST_SKIPPED) {
            if (!skipped++)
                sbuf_addstr(&summary, "Not graded here (they count neither way):\n");
            sbuf_addf(&summary, "  %s: %s\n", s->drills[i].id,
                      s->drills[i].message ? s->drills[i].message : "requirements not met");
        }
    for (size_t i = 0; i < s->nwarnings; i++)
        sbuf_addf(&summary, "%s\n", s->warnings[i]); /* "PATH: warning: ..." */
    if (o->python_version)
        sbuf_addf(&summary, "Graded by pydrill with Python %s.\n", o->python_version);
    add_clean(root, "output", summary.buf);
    sbuf_release(&summary);
    cJSON_AddStringToObject(root, "output_format", "text");
    cJSON_AddStringToObject(root, "test_output_format", "text");
    cJSON_AddStringToObject(root, "test_name_format", "text");
    cJSON *tests = cJSON_AddArrayToObject(root, "tests");
    size_t number = 0;
    for (size_t i = 0; i < s->ndrills; i++) {
        const report_drill *d = &s->drills[i];
        if (d->st == ST_SKIPPED)
            continue;
        cJSON *t = cJSON_CreateObject();
        char *name = d->title ? xasprintf("%s: %s", d->id, d->title) : xstrdup(d->id);
        add_clean(t, "name", name);
        free(name);
        char num[32];
        snprintf(num, sizeof num, "%zu", ++number);
        cJSON_AddStringToObject(t, "number", num);
        cJSON_AddNumberToObject(t, "score", d->score);
        cJSON_AddNumberToObject(t, "max_score", 1);
        cJSON_AddStringToObject(t, "status", d->st == ST_PASS ? "passed" : "failed");
        if (d->st != ST_PASS) {
            char *detail = report_explain_withheld(d);
            if (!detail)
                detail = report_failure_detail(s, d, REPORT_DETAIL_NO_HIDDEN | REPORT_DETAIL_TERSE | REPORT_DETAIL_NO_KEY);
            char *text = d->st == ST_MISSING ? xstrdup("No answer was given.\n")
                                             : xasprintf("%s (score %s)\n%s", status_name(d->st),
                                                         report_fmt_num(x, d->score), detail);
            add_clean(t, "output", text);
            free(text);
            free(detail);
        }
        cJSON *tags = cJSON_AddArrayToObject(t, "tags");
        char *topic = report_clean(report_topic(d), REPORT_CLEAN_CONTROLS);
        char *kind = report_clean(d->kind, REPORT_CLEAN_CONTROLS);
        cJSON_AddItemToArray(tags, cJSON_CreateString(topic));
        cJSON_AddItemToArray(tags, cJSON_CreateString(kind));
        free(topic);
        free(kind);
        cJSON_AddItemToArray(tests, t);
    }
    char *txt = report_print_json(root, 1);
    cJSON_Delete(root);
    util_out_puts(out, txt);
    util_out_write(out, "\n", 1);
    free(txt);
    report_view_release(&v);
    return 0;
}
