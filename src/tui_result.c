/* tui_result.c - the result screen after a submit: verdict and score,
 * each visible test, output and errors trimmed, hidden tests as a count,
 * the time, then the explanation; for an explain drill the rubric points
 * hit and missed, the model answer, and the candidate's own grade for the
 * review schedule. n next, u next unsolved, r retry, Esc back. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "printed.h"
#include "textdiff.h"
#include "util.h"

static int result_can_self_grade(const tui_app *a)
{
    const drill *d = &a->cat->drills[a->di];
    /* a rubric is what a spoken answer is graded by */
    return d->nrubric && a->mode != MODE_INTERVIEW && a->v.st != ST_MISSING && a->v.st != ST_SKIPPED;
}

/* The lines most a predict diff shows */
#define RESULT_DIFF_LINES 40

/* What the code prints beside the answer, line by line as grading
 * compares them (SPEC 3.2, printed.c): both normalised, so a line graded
 * right is never shown as a difference; a difference nobody could see (a
 * no-break space) is spelled out. */
static void result_diff(tui_doc *doc, const char *truth, const char *answer, int width)
{
    printed_cmp c;
    printed_cmp_init(&c, truth, answer);
    doc_blank(doc);
    doc_add(doc, R_TITLE, 1, "What it prints (- real output, + your answer)");
    for (size_t i = 0; i < c.max && i < RESULT_DIFF_LINES; i++) {
        const printed_line *x = i < c.ntruth ? &c.truth[i] : NULL, *y = i < c.nanswer ? &c.answer[i] : NULL;
        if (x && y && x->len == y->len && !memcmp(x->s, y->s, x->len)) {
            doc_wrap_verbatim(doc, R_DIM, 3, width, "  ", x->s, x->len, DOC_VERBATIM_ROWS);
            continue;
        }
        if (x)
            doc_wrap_verbatim(doc, R_PASS, 3, width, "- ", x->s, x->len, DOC_VERBATIM_ROWS);
        if (y)
            doc_wrap_verbatim(doc, R_FAIL, 3, width, "+ ", y->s, y->len, DOC_VERBATIM_ROWS);
        char *hidden = x && y ? textdiff_hidden(x->s, x->len, y->s, y->len) : NULL;
        if (hidden) {
            doc_wrap(doc, R_DIM, 5, width, hidden);
            free(hidden);
        }
    }
    if (c.max > RESULT_DIFF_LINES)
        doc_addf(doc, R_DIM, 3, "%s (%zu more lines)", crt_glyph(G_ELLIPSIS), c.max - RESULT_DIFF_LINES);
    /* what grading set aside, said once, so the answer as typed and the
     * lines above can be told apart */
    if (strcmp(c.abuf, answer))
        doc_wrap(doc, R_DIM, 3, width,
                 "(compared as graded: blank lines before and after, and blanks at the ends of lines, do not count)");
    printed_cmp_free(&c);
}

static void result_doc(tui_app *a, tui_doc *doc, int width)
{
    const drill *d = &a->cat->drills[a->di];
    doc_wrap(doc, R_TITLE, 1, width, d->title);
    doc_blank(doc);
    size_t before = doc->n;
    tui_doc_verdict(doc, &a->v, a->answer_sent, a->g.traceback, width - 2, 0);
    for (size_t i = before; i < doc->n; i++)
        doc->lines[i].indent += 1;
    if (a->res_revealed)
        doc_wrap(doc, R_DUE, 3, width,
                 "Passed after the answer was shown: marked as such in the list, not counted in the score, "
                 "and it comes back for review soon.");
    if (d->truth && a->answer_sent && a->v.st != ST_PASS)
        result_diff(doc, d->truth, a->answer_sent, width);
    long s = (long)a->took_secs;
    doc_blank(doc);
    doc_addf(doc, R_DIM, 1, "you took %ldm%02lds on this drill", s / 60, s % 60);
    if (d->model_answer) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 1, "A model answer");
        doc_wrap(doc, R_NORMAL, 3, width, d->model_answer);
    }
    if (result_can_self_grade(a)) {
        doc_blank(doc);
        if (a->self_grade < 0) {
            doc_add(doc, R_TITLE, 1, "How did it go? Your call feeds the review schedule");
            if (a->res_seen)
                doc_wrap(doc, R_DIM, 3, width, "(the answer had been shown before you wrote this one: h and g "
                                               "count as after reveal)");
            doc_add(doc, R_KEY, 3, "a again    h hard    g good");
        } else {
            const state_entry *e = app_entry(a, d);
            char when[96] = "";
            if (e && e->card.due)
                app_fmt_when(when, sizeof when, e->card.due, app_now());
            if (a->res_seen && a->self_grade == REVIEW_REVEALED)
            {
                char *s = xasprintf("The answer had been shown before you wrote this one, so it counts as after "
                                    "reveal at best: next review %s.", when);
                doc_wrap(doc, R_KEY, 1, width, s);
                free(s);
            }
            else
                doc_addf(doc, R_KEY, 1, "You graded it %s: next review %s.",
                         review_grade_name((review_grade)a->self_grade), when);
        }
    }
    if (d->explanation) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 1, "Why");
        doc_wrap(doc, R_NORMAL, 3, width, d->explanation);
    }
}

void result_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    const drill *d = &a->cat->drills[a->di];
    char *left = xasprintf("%s %s result", d->id, crt_glyph(G_VLINE));
    app_draw_header(a, w, left);
    free(left);
    tui_doc doc;
    doc_init(&doc);
    result_doc(a, &doc, wd - 2);
    int body = h - 3;
    if (doc.n <= (size_t)body)
        a->res_top = 0;
    else if (a->res_top > doc.n - (size_t)body)
        a->res_top = doc.n - (size_t)body;
    doc_draw(&doc, w, 1, body, a->res_top);
    int more = doc.n > (size_t)body;
    doc_free(&doc);
    tui_hint hints[9];
    size_t n = 0;
    int review = a->mode == MODE_REVIEW;
    if (result_can_self_grade(a))
        hints[n++] = (tui_hint){ "a/h/g", "again/hard/good", 85 };
    hints[n++] = (tui_hint){ "n", review ? "next due drill" : "next drill", 100 };
    if (!review)
        hints[n++] = (tui_hint){ "u", "next unsolved", 60 };
    hints[n++] = (tui_hint){ "r", "retry", 90 };
    if (trace_offered(a))
        hints[n++] = (tui_hint){ "w", "see it happen", 75 };
    if (more)
        hints[n++] = (tui_hint){ "j/k", "scroll", 40 };
    hints[n++] = (tui_hint){ "Esc", review ? "stop review" : "list", 80 };
    app_draw_footer(a, w, hints, n);
}

static void result_self_grade(tui_app *a, review_grade g)
{
    const drill *d = &a->cat->drills[a->di];
    /* an answer sent after the model answer was shown is not recalled,
     * whatever it felt like: at best a pass after reveal (docs/review.md) */
    if (a->res_seen && g > REVIEW_REVEALED)
        g = REVIEW_REVEALED;
    state_self_grade(&a->st, d->id, d->revision, &a->card_before, g, app_now());
    a->self_grade = (int)g;
    app_save(a);
}

/* rows a page key moves: a screen, less a line kept in view */
static size_t result_page(void)
{
    int h = getmaxy(stdscr) - 4;
    return h > 1 ? (size_t)h : 1;
}

int result_key(tui_app *a, int k)
{
    if (result_can_self_grade(a)) {
        review_grade g = REVIEW_FAIL;
        int hit = 1;
        switch (k) {
        case 'a': case '1': g = REVIEW_FAIL; break;
        case 'h': case '2': g = REVIEW_HARD; break;
        case 'g': case '3': g = REVIEW_GOOD; break;
        default: hit = 0;
        }
        if (hit) {
            result_self_grade(a, g);
            return TUI_REDRAW;
        }
    }
    switch (k) {
    case 'n': app_next(a); break;
    case 'u': app_next_unsolved(a); break;
    case 'w':
        if (!trace_offered(a))
            return 0;
        trace_open(a);
        break;
    case 'r':
        a->screen = SCR_DRILL;
        doc_clear(&a->run_doc);
        break;
    case TK_ESC:
    case 'q':
        app_close_drill(a);
        if (a->mode == MODE_REVIEW)
            a->mode = MODE_PRACTICE;
        break;
    case 'j':
    case TK(KEY_DOWN): a->res_top++; break;
    case 'k':
    case TK(KEY_UP): a->res_top = a->res_top ? a->res_top - 1 : 0; break;
    case ' ':
    case TK(KEY_NPAGE): a->res_top += result_page(); break;
    case TK(KEY_PPAGE): a->res_top = a->res_top > result_page() ? a->res_top - result_page() : 0; break;
    default: return 0;
    }
    return TUI_REDRAW;
}
