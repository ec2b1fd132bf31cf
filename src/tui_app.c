/* tui_app.c - the quiz's state and its one event loop: poll stdin and the
 * grading child together, hand each key to the current screen, and draw a
 * frame (one doupdate) whenever a handler asks for it. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void app_msg(tui_app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(a->msg);
    a->msg = xvasprintf(fmt, ap);
    va_end(ap);
}

void app_confirm(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(a->confirm);
    a->confirm = xvasprintf(fmt, ap);
    va_end(ap);
    a->confirm_fn = fn;
}

state_entry *app_entry(tui_app *a, const drill *d)
{
    for (size_t i = 0; i < a->st.n; i++) {
        state_entry *e = &a->st.entries[i];
        if (!strcmp(e->id, d->id))
            return e->revision == d->revision ? e : NULL;
    }
    return NULL;
}

void app_save(tui_app *a)
{
    char *err = NULL;
    if (state_save(&a->st, &err) < 0) {
        app_msg(a, "progress not saved: %s", err ? err : "unknown error");
        free(err);
    }
}

static void app_collect_topics(tui_app *a)
{
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        const char *t = a->cat->drills[i].topic;
        size_t j;
        for (j = 0; j < a->ntopics; j++)
            if (!strcmp(a->topics[j], t))
                break;
        if (j == a->ntopics) {
            a->topics = xrealloc(a->topics, (a->ntopics + 1) * sizeof *a->topics);
            a->topics[a->ntopics++] = xstrdup(t);
        }
    }
}

static int app_due(tui_app *a, time_t now)
{
    int due = 0;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (e && e->attempts > 0 && review_is_due(&e->card, now))
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

void app_draw_header(tui_app *a, WINDOW *w, const char *left)
{
    int wd = getmaxx(w);
    attr_t h = crt_attr(R_HEADER);
    crt_fill(w, 0, 0, h);
    char right[160];
    if (a->mode == MODE_INTERVIEW && !a->iv_done) {
        char clock[32];
        app_fmt_clock(clock, sizeof clock, (a->iv_deadline_ms - util_now_ms()) / 1000.0);
        snprintf(right, sizeof right, "interview %zu/%zu  time left %s ", a->qpos + 1, a->niv, clock);
    } else {
        size_t total = 0, passed = 0;
        double score = 0;
        for (size_t i = 0; i < a->cat->ndrills; i++) {
            total++;
            state_entry *e = app_entry(a, &a->cat->drills[i]);
            if (e && e->passed)
                passed++;
            if (e)
                score += e->best_score;
        }
        int barw = 10;
        char bar[128] = "";
        size_t full = total ? (passed * (size_t)barw + total / 2) / total : 0;
        for (int i = 0; i < barw; i++)
            strcat(bar, crt_glyph((size_t)i < full ? G_BAR_FULL : G_BAR_EMPTY));
        int due = app_due(a, app_now());
        if (a->mode == MODE_REVIEW)
            snprintf(right, sizeof right, "review %zu/%zu  %zu/%zu passed %s ", a->qpos + 1, a->nqueue, passed,
                     total, bar);
        else
            snprintf(right, sizeof right, "%zu/%zu passed %s score %.1f  %d due ", passed, total, bar, score, due);
    }
    int rw = crt_width(right, strlen(right));
    int lw = crt_puts(w, 0, 1, wd - 1, left, h | A_BOLD);
    if (1 + lw + 2 + rw <= wd)
        crt_puts(w, 0, wd - rw, rw, right, h);
}

void app_draw_footer(tui_app *a, WINDOW *w, const char *keys)
{
    int ht = getmaxy(w), wd = getmaxx(w);
    if (a->confirm) {
        crt_fill(w, ht - 2, 0, crt_attr(R_WARN));
        char *s = xasprintf("%s [y/N]", a->confirm);
        crt_puts(w, ht - 2, 1, wd - 1, s, crt_attr(R_WARN));
        free(s);
    } else if (tui_grading_busy(&a->g)) {
        char *s = xasprintf("%s %s (Esc cancels)", crt_spinner(a->tick),
                            a->g.visible_only ? "running the visible tests..." : "grading...");
        crt_puts(w, ht - 2, 1, wd - 1, s, crt_attr(R_WARN));
        free(s);
    } else if (a->msg) {
        /* a long message (a path, a reason) takes up to three lines */
        tui_doc d;
        doc_init(&d);
        doc_wrap(&d, R_WARN, 1, wd - 1, a->msg);
        size_t n = d.n < 3 ? d.n : 3;
        for (size_t i = 0; i < n; i++) {
            int y = ht - 1 - (int)n + (int)i;
            crt_fill(w, y, 0, A_NORMAL);
            doc_draw(&d, w, y, 1, i);
        }
        doc_free(&d);
    }
    crt_puts(w, ht - 1, 1, wd - 1, keys, crt_attr(R_DIM));
}

static void app_frame(tui_app *a)
{
    WINDOW *w = stdscr;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    a->cur_y = a->cur_x = -1;
    if (h < TUI_MIN_H || wd < TUI_MIN_W) {
        crt_draw_too_small(w);
    } else {
        switch (a->screen) {
        case SCR_LIST: list_draw(a, w); break;
        case SCR_DRILL: drill_draw(a, w); break;
        case SCR_RESULT: result_draw(a, w); break;
        case SCR_REPORT: report_draw(a, w); break;
        }
        if (a->help)
            help_draw(a, w);
    }
    if (a->cur_y >= 0 && !a->help) {
        curs_set(1);
        wmove(w, a->cur_y, a->cur_x);
    } else {
        curs_set(0);
    }
    wnoutrefresh(w);
    doupdate();
}

static void app_quit(tui_app *a)
{
    app_close_drill(a);
    a->quit = 1;
}

static int app_key(tui_app *a, int k)
{
    int h, wd;
    getmaxyx(stdscr, h, wd);
    if (k == TK(KEY_RESIZE))
        return TUI_REDRAW;
    if (k == TK_CTRL('c')) {
        app_quit(a);
        return TUI_QUIT;
    }
    if (h < TUI_MIN_H || wd < TUI_MIN_W) {
        if (k == 'q')
            app_quit(a);
        return TUI_REDRAW;
    }
    if (a->confirm) {
        void (*fn)(tui_app *) = a->confirm_fn;
        free(a->confirm);
        a->confirm = NULL;
        if (k == 'y' || k == 'Y')
            fn(a);
        else
            app_msg(a, "cancelled");
        return TUI_REDRAW;
    }
    if (a->help) {
        a->help = 0;
        return TUI_REDRAW;
    }
    free(a->msg);
    a->msg = NULL;
    int typing = (a->screen == SCR_DRILL && drill_typing(a)) || (a->screen == SCR_LIST && a->searching);
    if (k == TK(KEY_F(1)) || (k == '?' && !typing)) {
        a->help = 1;
        return TUI_REDRAW;
    }
    switch (a->screen) {
    case SCR_LIST: return list_key(a, k);
    case SCR_DRILL: return drill_key(a, k);
    case SCR_RESULT: return result_key(a, k);
    case SCR_REPORT: return report_key(a, k);
    }
    return 0;
}

static void app_loop(tui_app *a)
{
    int dirty = 1;
    while (!a->quit) {
        if (dirty)
            app_frame(a);
        dirty = 0;
        struct pollfd p[9];
        int np = 0;
        p[np++] = (struct pollfd){ .fd = 0, .events = POLLIN };
        int busy = tui_grading_busy(&a->g);
        np += tui_grading_pollfds(&a->g, p + np, 8);
        int timeout = 1000;
        if (busy) {
            timeout = 100;
            int t = tui_grading_timeout(&a->g);
            if (t >= 0 && t < timeout)
                timeout = t;
        }
        if (a->mode == MODE_INTERVIEW && !a->iv_done) {
            double left = a->iv_deadline_ms - util_now_ms();
            int t = left <= 0 ? 0 : (int)((long)left % 1000) + 1;
            if (t < timeout)
                timeout = t;
        }
        if (poll(p, (nfds_t)np, timeout) < 0 && errno != EINTR)
            break;
        if (busy) {
            a->tick++;
            dirty = 1;
            if (tui_grading_step(&a->g, &a->v)) {
                drill_graded(a, &a->v);
            }
        }
        int k;
        while (!a->quit && (k = crt_key()) != 0) {
            if (app_key(a, k) & (TUI_REDRAW | TUI_HANDLED))
                dirty = 1;
        }
        if (a->mode == MODE_INTERVIEW && !a->iv_done) {
            dirty = 1;
            if (util_now_ms() >= a->iv_deadline_ms) {
                iv_finish(a);
                app_msg(a, "Time is up.");
            }
        }
    }
}

int tui_quiz(catalog *c, const tui_options *o)
{
    tui_app *a = xcalloc(1, sizeof *a);
    a->cat = c;
    a->mode = MODE_PRACTICE;
    a->count = o->count > 0 ? o->count : 10;
    a->minutes = o->minutes > 0 ? o->minutes : 30;
    doc_init(&a->run_doc);
    char *err = NULL;
    if (state_load(&a->st, &err) < 0) {
        app_msg(a, "progress will not be saved: %s", err ? err : "state folder unusable");
        free(err);
        err = NULL;
    } else if (a->st.notice) {
        app_msg(a, "%s", a->st.notice);
    }
    app_collect_topics(a);
    if (o->topic)
        a->topic = xstrdup(o->topic);
    int rc = 0;
    if (crt_init(&err) < 0) {
        fprintf(stderr, "pydrill: error: %s\n", err);
        free(err);
        rc = 2;
        goto out;
    }
    list_rebuild(a);
    if (o->mode == MODE_INTERVIEW)
        app_start_interview(a);
    else if (o->mode == MODE_REVIEW)
        app_start_review(a);
    app_loop(a);
    app_close_drill(a);
    tui_grading_cancel(&a->g);
    app_save(a);
    crt_done();
    if (a->msg && a->screen == SCR_LIST && strstr(a->msg, "not saved"))
        fprintf(stderr, "pydrill: %s\n", a->msg);
out:
    state_free(&a->st);
    if (a->have_v)
        drill_verdict_free(&a->v);
    doc_free(&a->run_doc);
    for (size_t i = 0; i < a->ntopics; i++)
        free(a->topics[i]);
    free(a->topics);
    free(a->rows);
    free(a->queue);
    free(a->iv);
    free(a->topic);
    free(a->search);
    free(a->msg);
    free(a->confirm);
    free(a->answer_sent);
    free(a->g.traceback);
    free(a->plan_err);
    free(a);
    return rc;
}
