/* tui_help.c - the help overlay: every key, on every screen, and what the
 * list's marks mean. It scrolls when the terminal is short; any other key
 * closes it. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const help_lines[] = {
    "List",
    "  Up/Down j/k   move           PgUp/PgDn g/G Home/End  page, top, end",
    "  Enter         open the drill",
    "  n             open the next drill not passed yet",
    "  /             search (Enter keeps the filter, Esc clears it)",
    "  t / T         next / previous topic filter",
    "  i             interview (asks first)    v  review the due drills",
    "  p             past interviews (Enter opens one; x/X export it)",
    "  x             export answers to a new ./pydrill-answers-DATE-TIME.json",
    "  d / D         reset this drill / everything (asks first)",
    "  q             quit",
    "  Marks: + passed  x failed  . not tried  ~ due  o passed after reveal  - not gradable here",
    "Drill",
    "  Ctrl-S        submit             Ctrl-R  run the visible tests",
    "  Ctrl-T        next hint          Ctrl-N/P, Shift-Down/Up scroll question",
    "  Ctrl-O        $VISUAL/$EDITOR    (Ctrl-E too in the code editor)",
    "  Ctrl-Z        undo               Ctrl-Y  redo (choice, parsons too)",
    "  Ctrl-A        start of line      Ctrl-E  end of line (text box)",
    "  Ctrl-K        delete to the end  Ctrl-U  delete to the start",
    "  Ctrl-W        delete the word before the cursor",
    "  arrows Home End PgUp PgDn  move; Home: first non-blank, then column 0",
    "  Delete        delete the character under the cursor",
    "  Enter         new line (code: keeps the indent, +4 after ':')",
    "  Tab = 4 spaces; Backspace in indentation removes a level",
    "  a..h          choose (toggle when several are right); Enter submits",
    "                (nothing chosen: Enter chooses the highlighted one if one is right)",
    "  Up/Down Space choice: move the highlight; select the highlighted option",
    "  a..z          parsons: a line in, after the selected one; or out again;",
    "                Space picks the line up, Up/Down move it, Space drops it;",
    "                Backspace/Delete take it out; Home/End first, last",
    "  Ctrl-G        see it happen (a predict drill answered before)",
    "  Esc           back to the list, the draft kept (interview: end it)",
    "                (cancels a run in progress first)",
    "  While a submitted answer is graded, keys are ignored; Esc cancels",
    "Result",
    "  n next drill  u next unsolved  r retry  j/k PgUp/PgDn scroll  Esc list",
    "  a / h / g     explain drills: grade yourself again / hard / good (1/2/3)",
    "  w             predict drills: see it happen, the code step by step",
    "See it happen",
    "  Left/Right    step back, forward    Home/End  first, last step",
    "  j/k PgUp/PgDn scroll the picture    q/Esc     back",
    "  p             every printed line, or the last that fit",
    "Interview report",
    "  j/k PgUp/PgDn g/G scroll   x export text   X export HTML   Esc back",
    "Anywhere",
    "  ? or F1 help (F1 while typing an answer)",
    "  Ctrl-C        quit (the draft is kept; an interview ends, its report kept)",
};

/* The list's marks in the glyphs this terminal shows. */
static void help_marks(char *buf, size_t n)
{
    snprintf(buf, n, "  Marks: %s passed  %s failed  %s not tried  %s due  %s passed after reveal  %s not gradable here",
             crt_glyph(G_PASS), crt_glyph(G_FAIL), crt_glyph(G_NEW), crt_glyph(G_DUE), crt_glyph(G_SEEN),
             crt_glyph(G_SKIP));
}

/* One row of the overlay: part of a help line, wrapped to the box. */
typedef struct {
    const char *s;
    size_t len;
    int indent;
    int title;
} help_row;

/* Where a wrapped entry goes on: under its description ("  Ctrl-S   submit"
 * wraps under "submit"), or four cells in when that is too far right. */
static int help_hang(const char *s, int width)
{
    size_t i = 0;
    while (s[i] == ' ')
        i++;
    while (s[i] && !(s[i] == ' ' && s[i + 1] == ' '))
        i++;
    while (s[i] == ' ')
        i++;
    return s[i] && (int)i <= width / 2 ? (int)i : 4;
}

/* The help lines (then a blank and how to close) wrapped to width cells;
 * first, when the progress is not being saved, why, whole (the line above
 * the footer may have had to cut it). unsaved holds that text, for as
 * long as the rows point into it (caller frees). */
static size_t help_layout(int width, const char *marks, help_row **out, char **unsaved)
{
    size_t nent = 0, nfix = ARRAY_SIZE(help_lines);
    const char *ent[ARRAY_SIZE(help_lines) + 4];
    *unsaved = NULL;
    if (app_unsaved_reason()) {
        *unsaved = xstrdup(app_unsaved_reason());
        ent[nent++] = "Progress NOT saved";
        ent[nent++] = *unsaved;
    }
    size_t first_help = nent;
    for (size_t i = 0; i < nfix; i++)
        ent[nent++] = help_lines[i];
    ent[nent++] = "";
    ent[nent++] = "Press any key to close.";
    size_t n = 0, cap = nent * 3 + 4;
    help_row *r = xmalloc(cap * sizeof *r);
    for (size_t i = 0; i < nent; i++) {
        const char *s = ent[i];
        if (!strncmp(s, "  Marks:", 8))
            s = marks;
        int title = i < first_help ? i == 0 : s[0] != ' ' && s[0] && i < first_help + nfix;
        size_t len = strlen(s);
        /* the reason goes under its title, two cells in */
        int hang = i < first_help ? 2 : help_hang(s, width), indent = i == 1 && first_help ? 2 : 0;
        do {
            if (n + 1 >= cap) {
                cap *= 2;
                r = xrealloc(r, cap * sizeof *r);
            }
            size_t show, take = doc_wrap_take(s, len, width - indent, &show);
            r[n++] = (help_row){ s, show, indent, title };
            s += take;
            len -= take;
            while (len && *s == ' ') {
                s++;
                len--;
            }
            indent = hang;
        } while (len);
    }
    *out = r;
    return n;
}

static int help_height(int h, size_t rows)
{
    int n = (int)rows;
    return n + 2 < h - 2 ? n + 2 : h - 2;
}

static int help_width(int wd)
{
    return 78 < wd - 2 ? 78 : wd - 2;
}

void help_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    int bw = help_width(wd);
    char marks[160];
    help_marks(marks, sizeof marks);
    help_row *rows;
    char *unsaved;
    size_t total = help_layout(bw - 4, marks, &rows, &unsaved);
    int bh = help_height(h, total);
    int body = bh - 2;
    size_t last = total > (size_t)body ? total - (size_t)body : 0;
    if (a->help_top > last)
        a->help_top = last;
    int y0 = (h - bh) / 2, x0 = (wd - bw) / 2;
    WINDOW *box = derwin(w, bh, bw, y0, x0);
    if (!box) {
        free(rows);
        free(unsaved);
        return;
    }
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
    if (total > (size_t)body)
        crt_puts(box, bh - 1, 2, bw - 4, bw >= 40 ? " j/k scroll, any other key closes " : " j/k scroll ",
                 crt_attr(R_DIM));
    for (int i = 0; i < body; i++) {
        size_t k = a->help_top + (size_t)i;
        if (k >= total)
            break;
        const help_row *r = &rows[k];
        crt_put(box, 1 + i, 2 + r->indent, bw - 4 - r->indent, r->s, r->len,
                r->title ? crt_attr(R_TITLE) : A_NORMAL);
    }
    free(rows);
    free(unsaved);
    delwin(box);
}

int help_key(tui_app *a, int k)
{
    char marks[160];
    help_marks(marks, sizeof marks);
    help_row *rows;
    char *unsaved;
    size_t total = help_layout(help_width(getmaxx(stdscr)) - 4, marks, &rows, &unsaved);
    free(rows);
    free(unsaved);
    int body = help_height(getmaxy(stdscr), total) - 2;
    if (total > (size_t)body) {
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
