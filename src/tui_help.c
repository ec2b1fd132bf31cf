/* tui_help.c - the help overlay: every key, on every screen. */
#define _GNU_SOURCE
#include "tui.h"

#include <string.h>

static const char *const help_lines[] = {
    "List",
    "  Up/Down j/k   move          PgUp/PgDn g/G  page, top, end",
    "  Enter         open the drill",
    "  /             search (Enter keeps the filter, Esc clears it)",
    "  t             cycle the topic filter",
    "  i             interview mode     v  review mode (due drills)",
    "  x             export answers to ./pydrill-answers.json",
    "  d / D         reset this drill / everything (asks first)",
    "  q             quit",
    "Drill",
    "  Ctrl-S        submit            Ctrl-R  run the visible tests",
    "  Ctrl-T        next hint         Ctrl-E  edit in $VISUAL/$EDITOR",
    "  Ctrl-Z        undo              Ctrl-N/P scroll the question",
    "  arrows Home End PgUp PgDn  move; Enter auto-indents;",
    "  Tab = 4 spaces; Backspace in indentation removes a level",
    "  a..h          choose (toggle when several are right); Enter submits",
    "  Esc           back to the list, the draft is kept",
    "                (cancels a run in progress first)",
    "Result",
    "  n next drill   r retry   j/k PgUp/PgDn scroll   Esc list",
    "Anywhere",
    "  ? or F1 help (F1 while typing an answer)   Ctrl-C quit",
    "",
    "Press any key to close.",
};

void help_draw(tui_app *a, WINDOW *w)
{
    (void)a;
    int h = getmaxy(w), wd = getmaxx(w);
    int bw = 78 < wd - 2 ? 78 : wd - 2;
    int n = (int)ARRAY_SIZE(help_lines);
    int bh = n + 2 < h - 2 ? n + 2 : h - 2;
    int y0 = (h - bh) / 2, x0 = (wd - bw) / 2;
    WINDOW *box = derwin(w, bh, bw, y0, x0);
    if (!box)
        return;
    werase(box);
    attr_t frame = crt_attr(R_KEY);
    for (int x = 0; x < bw; x++) {
        crt_puts(box, 0, x, 1, crt_glyph(G_HLINE), frame);
        crt_puts(box, bh - 1, x, 1, crt_glyph(G_HLINE), frame);
    }
    for (int y = 1; y < bh - 1; y++) {
        crt_puts(box, y, 0, 1, crt_glyph(G_VLINE), frame);
        crt_puts(box, y, bw - 1, 1, crt_glyph(G_VLINE), frame);
    }
    crt_puts(box, 0, 2, bw - 4, " Keys ", crt_attr(R_TITLE));
    for (int i = 0; i < n && i < bh - 2; i++) {
        const char *s = help_lines[i];
        crt_puts(box, 1 + i, 2, bw - 4, s, s[0] != ' ' && s[0] ? crt_attr(R_TITLE) : A_NORMAL);
    }
    delwin(box);
}
