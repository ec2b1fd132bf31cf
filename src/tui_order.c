/* tui_order.c - the widget of a parsons drill (SPEC 2.3): the shuffled
 * lines, lettered, above the program being built from them. A letter adds
 * its line after the selected one (or takes it out again); Space picks the
 * selected line up and Up/Down move it until Space drops it; Backspace or
 * Delete takes it out. The answer is the letters in order ("c a d b"). */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const drill *order_drill(const tui_app *a)
{
    return &a->cat->drills[a->di];
}

static size_t order_max(const tui_app *a)
{
    size_t n = order_drill(a)->nshown;
    return n < sizeof a->ord ? n : sizeof a->ord;
}

/* Where line i is in the program, or -1. */
static long order_pos(const tui_app *a, size_t i)
{
    for (size_t k = 0; k < a->nord; k++)
        if (a->ord[k] == i)
            return (long)k;
    return -1;
}

void order_load(tui_app *a, const char *letters)
{
    a->nord = 0;
    a->ord_cur = 0;
    a->ord_held = 0;
    if (!a->open)
        return;
    size_t max = order_max(a);
    for (const char *p = letters; p && *p; p++) {
        int c = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
        if (c < 'a' || c > 'z' || (size_t)(c - 'a') >= max || order_pos(a, (size_t)(c - 'a')) >= 0)
            continue;
        a->ord[a->nord++] = (unsigned char)(c - 'a');
    }
    if (a->nord)
        a->ord_cur = a->nord - 1;
}

char *order_answer(const tui_app *a)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t k = 0; k < a->nord; k++)
        sbuf_addf(&sb, "%s%c", k ? " " : "", 'a' + a->ord[k]);
    return sbuf_detach(&sb, NULL);
}

void order_doc(tui_app *a, tui_doc *doc, int width)
{
    const drill *d = order_drill(a);
    (void)width;
    doc_blank(doc);
    doc_add(doc, R_DIM, 1, "The lines (a letter adds its line to your program, or takes it out):");
    for (size_t i = 0; i < order_max(a); i++) {
        int used = order_pos(a, i) >= 0;
        char *s = xasprintf("%c) %s", (char)('a' + i), d->shown[i]);
        doc_add(doc, used ? R_DIM : R_NORMAL, 3, s);
        free(s);
    }
}

size_t order_rows(const tui_app *a)
{
    return a->nord ? a->nord : 1;
}

void order_draw(tui_app *a, WINDOW *w, int y0, int h)
{
    const drill *d = order_drill(a);
    int wd = getmaxx(w);
    if (!a->nord) {
        crt_puts(w, y0, 2, wd - 2, "(empty: type the letter of the first line)", crt_attr(R_DIM));
        return;
    }
    if (a->ord_cur >= a->nord)
        a->ord_cur = a->nord - 1;
    size_t top = a->ord_cur >= (size_t)h ? a->ord_cur - (size_t)h + 1 : 0;
    for (int y = 0; y < h && top + (size_t)y < a->nord; y++) {
        size_t k = top + (size_t)y;
        int sel = k == a->ord_cur;
        attr_t at = sel && a->ord_held ? crt_attr(R_SELECT) : sel ? crt_attr(R_KEY) : A_NORMAL;
        if (sel && a->ord_held)
            crt_fill(w, y0 + y, 0, at);
        char *s = xasprintf("%s %c%s %s", sel ? crt_glyph(G_CURSOR) : " ", 'a' + a->ord[k], crt_glyph(G_VLINE),
                            d->shown[a->ord[k]]);
        crt_puts(w, y0 + y, 1, wd - 1, s, at);
        free(s);
    }
}

static void order_remove(tui_app *a, size_t k)
{
    memmove(a->ord + k, a->ord + k + 1, a->nord - k - 1);
    a->nord--;
    if (a->ord_cur >= a->nord && a->ord_cur > 0)
        a->ord_cur = a->nord ? a->nord - 1 : 0;
    a->ord_held = 0;
}

int order_key(tui_app *a, int k)
{
    size_t max = order_max(a);
    if (k >= 'a' && k <= 'z' && (size_t)(k - 'a') < max) {
        size_t i = (size_t)(k - 'a');
        long at = order_pos(a, i);
        if (a->ord_held)
            answer_undo_settle(a); /* the move so far is a step of its own */
        answer_undo_keep(a);
        if (at >= 0) {
            order_remove(a, (size_t)at);
        } else {
            /* after the selected line: the program grows where you are */
            size_t pos = a->nord ? a->ord_cur + 1 : 0;
            memmove(a->ord + pos + 1, a->ord + pos, a->nord - pos);
            a->ord[pos] = (unsigned char)i;
            a->nord++;
            a->ord_cur = pos;
            a->ord_held = 0;
        }
        return TUI_REDRAW;
    }
    switch (k) {
    case TK(KEY_UP):
    case TK(KEY_DOWN): {
        int up = k == TK(KEY_UP);
        if (!a->nord || (up && a->ord_cur == 0) || (!up && a->ord_cur + 1 >= a->nord))
            break;
        size_t to = up ? a->ord_cur - 1 : a->ord_cur + 1;
        if (a->ord_held) {
            unsigned char t = a->ord[to];
            a->ord[to] = a->ord[a->ord_cur];
            a->ord[a->ord_cur] = t;
        }
        a->ord_cur = to;
        break;
    }
    case TK(KEY_HOME):
    case TK(KEY_PPAGE):
        while (a->ord_held && a->ord_cur > 0)
            order_key(a, TK(KEY_UP));
        a->ord_cur = 0;
        break;
    case TK(KEY_END):
    case TK(KEY_NPAGE):
        while (a->ord_held && a->ord_cur + 1 < a->nord)
            order_key(a, TK(KEY_DOWN));
        a->ord_cur = a->nord ? a->nord - 1 : 0;
        break;
    case ' ':
    case '\n':
    case TK(KEY_ENTER):
        if (!a->nord)
            break;
        /* picked up and dropped: one step for Ctrl-Z, however far it went */
        if (!a->ord_held)
            answer_undo_keep(a);
        else
            answer_undo_settle(a);
        a->ord_held = !a->ord_held;
        break;
    case 127:
    case 8:
    case TK(KEY_BACKSPACE):
    case TK(KEY_DC):
        if (a->nord) {
            if (a->ord_held)
                answer_undo_settle(a);
            answer_undo_keep(a);
            order_remove(a, a->ord_cur);
        }
        break;
    default: return 0;
    }
    return TUI_REDRAW;
}
