/* report_prairielearn.c - the results.json of a PrairieLearn external
 * grader (SPEC 3.4), after PrairieLearn's "External Grading" guide: score
 * as a fraction in [0, 1], a message, and one test per drill (points,
 * max_points, message, output) that <pl-external-grader-results> shows. A
 * submission that could not be read is "gradable": false with its
 * format_errors, so the student loses no attempt for a file the grader
 * could not open. One submission per run, as the platform grades it.
 * Hidden tests' details are never written: students read this file. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

static void add_clean(cJSON *o, const char *key, const char *s)
{
    report_add_text(o, key, s, REPORT_PLATFORM_TEXT_MAX);
}

int report_prairielearn_render(const report_batch *b, util_out *out, char **err)
{
    if (report_single_sub(b, "prairielearn", err) < 0)
        return -1;
    report_view v;
    report_view_init(&v);
    const report_sub *s = report_batch_get(b, 0, &v);
    char x[32], y[32];
    cJSON *root = cJSON_CreateObject();
    if (s->error || !(s->max > 0)) {
        cJSON_AddFalseToObject(root, "gradable");
        cJSON *fe = cJSON_AddArrayToObject(root, "format_errors");
        char *why = s->error ? xasprintf("The submission could not be read: %s", s->error)
                             : xstrdup("No drill could be graded here: every one was skipped.");
        char *c = report_clean(why, REPORT_CLEAN_CONTROLS);
        cJSON_AddItemToArray(fe, cJSON_CreateString(c));
        free(c);
        free(why);
        add_clean(root, "message", s->error ? "The submission could not be read." : "Nothing to grade.");
    } else {
        cJSON_AddTrueToObject(root, "gradable");
        cJSON_AddNumberToObject(root, "score", report_round(s->score / s->max, 1e4));
        char *msg = xasprintf("%s/%s, %d of %s drills passed.", report_fmt_num(x, s->score),
                              report_fmt_num(y, s->max), s->passed, report_fmt_num(y, s->max));
        add_clean(root, "message", msg);
        free(msg);
    }
    if (s->nwarnings) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < s->nwarnings; i++)
            sbuf_addf(&sb, "%s\n", s->warnings[i]); /* "PATH: warning: ..." */
        add_clean(root, "output", sb.buf);
        sbuf_release(&sb);
    }
    cJSON *tests = cJSON_AddArrayToObject(root, "tests");
    for (size_t i = 0; i < s->ndrills; i++) {
        const report_drill *d = &s->drills[i];
        cJSON *t = cJSON_CreateObject();
        add_clean(t, "name", d->id);
        if (d->title)
            add_clean(t, "description", d->title);
        if (d->st == ST_SKIPPED) {
            /* counts neither way: no points either side */
            cJSON_AddNumberToObject(t, "points", 0);
            cJSON_AddNumberToObject(t, "max_points", 0);
            char *m = xasprintf("skipped: %s", d->message ? d->message : "requirements not met");
            add_clean(t, "message", m);
            free(m);
        } else {
            cJSON_AddNumberToObject(t, "points", d->score);
            cJSON_AddNumberToObject(t, "max_points", 1);
            add_clean(t, "message", d->st == ST_PASS ? "pass" : d->st == ST_MISSING ? "no answer was given"
                                                                                   : status_name(d->st));
            if (d->st != ST_PASS && d->st != ST_MISSING) {
                char *detail = report_explain_withheld(d);
                if (!detail)
                    detail = report_failure_detail(s, d, REPORT_DETAIL_NO_HIDDEN | REPORT_DETAIL_TERSE |
                                                             REPORT_DETAIL_NO_KEY);
                add_clean(t, "output", detail);
                free(detail);
            }
        }
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
