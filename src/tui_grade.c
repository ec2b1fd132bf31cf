/* tui_grade.c - grading one answer from the quiz, through the engine's
 * tickets: what needs no child is judged at once; an answer run in a child
 * is a ticket whose descriptors the event loop polls, so the screen never
 * freezes and Esc can abandon the run. */
#define _GNU_SOURCE
#include "tui.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "engine.h"
#include "pyversion.h"
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
    size_t failures = engine_internal_failures(NULL);
    int rc = engine_plan_drill(d, &dg);
    /* a plan that met no process for a moment says nothing of the drill:
     * not remembered, so that the next use plans it again */
    if (engine_internal_failures(NULL) == failures) {
        planned = xrealloc(planned, (nplanned + 1) * sizeof *planned);
        planned[nplanned++] = d;
    }
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
    if (!d->truth && d->truth_error && !d->skip_reason) {
        *err = xasprintf("cannot compute what this code prints: %s",
                         d->truth_error ? d->truth_error : "unknown error");
        return -1;
    }
    return 0;
}

int tui_drill_skipped_here(const drill *d)
{
    /* what needs no child: a module needs a probe, known once planned */
    if (d->skip_reason)
        return 1;
    return d->req_python && pyversion_satisfies(d->req_python, engine_python_hexversion(), NULL) == 0;
}

int tui_drill_usable(drill *d)
{
    /* A Python version is checked at once; modules take a probe in a child,
     * so only those drills are planned now (the plan is kept for when the
     * drill is opened). */
    if (d->skip_reason)
        return 0;
    if (d->req_python && pyversion_satisfies(d->req_python, engine_python_hexversion(), NULL) != 1)
        return 0;
    if (!d->nreq_modules)
        return 1;
    char *err = NULL;
    if (tui_plan(d, &err) < 0)
        free(err); /* shown when the drill is opened */
    return !d->skip_reason;
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
    /* a blank box is no answer (the engine says `missing` for a blank
     * one too, a run of the visible tests included) */
    if (tui_blank(answer) && !visible_only)
        answer = NULL;
    g->ticket = engine_submit(d, answer, visible_only, v);
    return g->ticket != NULL;
}

int tui_grading_busy(const tui_grading *g)
{
    return g->ticket != NULL;
}

int tui_grading_pollfds(tui_grading *g, struct pollfd *p, int max)
{
    return g->ticket ? engine_ticket_pollfds(g->ticket, p, max) : 0;
}

int tui_grading_timeout(tui_grading *g)
{
    return g->ticket ? engine_ticket_timeout(g->ticket) : -1;
}

int tui_grading_step(tui_grading *g, drill_verdict *v)
{
    if (!g->ticket || !engine_ticket_step(g->ticket, v))
        return 0;
    g->ticket = NULL;
    g->traceback = v->traceback ? xstrdup(v->traceback) : NULL;
    return 1;
}

void tui_grading_cancel(tui_grading *g)
{
    engine_ticket_cancel(g->ticket);
    g->ticket = NULL;
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
static void tui_doc_pair(tui_doc *doc, int ind, int width, const char *exp, const char *got)
{
    if (!strchr(exp, '\n') && !strchr(got, '\n')) {
        doc_wrap_verbatim(doc, R_NORMAL, ind, width, "expected: ", exp, strlen(exp), DOC_VERBATIM_ROWS);
        doc_wrap_verbatim(doc, R_NORMAL, ind, width, "got:      ", got, strlen(got), DOC_VERBATIM_ROWS);
        return;
    }
    const char *a = exp, *b = got;
    int lines = 0;
    while ((*a || *b) && lines < 40) {
        const char *ae = strchrnul(a, '\n'), *be = strchrnul(b, '\n');
        size_t an = (size_t)(ae - a), bn = (size_t)(be - b);
        if (an == bn && !memcmp(a, b, an)) {
            doc_wrap_verbatim(doc, R_DIM, ind, width, "  ", a, an, DOC_VERBATIM_ROWS);
        } else {
            if (*a || ae != a)
                doc_wrap_verbatim(doc, R_PASS, ind, width, "- ", a, an, DOC_VERBATIM_ROWS);
            if (*b || be != b)
                doc_wrap_verbatim(doc, R_FAIL, ind, width, "+ ", b, bn, DOC_VERBATIM_ROWS);
        }
        a = *ae ? ae + 1 : ae;
        b = *be ? be + 1 : be;
        lines++;
    }
    doc_add(doc, R_DIM, ind, "(- expected, + got)");
}

/* The line of the answer a syntax error points at, with a caret under the
 * column ("line L, column C: ..." in the verdict's message). */
static void tui_doc_syntax(tui_doc *doc, const char *message, const char *answer)
{
    int line = 0, col = 0;
    if (!message || !answer || sscanf(message, "line %d, column %d", &line, &col) != 2 || line < 1)
        return;
    const char *p = answer;
    for (int i = 1; i < line && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return;
    size_t n = strcspn(p, "\n");
    char *text = xmemdup(p, n);
    for (char *q = text; *q; q++)
        if (*q == '\t')
            *q = ' ';
    char num[16];
    int nw = snprintf(num, sizeof num, "%d", line);
    doc_blank(doc);
    doc_addf(doc, R_NORMAL, 2, "%s %s %s", num, crt_glyph(G_VLINE), text);
    /* the offset counts characters from 1; the caret goes under its cell */
    size_t b = 0;
    for (int c = 1; c < col && b < n; c++) {
        b++;
        while (b < n && ((unsigned char)text[b] & 0xc0) == 0x80)
            b++;
    }
    int cells = crt_width(text, b);
    doc_addf(doc, R_FAIL, 2, "%*s %s %*s^", nw, "", crt_glyph(G_VLINE), cells, "");
    free(text);
}

/* A choice verdict as the options themselves: which were chosen, which are
 * right (the verdict's own "you chose ... the right answer is ..." would
 * say it again without the text). Returns 0 when the answer is not letters. */
static int tui_doc_choice(tui_doc *doc, const drill *d, const char *answer, int width)
{
    int *idx = NULL;
    size_t n = 0;
    char *err = NULL;
    if (!answer || grade_parse_choice(answer, d->nchoices, &idx, &n, &err) < 0) {
        free(err);
        return 0;
    }
    unsigned chosen = 0, right = 0;
    for (size_t i = 0; i < n; i++)
        chosen |= 1u << idx[i];
    for (size_t i = 0; i < d->nanswer; i++)
        right |= 1u << d->answer[i];
    free(idx);
    doc_blank(doc);
    doc_add(doc, R_TITLE, 0, d->nanswer > 1 ? "Your choices and the right ones" : "Your choice and the right one");
    int multi = d->nanswer > 1;
    for (size_t i = 0; i < d->nchoices && i < 8 * sizeof(unsigned); i++) {
        int c = (chosen >> i) & 1, r = (right >> i) & 1;
        const char *mark = multi ? (c ? "[x]" : "[ ]") : crt_glyph(c ? G_RADIO_ON : G_RADIO_OFF);
        /* with several right, an unchosen one is one of them, not "the" answer */
        const char *tail = r && c ? "right" : r ? (multi ? "right, not chosen" : "the right answer")
                           : c    ? "not right"
                                  : NULL;
        crt_role role = r ? R_PASS : c ? R_FAIL : R_NORMAL;
        char *lead = xasprintf("%s %c) ", mark, (char)('a' + i));
        char *tag = tail ? xasprintf("%s %s", crt_glyph(r ? G_PASS : G_FAIL), tail) : NULL;
        char *line = tag ? xasprintf("%s%s   %s", lead, d->choices[i], tag) : xasprintf("%s%s", lead, d->choices[i]);
        int hang = crt_width(lead, strlen(lead));
        if (!tag || crt_width(line, strlen(line)) <= width - 2) {
            doc_wrap_hang(doc, role, 2, hang, width, line);
        } else {
            /* the option wraps under its text; the tag, whole, after it */
            free(line);
            line = xasprintf("%s%s", lead, d->choices[i]);
            doc_wrap_hang(doc, role, 2, hang, width, line);
            doc_add(doc, role, 2 + hang, tag);
        }
        free(line);
        free(tag);
        free(lead);
    }
    return 1;
}

static void tui_doc_points(tui_doc *doc, const drill_verdict *v, int width)
{
    size_t hit = 0;
    for (size_t i = 0; i < v->npoints; i++)
        hit += v->points[i].hit != 0;
    doc_blank(doc);
    doc_addf(doc, R_TITLE, 0, "Rubric: %zu of %zu points", hit, v->npoints);
    for (size_t i = 0; i < v->npoints; i++) {
        const point_verdict *p = &v->points[i];
        char *line = xasprintf("%s %s", crt_glyph(p->hit ? G_PASS : G_FAIL), p->point ? p->point : "?");
        doc_wrap(doc, p->hit ? R_PASS : R_FAIL, 2, width, line);
        free(line);
        if (p->note && *p->note)
            doc_wrap(doc, R_DIM, 4, width, p->note);
    }
}

void tui_doc_verdict(tui_doc *doc, const drill_verdict *v, const char *answer, const char *traceback, int width,
                     int with_explanation)
{
    const drill *d = v->drill;
    char stname[32];
    snprintf(stname, sizeof stname, "%s", status_name(v->st));
    for (char *p = stname; *p; p++)
        *p = (char)util_ascii_upper((unsigned char)*p);
    doc_addf(doc, tui_status_role(v->st), 0, "%s %s   score %.2f", crt_glyph(v->st == ST_PASS ? G_PASS : G_FAIL),
             stname, v->score);
    int shown_choice = d && kind_get(d->kind)->input == INPUT_CHOICE && v->st != ST_MISSING && v->st != ST_SKIPPED &&
                       tui_doc_choice(doc, d, answer, width);
    int shown_points = v->npoints > 0;
    if (v->message && *v->message && !shown_choice && !shown_points)
        doc_wrap(doc, R_NORMAL, 2, width, v->message);
    if (shown_points) {
        /* the points are listed below: of the message, what comes before
         * its "k of n points" summary (a misconception, keyword soup) */
        size_t hit = 0;
        for (size_t i = 0; i < v->npoints; i++)
            hit += v->points[i].hit != 0;
        char sum[64];
        snprintf(sum, sizeof sum, "%zu of %zu points", hit, v->npoints);
        const char *m = v->message ? v->message : "";
        const char *at = strstr(m, sum);
        size_t n = at ? (size_t)(at - m) : strlen(m);
        while (n > 0 && (m[n - 1] == ' ' || m[n - 1] == ';'))
            n--;
        if (n) {
            char *lead = xmemdup(m, n);
            doc_wrap(doc, R_FAIL, 2, width, lead);
            free(lead);
        }
        tui_doc_points(doc, v, width);
    }
    if (v->st == ST_SYNTAX)
        tui_doc_syntax(doc, v->message, answer);
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
        if (t->st != ST_PASS && t->st != ST_SYNTAX) {
            if (t->message && *t->message)
                doc_wrap(doc, R_NORMAL, 6, width, t->message);
            int said = t->message && t->got && strstr(t->message, t->got) && !strchr(t->got, '\n');
            if (t->expected && t->got && !said)
                tui_doc_pair(doc, 6, width, t->expected, t->got);
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
        doc_add(doc, R_TITLE, 0, v->st == ST_TIMEOUT ? "Output (before the time ran out)" : "Output");
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
        if (d->model_answer) {
            doc_blank(doc);
            doc_add(doc, R_TITLE, 0, "A model answer");
            doc_wrap(doc, R_NORMAL, 2, width, d->model_answer);
        }
        doc_blank(doc);
        doc_add(doc, R_TITLE, 0, "Why");
        doc_wrap(doc, R_NORMAL, 2, width, d->explanation);
    }
}
