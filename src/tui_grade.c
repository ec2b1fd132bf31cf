/* tui_grade.c - grading one answer from the quiz: predict, choice and
 * explain are graded here at once (pure C); fix and write run in a child
 * of the runner whose fds the event loop polls, so the screen never
 * freezes and Esc can abandon the run. */
#define _GNU_SOURCE
#include "tui.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "plan.h"
#include "util.h"

static drill **planned;
static size_t nplanned;

int tui_plan(drill *d, char **err)
{
    for (size_t i = 0; i < nplanned; i++)
        if (planned[i] == d)
            goto check;
    diag dg;
    diag_init(&dg);
    int rc = plan_drill(d, &dg);
    planned = xrealloc(planned, (nplanned + 1) * sizeof *planned);
    planned[nplanned++] = d;
    if (rc < 0 && dg.n && !d->skip_reason) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < dg.n; i++)
            sbuf_addf(&sb, "%s%s", i ? "\n" : "", dg.msgs[i]);
        diag_free(&dg);
        *err = sbuf_detach(&sb, NULL);
        return -1;
    }
    diag_free(&dg);
check:
    if (d->kind == KIND_PREDICT && !d->truth && !d->skip_reason) {
        *err = xasprintf("cannot compute what this code prints: %s",
                         d->truth_error ? d->truth_error : "unknown error");
        return -1;
    }
    return 0;
}

static int tui_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

int tui_grading_start(tui_grading *g, drill *d, const char *answer, int visible_only, drill_verdict *v)
{
    free(g->traceback);
    memset(g, 0, sizeof *g);
    g->d = d;
    g->visible_only = visible_only;
    g->t0 = util_now_ms();
    if (d->skip_reason) {
        grade_skipped(d, v);
        return 0;
    }
    if (tui_blank(answer) && !visible_only) {
        grade_missing(d, v);
        return 0;
    }
    const kind_ops *ops = kind_get(d->kind);
    if (!ops->runs_answer) {
        ops->judge(d, answer, v);
        return 0;
    }
    g->answer = kind_answer_code(d, answer, v);
    if (!g->answer)
        return 0;
    if (visible_only) {
        g->mask = xcalloc(d->ntests ? d->ntests : 1, 1);
        for (size_t i = 0; i < d->ntests; i++)
            g->mask[i] = !d->tests[i].hidden;
    }
    grade_make_job(d, g->answer, g->mask, &g->job);
    g->task = runner_spawn(&g->job);
    return 1;
}

int tui_grading_busy(const tui_grading *g)
{
    return g->task != NULL;
}

int tui_grading_pollfds(tui_grading *g, struct pollfd *p, int max)
{
    return g->task ? runner_task_pollfds(g->task, p, max) : 0;
}

int tui_grading_timeout(tui_grading *g)
{
    return g->task ? runner_task_timeout(g->task) : -1;
}

static void tui_grading_release(tui_grading *g)
{
    free(g->answer);
    free(g->mask);
    g->answer = NULL;
    g->mask = NULL;
    g->task = NULL;
}

int tui_grading_step(tui_grading *g, drill_verdict *v)
{
    if (!g->task || !runner_task_step(g->task))
        return 0;
    run_result r;
    run_result_init(&r);
    runner_task_finish(g->task, &r);
    g->task = NULL;
    grade_tests(g->d, &r, g->mask, v);
    /* the traceback of a hidden test would tell what it runs */
    for (size_t i = 0; i < r.noutcomes && i < g->d->ntests; i++) {
        const test_outcome *o = &r.outcomes[i];
        if (!g->d->tests[i].hidden && o->kind == OUT_RAISED && o->traceback && *o->traceback) {
            g->traceback = xstrdup(o->traceback);
            break;
        }
    }
    if (v->time_ms <= 0)
        v->time_ms = r.time_ms;
    run_result_free(&r);
    tui_grading_release(g);
    return 1;
}

void tui_grading_cancel(tui_grading *g)
{
    if (g->task)
        runner_task_cancel(g->task);
    tui_grading_release(g);
}

crt_role tui_status_role(status s)
{
    if (s == ST_PASS)
        return R_PASS;
    if (s == ST_SKIPPED || s == ST_MISSING)
        return R_WARN;
    return R_FAIL;
}

/* Expected and actual side by side when either has several lines: a line
 * diff by position ("-" expected, "+" got). */
static void tui_doc_pair(tui_doc *doc, int ind, const char *exp, const char *got)
{
    if (!strchr(exp, '\n') && !strchr(got, '\n')) {
        doc_addf(doc, R_NORMAL, ind, "expected: %s", exp);
        doc_addf(doc, R_NORMAL, ind, "got:      %s", got);
        return;
    }
    const char *a = exp, *b = got;
    int lines = 0;
    while ((*a || *b) && lines < 40) {
        const char *ae = strchrnul(a, '\n'), *be = strchrnul(b, '\n');
        size_t an = (size_t)(ae - a), bn = (size_t)(be - b);
        if (an == bn && !memcmp(a, b, an)) {
            doc_addf(doc, R_DIM, ind, "  %.*s", (int)an, a);
        } else {
            if (*a || ae != a)
                doc_addf(doc, R_PASS, ind, "- %.*s", (int)an, a);
            if (*b || be != b)
                doc_addf(doc, R_FAIL, ind, "+ %.*s", (int)bn, b);
        }
        a = *ae ? ae + 1 : ae;
        b = *be ? be + 1 : be;
        lines++;
    }
    doc_add(doc, R_DIM, ind, "(- expected, + got)");
}

void tui_doc_verdict(tui_doc *doc, const drill_verdict *v, const char *traceback, int width, int with_explanation)
{
    const drill *d = v->drill;
    char stname[32];
    snprintf(stname, sizeof stname, "%s", status_name(v->st));
    for (char *p = stname; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    doc_addf(doc, tui_status_role(v->st), 0, "%s %s   score %.2f", crt_glyph(v->st == ST_PASS ? G_PASS : G_FAIL),
             stname, v->score);
    if (v->message && *v->message)
        doc_wrap(doc, R_NORMAL, 2, width, v->message);
    size_t hidden = 0, hidden_ok = 0, shown = 0;
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        if (t->hidden) {
            hidden++;
            hidden_ok += t->st == ST_PASS;
            continue;
        }
        if (!shown++) {
            doc_blank(doc);
            doc_add(doc, R_TITLE, 0, "Tests");
        }
        doc_addf(doc, tui_status_role(t->st), 2, "%s %s  [%s]", crt_glyph(t->st == ST_PASS ? G_PASS : G_FAIL),
                 t->name, status_name(t->st));
        if (t->st != ST_PASS) {
            if (t->message && *t->message)
                doc_wrap(doc, R_NORMAL, 6, width, t->message);
            int said = t->message && t->got && strstr(t->message, t->got) && !strchr(t->got, '\n');
            if (t->expected && t->got && !said)
                tui_doc_pair(doc, 6, t->expected, t->got);
            else if (t->expected && !t->got)
                doc_addf(doc, R_NORMAL, 6, "expected: %s", t->expected);
        }
    }
    if (hidden) {
        if (!shown)
            doc_blank(doc);
        doc_addf(doc, hidden_ok == hidden ? R_PASS : R_FAIL, 2, "%zu of %zu hidden tests passed", hidden_ok,
                 hidden);
    }
    if (v->out && *v->out) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 0, "Output");
        doc_trimmed(doc, R_NORMAL, 2, width, v->out, 12);
    }
    const char *e = v->err && *v->err ? v->err : traceback;
    if (e && *e) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 0, "Errors");
        /* the last lines of a traceback say the most */
        size_t lines = 1;
        for (const char *p = e; *p; p++)
            lines += *p == '\n';
        const char *p = e;
        while (lines > 12) {
            p = strchr(p, '\n') + 1;
            lines--;
        }
        if (p != e)
            doc_addf(doc, R_DIM, 2, "%s", crt_glyph(G_ELLIPSIS));
        doc_trimmed(doc, R_FAIL, 2, width, p, 12);
    }
    if (v->time_ms > 0) {
        doc_blank(doc);
        doc_addf(doc, R_DIM, 0, "ran in %.1f ms", v->time_ms);
    }
    if (with_explanation && d && d->explanation) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 0, "Why");
        doc_wrap(doc, R_NORMAL, 2, width, d->explanation);
        if (d->kind == KIND_EXPLAIN && d->model_answer) {
            doc_blank(doc);
            doc_add(doc, R_TITLE, 0, "A model answer");
            doc_wrap(doc, R_NORMAL, 2, width, d->model_answer);
        }
    }
}
