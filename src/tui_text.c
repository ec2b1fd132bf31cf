/* tui_text.c - text out: putting UTF-8 into terminal cells.
 *
 * Everything pydrill draws is UTF-8 (drills, answers, output). Under a
 * UTF-8 locale a character is drawn as it is; under any other, one the
 * locale has is drawn through curses' wide-character call, and one it has
 * not (an é under LANG=C) as one '?', never as one '?' per byte. A tab
 * reaches the next multiple of CRT_TAB cells, counted from the column the
 * caller says the text starts at: the editor's "tab as four spaces".
 *
 * A pack is untrusted, and so is an answer: a bidirectional override or
 * isolate (U+202A..U+202E, U+2066..U+2069) would reorder the rest of its
 * line on the terminal, so that the code a learner reads is not the code
 * that runs (Trojan Source). Every one is drawn as its escape, \u202e,
 * as `show` and `list` print it: whatever the screen, the list, the
 * choices, a hint or an interview report, it draws through here. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

/* tab stops: every four cells, as the editor's Tab inserts four spaces */
#define CRT_TAB 4

/* One character of s at cell column col: its bytes, cells, and how to draw
 * it: *ok 1 (s itself), 2 (*wc through the locale), 0 (a '?'), 3 (a tab:
 * that many blanks), 4 (a bidirectional override: its escape, *wc the
 * code point). */
static size_t crt_char(const char *s, size_t len, int col, int *cells, int *ok, wchar_t *wc)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '\t') {
        *cells = CRT_TAB - col % CRT_TAB;
        *ok = 3;
        return 1;
    }
    if (c < 0x80) {
        *cells = 1;
        *ok = c >= 0x20 && c != 0x7f;
        return 1;
    }
    uint32_t cp;
    size_t n = util_utf8_decode((const unsigned char *)s, len, &cp, 0);
    if (!n) {
        *cells = 1;
        *ok = 0;
        return 1;
    }
    if (util_bidi_override(cp)) {
        *cells = UTIL_BIDI_ESCAPE_CELLS;
        *ok = 4;
        *wc = (wchar_t)cp;
        return n;
    }
    int w = wcwidth((wchar_t)cp);
    if (w < 0) {
        *cells = 1;
        *ok = 0;
        return n;
    }
    *cells = w;
    *ok = crt_utf8() ? 1 : 2;
    *wc = (wchar_t)cp;
    return n;
}

int crt_width_from(const char *s, size_t n, int col)
{
    int cells = 0;
    size_t i = 0;
    while (i < n) {
        int c, ok;
        wchar_t wc;
        i += crt_char(s + i, n - i, col + cells, &c, &ok, &wc);
        cells += c;
    }
    return cells;
}

int crt_width(const char *s, size_t n)
{
    return crt_width_from(s, n, 0);
}

int crt_put_from(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a, int col)
{
    int used = 0;
    size_t i = 0;
    wattr_set(w, a, PAIR_NUMBER(a), NULL);
    wmove(w, y, x);
    while (i < len && used < maxw) {
        int c, ok;
        wchar_t wc;
        size_t n = crt_char(s + i, len - i, col + used, &c, &ok, &wc);
        if (ok == 3) {
            /* a tab: its blanks, as many as fit */
            for (int k = 0; k < c && used < maxw; k++, used++)
                waddch(w, ' ');
            i += n;
            continue;
        }
        if (used + c > maxw)
            break;
        if (ok == 4) {
            char esc[UTIL_BIDI_ESCAPE_CELLS + 1];
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)wc);
            waddstr(w, esc);
        } else if (ok == 1)
            waddnstr(w, s + i, (int)n);
        else if (ok == 2)
            waddnwstr(w, &wc, 1);
        else
            waddch(w, '?');
        used += c;
        i += n;
    }
    wattr_set(w, A_NORMAL, 0, NULL);
    return used;
}

int crt_put(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a)
{
    return crt_put_from(w, y, x, maxw, s, len, a, 0);
}

int crt_puts(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a)
{
    return crt_put(w, y, x, maxw, s, strlen(s), a);
}

void crt_fill(WINDOW *w, int y, int x, attr_t a)
{
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    wattr_set(w, a, PAIR_NUMBER(a), NULL);
    for (int i = x; i < wd; i++)
        mvwaddch(w, y, i, ' ');
    wattr_set(w, A_NORMAL, 0, NULL);
}

void crt_draw_too_small(WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    char l1[64], l2[64];
    snprintf(l1, sizeof l1, "Terminal too small: %dx%d", wd, h);
    snprintf(l2, sizeof l2, "need %dx%d", TUI_MIN_W, TUI_MIN_H);
    const char *l3 = "q quits";
    if (h > 0)
        crt_puts(w, 0, 0, wd, l1, crt_attr(R_WARN));
    if (h > 1)
        crt_puts(w, 1, 0, wd, l2, A_NORMAL);
    if (h > 2)
        crt_puts(w, 2, 0, wd, l3, crt_attr(R_DIM));
}
