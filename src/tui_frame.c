/* tui_frame.c - what every screen of the quiz draws around itself: the
 * header (where you are, the score, the clock, what is due), the footer
 * (its keys, a pending question, a message, a save that failed) and the
 * note of a window too small to draw in. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int app_due(tui_app *a, time_t now)
{
    int due = 0;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (e && e->attempts > 0 && review_is_due(&e->card, now) && !list_skipped(a, &a->cat->drills[i]))
            due++;
    }
    return due;
}

static void app_fmt_clock(char *buf, size_t n, double secs)
{
    if (secs < 0)
        secs = 0;
    long s = (long)(secs + 0.999);
    snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
}

void app_fmt_minutes(char *buf, size_t n, double minutes)
{
    if (minutes < 1) {
        long s = (long)(minutes * 60 + 0.5);
        if (s < 1)
            s = 1;
        snprintf(buf, n, "%ld second%s", s, s == 1 ? "" : "s");
    } else if (minutes == (double)(long)minutes) {
        snprintf(buf, n, "%ld minute%s", (long)minutes, (long)minutes == 1 ? "" : "s");
    } else {
        snprintf(buf, n, "%.1f minutes", minutes);
    }
}

void app_fmt_when(char *buf, size_t n, time_t when, time_t now)
{
    long d = (long)(when - now);
    char in[64];
    if (d < 60)
        snprintf(in, sizeof in, "in under a minute");
    else if (d < 3600)
        snprintf(in, sizeof in, "in %ld min", d / 60);
    else if (d < 86400)
        snprintf(in, sizeof in, "in %ld h %ld min", d / 3600, d % 3600 / 60);
    else
        snprintf(in, sizeof in, "in %ld day%s", (d + 43200) / 86400, (d + 43200) / 86400 == 1 ? "" : "s");
    char at[32];
    struct tm tm;
    localtime_r(&when, &tm);
    strftime(at, sizeof at, d < 86400 ? "%a %H:%M" : "%a %d %b %H:%M", &tm);
    snprintf(buf, n, "%s (%s)", in, at);
}

/* The header's right part, from the longest form to the shortest: the first
 * that leaves the left part its room is drawn. */
static size_t app_header_forms(tui_app *a, char forms[][160], size_t max)
{
    size_t n = 0;
    if (a->mode == MODE_INTERVIEW && !a->iv_done) {
        char clock[32];
        app_fmt_clock(clock, sizeof clock, (a->iv_deadline_ms - util_now_ms()) / 1000.0);
        snprintf(forms[n++], 160, "interview %zu/%zu  time left %s ", a->qpos + 1, a->niv, clock);
        snprintf(forms[n++], 160, "%zu/%zu  %s ", a->qpos + 1, a->niv, clock);
        return n;
    }
    size_t total = a->cat->ndrills, passed = 0, seen = 0;
    double score = 0;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        /* as `grade` does: a drill that cannot be graded here is out of
         * every count, or a learner who does them all never gets there */
        if (list_skipped(a, &a->cat->drills[i])) {
            total--;
            continue;
        }
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (!e)
            continue;
        passed += e->passed != 0;
        seen += !e->passed && e->revealed_pass;
        score += e->best_score;
    }
    char bar[128] = "";
    size_t full = total ? (passed * 10 + total / 2) / total : 0;
    for (size_t i = 0; i < 10; i++)
        strcat(bar, crt_glyph(i < full ? G_BAR_FULL : G_BAR_EMPTY));
    char rev[48] = "", revs[48] = "";
    if (seen) {
        snprintf(rev, sizeof rev, " +%zu after reveal", seen);
        snprintf(revs, sizeof revs, "+%zu", seen);
    }
    int due = app_due(a, app_now());
    if (a->mode == MODE_REVIEW) {
        snprintf(forms[n++], 160, "review %zu/%zu  %zu/%zu passed %s ", a->qpos + 1, a->nqueue, passed, total, bar);
        snprintf(forms[n++], 160, "review %zu/%zu  %zu/%zu passed ", a->qpos + 1, a->nqueue, passed, total);
        snprintf(forms[n++], 160, "review %zu/%zu ", a->qpos + 1, a->nqueue);
        return n;
    }
    snprintf(forms[n++], 160, "%zu/%zu passed%s %s score %.1f/%zu  %d due ", passed, total, rev, bar, score, total,
             due);
    snprintf(forms[n++], 160, "%zu/%zu passed%s score %.1f/%zu  %d due ", passed, total, rev, score, total, due);
    snprintf(forms[n++], 160, "%zu/%zu passed%s%s score %.1f/%zu %d due ", passed, total, *revs ? " " : "", revs,
             score, total, due);
    snprintf(forms[n++], 160, "%zu/%zu%s%s %.1f/%zu %d due ", passed, total, *revs ? " " : "", revs, score, total,
             due);
    snprintf(forms[n++], 160, "%zu/%zu %.1f/%zu ", passed, total, score, total);
    (void)max;
    return n;
}

/* the left part keeps at least this many cells (a drill id, a title) */
#define APP_HEADER_LEFT_MIN 24

void app_draw_header(tui_app *a, WINDOW *w, const char *left)
{
    int wd = getmaxx(w);
    attr_t h = crt_attr(R_HEADER);
    crt_fill(w, 0, 0, h);
    char forms[6][160];
    size_t nf = app_header_forms(a, forms, 6);
    int lw = crt_width(left, strlen(left));
    int lmin = lw < APP_HEADER_LEFT_MIN ? lw : APP_HEADER_LEFT_MIN;
    const char *right = "";
    int rw = 0;
    for (size_t i = 0; i < nf; i++) {
        int fw = crt_width(forms[i], strlen(forms[i]));
        if (1 + lmin + 2 + fw <= wd || i == nf - 1) {
            right = forms[i];
            rw = fw;
            break;
        }
    }
    if (rw > wd - 1)
        rw = 0;
    int room = wd - 1 - (rw ? rw + 2 : 0);
    if (lw > room && room > 1) {
        /* cut the left part, marking the cut */
        int ew = crt_width(crt_glyph(G_ELLIPSIS), strlen(crt_glyph(G_ELLIPSIS)));
        int used = crt_puts(w, 0, 1, room - ew, left, h | A_BOLD);
        crt_puts(w, 0, 1 + used, ew, crt_glyph(G_ELLIPSIS), h | A_BOLD);
    } else {
        crt_puts(w, 0, 1, room, left, h | A_BOLD);
    }
    if (rw)
        crt_puts(w, 0, wd - rw, rw, right, h);
}

/* Rows the standing "Progress NOT saved" line may wrap over, at most
 * (and a quarter of the screen's rows between header and footer); a reason
 * longer than that is cut, marked, and shown whole by the help overlay. */
#define APP_UNSAVED_ROWS 3

/* Draws text wrapped over the rows that end above row base, as many as it
 * needs up to room, then keys (when given) after it. When that is too
 * many rows, alt (a shorter form, may be NULL) is tried; when that is too,
 * the text's first rows are drawn, the cut marked, and the keys keep the
 * last row: a question is never shown without its keys. Returns the rows
 * used. */
static int frame_block(WINDOW *w, int base, int room, const char *text, const char *alt, const char *keys,
                       crt_role role, attr_t fill)
{
    int wd = getmaxx(w);
    if (room < 1)
        return 0;
    const char *forms[2] = { text, alt };
    tui_doc d;
    for (int f = 0; f < 2; f++) {
        if (!forms[f])
            continue;
        char *s = keys ? xasprintf("%s %s", forms[f], keys) : xstrdup(forms[f]);
        doc_init(&d);
        doc_wrap(&d, role, 1, wd - 1, s);
        free(s);
        int n = (int)d.n;
        if (n <= room) {
            for (int i = 0; i < n; i++) {
                crt_fill(w, base - n + i, 0, fill);
                doc_draw(&d, w, base - n + i, 1, (size_t)i);
            }
            doc_free(&d);
            return n;
        }
        doc_free(&d);
    }
    const char *el = crt_glyph(G_ELLIPSIS);
    int ew = crt_width(el, strlen(el));
    int trows = keys ? room - 1 : room;
    doc_init(&d);
    doc_wrap(&d, role, 1, wd - 1, alt ? alt : text);
    for (int i = 0; i < trows && i < (int)d.n; i++) {
        int y = base - room + i;
        crt_fill(w, y, 0, fill);
        doc_draw(&d, w, y, 1, (size_t)i);
        if (i == trows - 1) {
            const doc_line *l = &d.lines[i];
            int x = 1 + l->indent + crt_width(l->text, l->len) + 1;
            if (x > wd - ew)
                x = wd - ew;
            crt_puts(w, y, x, ew, el, crt_attr(role));
        }
    }
    doc_free(&d);
    if (keys) {
        char *s = xasprintf("%s %s", el, keys);
        crt_fill(w, base - 1, 0, fill);
        crt_puts(w, base - 1, 1, wd - 1, s, crt_attr(role));
        free(s);
    }
    return room;
}

/* The standing line of a save that failed, wrapped over up to max rows
 * that end above row base; the cut of a longer one is marked. Returns the
 * rows used. */
static int frame_unsaved(WINDOW *w, int base, int max)
{
    int wd = getmaxx(w);
    attr_t fa = crt_attr(R_FAIL);
    char *s = xasprintf("Progress NOT saved: %s", app_unsaved_reason());
    tui_doc d;
    doc_init(&d);
    doc_wrap(&d, R_FAIL, 1, wd - 1, s);
    free(s);
    int n = (int)d.n < max ? (int)d.n : max;
    for (int i = 0; i < n; i++) {
        crt_fill(w, base - n + i, 0, fa);
        doc_draw(&d, w, base - n + i, 1, (size_t)i);
    }
    if ((int)d.n > n) {
        /* the rest is one key away */
        char *mark = xasprintf(" %s F1 shows all ", crt_glyph(G_ELLIPSIS));
        int mw = crt_width(mark, strlen(mark));
        int x = wd - mw < 1 ? 1 : wd - mw;
        for (int c = x; c < wd; c++)
            crt_puts(w, base - 1, c, 1, " ", fa);
        crt_puts(w, base - 1, x, wd - x, mark, fa | A_BOLD);
        free(mark);
    }
    doc_free(&d);
    return n;
}

/* Footer keys: drop the least important until they fit, the help key last
 * and always there. */
void app_draw_footer(tui_app *a, WINDOW *w, const tui_hint *hints, size_t n)
{
    int ht = getmaxy(w), wd = getmaxx(w);
    /* rows stack up from the footer: a failed save (until one succeeds,
     * on every screen), then a question, the spinner, a message or a
     * notice, in the rows under the header that they need */
    int base = ht - 1;
    if (app_unsaved_reason()) {
        int max = (ht - 2) / 4;
        if (max > APP_UNSAVED_ROWS)
            max = APP_UNSAVED_ROWS;
        if (max < 1)
            max = 1;
        base -= frame_unsaved(w, base, max);
    }
    int room = base - 1;
    if (tui_grading_busy(&a->g) && !a->confirm) {
        /* a submitted answer is no longer being typed: keys are ignored */
        char *s = xasprintf("%s %s", crt_spinner(a->tick),
                            a->g.visible_only ? "running the visible tests... (Esc cancels)"
                                              : "grading... (keys are ignored; Esc cancels)");
        crt_fill(w, base - 1, 0, A_NORMAL);
        crt_puts(w, base - 1, 1, wd - 1, s, crt_attr(R_WARN));
        free(s);
    } else if (a->confirm) {
        frame_block(w, base, room, a->confirm, a->confirm_short, app_confirm_keys(a), R_WARN, crt_attr(R_WARN));
    } else if (a->msg) {
        frame_block(w, base, room, a->msg, NULL, NULL, R_WARN, A_NORMAL);
    } else if (a->notice) {
        frame_block(w, base, room, a->notice, NULL, "(Esc hides this)", R_WARN, A_NORMAL);
    }
    int typing = (a->screen == SCR_DRILL && drill_typing(a)) || (a->screen == SCR_LIST && a->searching);
    tui_hint help = { typing ? "F1" : "?", "help", 0 };
    char keep[32];
    memset(keep, 1, sizeof keep);
    if (n > sizeof keep)
        n = sizeof keep;
    for (;;) {
        int width = crt_width(help.key, strlen(help.key)) + 1 + (int)strlen(help.label);
        size_t shown = 0, drop = (size_t)-1;
        for (size_t i = 0; i < n; i++) {
            if (!keep[i])
                continue;
            width += 2 + crt_width(hints[i].key, strlen(hints[i].key)) + 1 +
                     crt_width(hints[i].label, strlen(hints[i].label));
            shown++;
            if (drop == (size_t)-1 || hints[i].prio <= hints[drop].prio)
                drop = i;
        }
        if (width <= wd - 2 || !shown)
            break;
        keep[drop] = 0;
    }
    int x = 1;
    attr_t ka = crt_attr(R_KEY), la = crt_attr(R_DIM);
    for (size_t i = 0; i <= n; i++) {
        const tui_hint *h = i < n ? &hints[i] : &help;
        if (i < n && !keep[i])
            continue;
        if (x > 1)
            x += 2;
        x += crt_puts(w, ht - 1, x, wd - x, h->key, ka);
        x += 1;
        x += crt_puts(w, ht - 1, x, wd - x, h->label, la);
    }
}

/* Under the "too small" message, a question waiting for its answer (or
 * the status line, or a notice), wrapped to what room there is: a key
 * that quits must not be answered blind, so a question keeps its keys. */
void app_draw_small_note(tui_app *a, WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    if (h <= 4 || wd < 8)
        return;
    if (a->confirm)
        frame_block(w, h, h - 4, a->confirm, a->confirm_short, app_confirm_keys(a), R_WARN, A_NORMAL);
    else if (a->msg)
        frame_block(w, h, h - 4, a->msg, NULL, NULL, R_NORMAL, A_NORMAL);
    else if (a->notice)
        frame_block(w, h, h - 4, a->notice, NULL, "(Esc hides this)", R_NORMAL, A_NORMAL);
}
