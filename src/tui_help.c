/* tui_help.c - the help overlay: every key, on every screen, and what the
 * list's marks mean. It scrolls when the terminal is short; any other key
 * closes it. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdio.h>
#include <string.h>

static const char *const help_lines[] = {
    "List",
    "  Up/Down j/k   move           PgUp/PgDn g/G Home/End  page, top, end",
    "  Enter         open the drill",
    "  n             open the next drill not passed yet",
    "  /             search (Enter keeps the filter, Esc clears it)",
    "  t / T         next / previous topic filter",
    "  i             interview (asks first)    v  review the due drills",
    "  p             past interviews (Enter opens one; x/X export it)",
    "  x             export answers to ./pydrill-answers.json",
    "  d / D         reset this drill / everything (asks first)",
    "  q             quit",
    "  Marks: + passed  x failed  . not tried  ~ due  o passed after reveal",
    "Drill",
    "  Ctrl-S        submit             Ctrl-R  run the visible tests",
    "  Ctrl-T        next hint          Ctrl-N/P, Shift-Down/Up scroll question",
    "  Ctrl-O        $VISUAL/$EDITOR    (Ctrl-E too in the code editor)",
    "  Ctrl-Z        undo               Ctrl-Y  redo",
    "  Ctrl-A        start of line      Ctrl-E  end of line (text box)",
    "  Ctrl-K        delete to the end  Ctrl-U  delete to the start",
    "  Ctrl-W        delete the word before the cursor",
    "  arrows Home End PgUp PgDn  move; Home: first non-blank, then column 0",
    "  Delete        delete the character under the cursor",
    "  Enter         new line (code: keeps the indent, +4 after ':')",
    "  Tab = 4 spaces; Backspace in indentation removes a level",
    "  a..h          choose (toggle when several are right); Enter submits",
    "  a..z          parsons: a line in, after the selected one; or out again;",
    "                Space picks the line up, Up/Down move it, Space drops it;",
    "                Backspace/Delete take it out; Home/End first, last",
    "  Ctrl-G        see it happen (a predict drill answered before)",
    "  Esc           back to the list, the draft kept (interview: end it)",
    "                (cancels a run in progress first)",
    "Result",
    "  n next drill  u next unsolved  r retry  j/k PgUp/PgDn scroll  Esc list",
    "  a / h / g     explain drills: grade yourself again / hard / good (1/2/3)",
    "  w             predict drills: see it happen, the code step by step",
    "See it happen",
    "  Left/Right    step back, forward    Home/End  first, last step",
    "  j/k PgUp/PgDn scroll the picture    q/Esc     back",
    "Interview report",
    "  j/k PgUp/PgDn g/G scroll   x export text   X export HTML   Esc back",
    "Anywhere",
    "  ? or F1 help (F1 while typing an answer)   Ctrl-C quit",
};

/* The list's marks in the glyphs this terminal shows. */
static void help_marks(char *buf, size_t n)
{
    snprintf(buf, n, "  Marks: %s passed  %s failed  %s not tried  %s due  %s passed after reveal",
             crt_glyph(G_PASS), crt_glyph(G_FAIL), crt_glyph(G_NEW), crt_glyph(G_DUE), crt_glyph(G_SEEN));
}

static int help_height(int h)
{
    int n = (int)ARRAY_SIZE(help_lines) + 3;
    return n + 2 < h - 2 ? n + 2 : h - 2;
}

void help_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    int bw = 78 < wd - 2 ? 78 : wd - 2;
    int n = (int)ARRAY_SIZE(help_lines);
    int bh = help_height(h);
    int body = bh - 2;
    /* the last two rows of the text: a blank and how to close */
    int total = n + 2;
    if (a->help_top > (size_t)(total > body ? total - body : 0))
        a->help_top = (size_t)(total > body ? total - body : 0);
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
    int more = total > body;
    if (more)
        crt_puts(box, bh - 1, 2, bw - 4, " j/k scroll, any other key closes ", crt_attr(R_DIM));
    char marks[160];
    help_marks(marks, sizeof marks);
    for (int i = 0; i < body; i++) {
        int k = (int)a->help_top + i;
        const char *s;
        if (k < n)
            s = help_lines[k];
        else if (k == n)
            s = "";
        else if (k == n + 1)
            s = "Press any key to close.";
        else
            break;
        if (!strncmp(s, "  Marks:", 8))
            s = marks;
        crt_puts(box, 1 + i, 2, bw - 4, s, s[0] != ' ' && s[0] ? crt_attr(R_TITLE) : A_NORMAL);
    }
    delwin(box);
}

int help_key(tui_app *a, int k)
{
    int body = help_height(getmaxy(stdscr)) - 2;
    int total = (int)ARRAY_SIZE(help_lines) + 2;
    if (total > body) {
        switch (k) {
        case 'j':
        case TK(KEY_DOWN): a->help_top++; return TUI_REDRAW;
        case 'k':
        case TK(KEY_UP):
            if (a->help_top)
                a->help_top--;
            return TUI_REDRAW;
        case ' ':
        case TK(KEY_NPAGE): a->help_top += (size_t)body; return TUI_REDRAW;
        case TK(KEY_PPAGE): a->help_top = a->help_top > (size_t)body ? a->help_top - (size_t)body : 0; return TUI_REDRAW;
        }
    }
    a->help = 0;
    return TUI_REDRAW;
}
