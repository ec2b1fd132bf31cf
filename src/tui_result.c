/* tui_result.c - the result screen after a submit: verdict and score,
 * each visible test, output and errors trimmed, hidden tests as a count,
 * the time, then the explanation; n next, r retry, Esc back. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void result_doc(tui_app *a, tui_doc *doc, int width)
{
    const drill *d = &a->cat->drills[a->di];
    doc_wrap(doc, R_TITLE, 1, width, d->title);
    doc_blank(doc);
    tui_doc *tmp = doc;
    size_t before = tmp->n;
    tui_doc_verdict(doc, &a->v, a->g.traceback, width - 2, 0);
    for (size_t i = before; i < doc->n; i++)
        doc->lines[i].indent += 1;
    if (d->kind == KIND_PREDICT && d->truth && a->answer_sent && a->v.st != ST_PASS) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 1, "What it prints (- real output, + your answer)");
        const char *x = d->truth, *y = a->answer_sent;
        for (int n = 0; (*x || *y) && n < 40; n++) {
            const char *xe = strchrnul(x, '\n'), *ye = strchrnul(y, '\n');
            int xl = (int)(xe - x), yl = (int)(ye - y);
            if (xl == yl && !memcmp(x, y, (size_t)xl)) {
                doc_addf(doc, R_DIM, 3, "  %.*s", xl, x);
            } else {
                if (*x)
                    doc_addf(doc, R_PASS, 3, "- %.*s", xl, x);
                if (*y)
                    doc_addf(doc, R_FAIL, 3, "+ %.*s", yl, y);
            }
            x = *xe ? xe + 1 : xe;
            y = *ye ? ye + 1 : ye;
        }
    }
    if (d->kind == KIND_CHOICE && a->v.st != ST_PASS) {
        doc_blank(doc);
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < d->nanswer; i++)
            sbuf_addf(&sb, "%s%c", i ? ", " : "", (char)('a' + d->answer[i]));
        doc_addf(doc, R_PASS, 1, "Right answer: %s", sb.buf);
        sbuf_release(&sb);
    }
    long s = (long)a->took_secs;
    doc_addf(doc, R_DIM, 1, "you took %ldm%02lds on this drill", s / 60, s % 60);
    if (a->mode != MODE_INTERVIEW && d->explanation) {
        doc_blank(doc);
        doc_add(doc, R_TITLE, 1, "Why");
        doc_wrap(doc, R_NORMAL, 3, width, d->explanation);
        if (d->kind == KIND_EXPLAIN && d->model_answer) {
            doc_blank(doc);
            doc_add(doc, R_TITLE, 1, "A model answer");
            doc_wrap(doc, R_NORMAL, 3, width, d->model_answer);
        }
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
    doc_free(&doc);
    app_draw_footer(a, w, a->mode == MODE_REVIEW ? "n next due drill  r retry  j/k scroll  Esc stop review  ? help"
                                                 : "n next drill  r retry  j/k scroll  Esc back to the list  ? help");
}

int result_key(tui_app *a, int k)
{
    switch (k) {
    case 'n': app_next(a); break;
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
    case TK(KEY_NPAGE): a->res_top += 10; break;
    case TK(KEY_PPAGE): a->res_top = a->res_top > 10 ? a->res_top - 10 : 0; break;
    default: return 0;
    }
    return TUI_REDRAW;
}
