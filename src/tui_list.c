/* tui_list.c - the list screen: drills grouped by topic with kind, level
 * and status; search, topic filter, export, reset, the next unsolved
 * drill, and the way into interview and review modes and past interviews. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* below this many cells for the title, the kind column shrinks to a letter */
#define LIST_TITLE_MIN 12
/* narrower still, the id is cut to leave the title this many cells, but
 * keeps at least LIST_ID_KEEP of its own */
#define LIST_TITLE_KEEP 10
#define LIST_ID_KEEP 12

static int list_is_header(const tui_app *a, size_t row)
{
    return a->rows[row] >= a->cat->ndrills;
}

static int list_match(const tui_app *a, const drill *d)
{
    if (a->topic && strcmp(d->topic, a->topic))
        return 0;
    if (!a->search || !*a->search)
        return 1;
    const char *s = a->search;
    if (strcasestr(d->id, s) || strcasestr(d->title, s) || strcasestr(d->topic, s) || strcasestr(d->prompt, s) ||
        strcasestr(drill_kind_name(d->kind), s))
        return 1;
    for (size_t i = 0; i < d->ntags; i++)
        if (strcasestr(d->tags[i], s))
            return 1;
    return 0;
}

void list_rebuild(tui_app *a)
{
    size_t keep = (a->nrows && a->cur < a->nrows && !list_is_header(a, a->cur)) ? a->rows[a->cur] : (size_t)-1;
    free(a->rows);
    a->rows = xmalloc((a->cat->ndrills + a->ntopics + 1) * sizeof *a->rows);
    a->nrows = 0;
    for (size_t t = 0; t < a->ntopics; t++) {
        int any = 0;
        for (size_t i = 0; i < a->cat->ndrills; i++) {
            const drill *d = &a->cat->drills[i];
            if (strcmp(d->topic, a->topics[t]) || !list_match(a, d))
                continue;
            if (!any++)
                a->rows[a->nrows++] = a->cat->ndrills + t;
            a->rows[a->nrows++] = i;
        }
    }
    a->cur = 0;
    for (size_t r = 0; r < a->nrows; r++)
        if (a->rows[r] == keep)
            a->cur = r;
    while (a->cur < a->nrows && list_is_header(a, a->cur))
        a->cur++;
    if (a->cur >= a->nrows)
        a->cur = 0;
}

int list_skipped(tui_app *a, const drill *d)
{
    state_entry *e = app_entry(a, d);
    return tui_drill_skipped_here(d) || (e && e->last_status == (int)ST_SKIPPED);
}

int list_unsolved(tui_app *a, size_t di)
{
    const drill *d = &a->cat->drills[di];
    state_entry *e = app_entry(a, d);
    if (list_skipped(a, d))
        return 0;
    return !e || !e->passed;
}

/* As rustlings does: the list opens on the first drill still to solve. */
void list_first_unsolved(tui_app *a)
{
    for (size_t r = 0; r < a->nrows; r++)
        if (a->rows[r] < a->cat->ndrills && list_unsolved(a, a->rows[r])) {
            a->cur = r;
            return;
        }
}

/* The glyph and role of a drill's status in the list. */
static void list_status(tui_app *a, const drill *d, const char **g, crt_role *r)
{
    state_entry *e = app_entry(a, d);
    if (list_skipped(a, d)) {
        *g = crt_glyph(G_SKIP);
        *r = R_DIM;
    } else if (!e || e->attempts == 0) {
        *g = crt_glyph(G_NEW);
        *r = R_DIM;
    } else if (review_is_due(&e->card, app_now())) {
        *g = crt_glyph(G_DUE);
        *r = R_DUE;
    } else if (e->passed) {
        *g = crt_glyph(G_PASS);
        *r = R_PASS;
    } else if (e->revealed_pass) {
        *g = crt_glyph(G_SEEN);
        *r = R_DUE;
    } else {
        *g = crt_glyph(G_FAIL);
        *r = R_FAIL;
    }
}

void list_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    const char *ct = a->cat->title ? a->cat->title : a->cat->npacks == 1 ? a->cat->packs[0].title : NULL;
    char *title = xasprintf("pydrill %s %s", crt_glyph(G_VLINE), ct ? ct : "drills");
    app_draw_header(a, w, title);
    free(title);

    char *filt = xasprintf("topic: %s   search: %s%s", a->topic ? a->topic : "all",
                           a->search ? a->search : "-", a->searching ? "_" : "");
    crt_puts(w, 1, 1, wd - 1, filt, a->searching ? crt_attr(R_KEY) : crt_attr(R_DIM));
    free(filt);

    int top_y = 2, rows = h - 4;
    if (a->nrows == 0) {
        crt_puts(w, top_y + 1, 2, wd - 2, "No drill matches. Esc clears the search, t changes the topic.", A_NORMAL);
    }
    if (a->cur < a->list_top)
        a->list_top = a->cur > 0 && list_is_header(a, a->cur - 1) ? a->cur - 1 : a->cur;
    if (a->cur >= a->list_top + (size_t)rows)
        a->list_top = a->cur - (size_t)rows + 1;
    for (int y = 0; y < rows; y++) {
        size_t r = a->list_top + (size_t)y;
        if (r >= a->nrows)
            break;
        if (list_is_header(a, r)) {
            crt_puts(w, top_y + y, 1, wd - 1, a->topics[a->rows[r] - a->cat->ndrills], crt_attr(R_TOPIC));
            continue;
        }
        const drill *d = &a->cat->drills[a->rows[r]];
        const char *g;
        crt_role gr;
        list_status(a, d, &g, &gr);
        int sel = r == a->cur;
        attr_t base = sel ? crt_attr(R_SELECT) : A_NORMAL;
        if (sel)
            crt_fill(w, top_y + y, 0, base);
        int x = 2;
        x += crt_puts(w, top_y + y, x, wd - x, sel ? crt_glyph(G_CURSOR) : " ", base);
        x += crt_puts(w, top_y + y, x, wd - x, " ", base);
        x += crt_puts(w, top_y + y, x, wd - x, g, sel ? base : crt_attr(gr));
        /* the id is what a drill is known by: it stays; the kind column
         * shrinks first, then the title */
        int idw = crt_width(d->id, strlen(d->id));
        int full = wd - x - 1 - 14 - idw - 2 >= LIST_TITLE_MIN;
        char *mid = full ? xasprintf(" %-7s L%d  ", drill_kind_name(d->kind), d->level)
                         : xasprintf(" %c%d ", drill_kind_name(d->kind)[0], d->level);
        x += crt_puts(w, top_y + y, x, wd - x, mid, sel ? base : crt_attr(R_DIM));
        free(mid);
        int room = wd - x - 1;
        /* on a narrow terminal the title keeps its first cells: the id
         * gives up its end (marked) rather than the title all of it */
        int cut = 0;
        if (room - idw - 2 < LIST_TITLE_KEEP) {
            int keep = room - LIST_TITLE_KEEP - 2;
            if (keep < LIST_ID_KEEP)
                keep = LIST_ID_KEEP < room ? LIST_ID_KEEP : room;
            cut = keep < idw;
            if (cut)
                idw = keep;
        }
        int troom = room - idw - 2;
        if (troom > 0)
            crt_puts(w, top_y + y, x, troom, d->title, base);
        attr_t ia = sel ? base : crt_attr(R_DIM);
        if (cut) {
            const char *el = crt_glyph(G_ELLIPSIS);
            int ew = crt_width(el, strlen(el));
            int used = crt_puts(w, top_y + y, wd - 1 - idw, idw - ew, d->id, ia);
            crt_puts(w, top_y + y, wd - 1 - idw + used, ew, el, ia);
        } else {
            crt_puts(w, top_y + y, wd - 1 - idw, idw, d->id, ia);
        }
    }
    if (a->searching) {
        static const tui_hint h[] = { { "type", "to search", 50 }, { "Enter", "keep", 40 }, { "Esc", "clear", 40 } };
        app_draw_footer(a, w, h, ARRAY_SIZE(h));
    } else {
        static const tui_hint h[] = {
            { "j/k", "move", 30 },        { "Enter", "open", 90 },   { "n", "next unsolved", 80 },
            { "/", "search", 60 },        { "t/T", "topic", 50 },    { "i", "interview", 70 },
            { "v", "review", 70 },        { "p", "past", 40 },       { "x", "export", 20 },
            { "d/D", "reset", 10 },       { "q", "quit", 85 },
        };
        app_draw_footer(a, w, h, ARRAY_SIZE(h));
    }
}

static void list_move(tui_app *a, int delta)
{
    if (!a->nrows)
        return;
    long r = (long)a->cur;
    long step = delta > 0 ? 1 : -1;
    long left = labs(delta);
    while (left > 0) {
        long n = r + step;
        while (n >= 0 && n < (long)a->nrows && list_is_header(a, (size_t)n))
            n += step;
        if (n < 0 || n >= (long)a->nrows)
            break;
        r = n;
        left--;
    }
    a->cur = (size_t)r;
}

/* x: a new answers file in the current folder, never one replaced; none
 * when nothing was submitted */
static void list_export(tui_app *a)
{
    char *err = NULL, *path = NULL;
    int n = app_export_answers(a, &path, &err);
    if (n < 0) {
        app_msg(a, "export failed: %s", err ? err : "?");
        free(err);
    } else if (n == 0) {
        app_msg(a, "No answer has been submitted yet: there is nothing to export (no file was written).");
    } else {
        char cwd[4096];
        app_msg(a, "exported %d answer%s to %s/%s", n, n == 1 ? "" : "s", getcwd(cwd, sizeof cwd) ? cwd : ".",
                path);
        free(path);
    }
}

static void list_reset_one(tui_app *a)
{
    const drill *d = &a->cat->drills[a->rows[a->cur]];
    state_reset(&a->st, d->id);
    app_forget(a, d->id);
    app_save(a);
    app_msg(a, "progress of %s reset", d->id);
}

static void list_reset_all(tui_app *a)
{
    state_reset(&a->st, NULL);
    app_forget(a, NULL);
    app_save(a);
    app_msg(a, "all progress reset");
}

static int list_search_key(tui_app *a, int k)
{
    if (k == TK_ESC) {
        a->searching = 0;
        free(a->search);
        a->search = NULL;
    } else if (k == '\n' || k == TK(KEY_ENTER)) {
        a->searching = 0;
        if (a->search && !*a->search) {
            free(a->search);
            a->search = NULL;
        }
    } else if (k == TK(KEY_BACKSPACE) || k == 127 || k == 8) {
        size_t n = strlen(a->search);
        while (n > 0 && ((unsigned char)a->search[n - 1] & 0xc0) == 0x80)
            n--;
        if (n > 0)
            n--;
        a->search[n] = '\0';
    } else if (k == TK(KEY_UP) || k == TK(KEY_DOWN)) {
        list_move(a, k == TK(KEY_UP) ? -1 : 1);
        return TUI_REDRAW;
    } else if (k == TK_PASTE) {
        /* the first line of it; control bytes would draw as '?' */
        const char *p = crt_paste();
        size_t n = strcspn(p, "\r\n");
        size_t len = strlen(a->search);
        a->search = xrealloc(a->search, len + n + 1);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] >= 32 && p[i] != 127)
                a->search[len++] = p[i];
        a->search[len] = '\0';
    } else if (k >= 32 && !(k & TK_FN) && k != 127) {
        app_append_key(&a->search, k);
    } else {
        return TUI_HANDLED;
    }
    list_rebuild(a);
    a->list_top = 0;
    return TUI_REDRAW;
}

int list_key(tui_app *a, int k)
{
    int h = getmaxy(stdscr);
    if (a->searching)
        return list_search_key(a, k);
    switch (k) {
    case 'j':
    case TK(KEY_DOWN): list_move(a, 1); break;
    case 'k':
    case TK(KEY_UP): list_move(a, -1); break;
    case TK(KEY_NPAGE): list_move(a, h - 5); break;
    case TK(KEY_PPAGE): list_move(a, -(h - 5)); break;
    case 'g':
    case TK(KEY_HOME): list_move(a, -(int)a->nrows); break;
    case 'G':
    case TK(KEY_END): list_move(a, (int)a->nrows); break;
    case '\n':
    case TK(KEY_ENTER):
    case TK(KEY_RIGHT):
        if (a->nrows)
            app_open_drill(a, a->rows[a->cur]);
        break;
    case '/':
        a->searching = 1;
        free(a->search);
        a->search = xstrdup("");
        break;
    case TK_ESC:
        free(a->search);
        a->search = NULL;
        list_rebuild(a);
        break;
    case 't':
    case 'T': {
        /* t forward, T backward, through "all" */
        size_t i = a->ntopics; /* "all" */
        if (a->topic)
            for (i = 0; i < a->ntopics; i++)
                if (!strcmp(a->topics[i], a->topic))
                    break;
        size_t ring = a->ntopics + 1;
        i = k == 't' ? (i + 1) % ring : (i + ring - 1) % ring;
        free(a->topic);
        a->topic = i < a->ntopics ? xstrdup(a->topics[i]) : NULL;
        list_rebuild(a);
        a->list_top = 0;
        break;
    }
    case 'n': app_next_unsolved(a); break;
    case 'i': app_ask_interview(a); break;
    case 'v': app_start_review(a); break;
    case 'p': past_open(a); break;
    case 'x': list_export(a); break;
    case 'd':
        if (a->nrows)
            app_confirm_guarded(a, list_reset_one, "Reset the progress and answer of %s?",
                                a->cat->drills[a->rows[a->cur]].id);
        break;
    case 'D': app_confirm_guarded(a, list_reset_all, "Reset ALL progress, answers and drafts?"); break;
    case 'q': app_ask_quit(a); break;
    default: return 0;
    }
    return TUI_REDRAW;
}
