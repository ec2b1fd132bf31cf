/* tui_app.c - the quiz's state and its one event loop: poll stdin and the
 * grading child together, hand each key to the current screen, and draw a
 * frame (one doupdate) whenever a handler asks for it. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    a->confirm_ms = 0;
}

void app_confirm_guarded(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(a->confirm);
    a->confirm = xvasprintf(fmt, ap);
    va_end(ap);
    a->confirm_fn = fn;
    crt_flush_input();
    a->confirm_ms = util_now_ms();
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

/* Why the progress cannot be saved (a failed load, the last save), until
 * a save succeeds: a line above the footer says so on every screen. When
 * a save has failed, something would be lost: quitting asks first. */
static char *app_unsaved;
static int app_lost;

static void app_set_unsaved(const char *why)
{
    free(app_unsaved);
    app_unsaved = why ? xstrdup(why) : NULL;
}

void app_save(tui_app *a)
{
    char *err = NULL;
    if (state_save(&a->st, &err) < 0) {
        app_set_unsaved(err ? err : "unknown error");
        app_lost = 1;
        app_msg(a, "progress not saved: %s", app_unsaved);
        free(err);
    } else {
        if (app_unsaved)
            app_msg(a, "progress saved again");
        app_set_unsaved(NULL);
        app_lost = 0;
    }
}

void app_append_key(char **s, int k)
{
    char mb[4];
    size_t n = util_utf8_encode((uint32_t)k, mb);
    size_t len = *s ? strlen(*s) : 0;
    *s = xrealloc(*s, len + n + 1);
    memcpy(*s + len, mb, n);
    (*s)[len + n] = '\0';
}

static void app_quit(tui_app *a);

/* The question on screen is about an interview report that is not kept
 * (x and X export it), not about the progress. */
static int app_quit_for_report;

/* y at "quit anyway?" */
static void app_quit_anyway(tui_app *a)
{
    if (app_quit_for_report)
        app_note_at_exit("the interview report was not kept (the state folder cannot be written)");
    app_quit(a);
}

/* the question on screen is app_ask_quit's */
static int app_asking_quit(const tui_app *a)
{
    return a->confirm && a->confirm_fn == app_quit_anyway;
}
/* said on stderr once the terminal is given back */
static sbuf app_exit_notes;

void app_note_at_exit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sbuf_addf(&app_exit_notes, "pydrill: %s\n", s);
    free(s);
}

int app_answer_current(const tui_app *a, const state_entry *e)
{
    if (!e->last_answer)
        return 0;
    /* an answer to an older revision of a drill of this catalog answers
     * a question that is no longer asked; other drills' answers go out */
    const drill *d = catalog_find(a->cat, e->id);
    return !d || d->revision == e->revision;
}

size_t app_answers(const tui_app *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->st.n; i++)
        n += app_answer_current(a, &a->st.entries[i]);
    return n;
}

/* how many names app_export_answers tries in one second */
#define APP_EXPORT_TRIES 100

int app_export_answers(tui_app *a, char **path, char **err)
{
    *path = NULL;
    size_t n = app_answers(a);
    if (!n)
        return 0;
    char stamp[32];
    time_t now = app_now();
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* written whole under a name of ours, then linked to the first free
     * name: link() never replaces a file, even one made a moment ago */
    char *tmp = xasprintf(".pydrill-answers-%s.%ld.tmp", stamp, (long)getpid());
    if (state_export_current(&a->st, a->cat, tmp, err) < 0) {
        free(tmp);
        return -1;
    }
    int rc = -1;
    for (int k = 1; k <= APP_EXPORT_TRIES; k++) {
        char *name = k == 1 ? xasprintf("pydrill-answers-%s.json", stamp)
                            : xasprintf("pydrill-answers-%s-%d.json", stamp, k);
        if (link(tmp, name) == 0) {
            *path = name;
            rc = 0;
            break;
        }
        struct stat st;
        if (errno == EEXIST || lstat(name, &st) == 0) {
            free(name); /* taken: the next name */
            continue;
        }
        /* a file system without hard links: the name was free a moment
         * ago, the best it allows */
        if (errno == ENOENT && rename(tmp, name) == 0) {
            *path = name;
            rc = 0;
            break;
        }
        *err = xasprintf("cannot write %s: %s", name, strerror(errno));
        free(name);
        break;
    }
    if (rc < 0 && !*err)
        *err = xasprintf("pydrill-answers-%s.json and %d more names are taken", stamp, APP_EXPORT_TRIES - 1);
    unlink(tmp);
    free(tmp);
    return rc < 0 ? -1 : (int)n;
}

void app_ask_quit(tui_app *a)
{
    app_quit_for_report = 0;
    /* an interview report that could not be kept goes with the quiz:
     * asked first (unless no one is there to answer) */
    if (!a->leave_sig && iv_report_unkept(a)) {
        app_quit_for_report = 1;
        app_confirm(a, app_quit_anyway,
                    "This interview report is NOT kept (the state folder cannot be written). y quits anyway and "
                    "loses it; x or X exports it (text, HTML) to the current folder and quits; any other key "
                    "stays.");
        return;
    }
    /* one more try first: the folder may be back */
    if (app_lost && a->st.path)
        app_save(a);
    /* after SIGHUP or SIGTERM no one is there to answer: stderr says it */
    if (!app_lost || a->leave_sig) {
        app_quit(a);
        return;
    }
    if (app_answers(a))
        app_confirm(a, app_quit_anyway,
                    "Your progress is NOT saved (%s). y quits anyway and loses it; x exports the answers to a "
                    "new ./pydrill-answers-DATE-TIME.json and quits; any other key stays.",
                    app_unsaved);
    else
        app_confirm(a, app_quit_anyway, "Your progress is NOT saved (%s). y quits anyway and loses it; any "
                                        "other key stays.",
                    app_unsaved);
}

/* x at that question: the answers go out the one way left, then the quiz quits. */
static void app_quit_export(tui_app *a)
{
    char *err = NULL, *path = NULL;
    int n = app_export_answers(a, &path, &err);
    if (n < 0) {
        app_msg(a, "export failed too: %s. Nothing was quit.", err ? err : "?");
        free(err);
        return;
    }
    if (n == 0) {
        app_msg(a, "No answer was submitted: there is nothing to export. Nothing was quit.");
        return;
    }
    char cwd[4096];
    app_note_at_exit("the answers were exported to %s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".", path);
    free(path);
    app_quit(a);
}

void app_history(tui_app *a, const char *json)
{
    char *err = NULL;
    if (state_history_add(json, &err) < 0) {
        app_msg(a, "history not saved: %s", err);
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

/* A guarded question just appeared: a key now cancels it. */
static int app_confirm_early(const tui_app *a)
{
    return a->confirm && a->confirm_ms && util_now_ms() - a->confirm_ms < APP_CONFIRM_GRACE_MS;
}

/* the keys a question on screen takes */
static const char *app_confirm_keys(const tui_app *a)
{
    /* a guarded question takes no answer yet: its keys are not offered */
    if (app_confirm_early(a))
        return "(a moment...)";
    if (app_asking_quit(a) && app_quit_for_report)
        return "[y/x/X/N]";
    return app_asking_quit(a) && app_answers(a) ? "[y/x/N]" : "[y/N]";
}

/* Footer keys: drop the least important until they fit, the help key last
 * and always there. */
void app_draw_footer(tui_app *a, WINDOW *w, const tui_hint *hints, size_t n)
{
    int ht = getmaxy(w), wd = getmaxx(w);
    /* rows stack up from the footer: a failed save (until one succeeds,
     * on every screen), then a question, the spinner or a message */
    int base = ht - 1;
    if (app_unsaved) {
        base--;
        crt_fill(w, base, 0, crt_attr(R_FAIL));
        char *s = xasprintf("Progress NOT saved: %s", app_unsaved);
        crt_puts(w, base, 1, wd - 1, s, crt_attr(R_FAIL));
        free(s);
    }
    if (tui_grading_busy(&a->g) && !a->confirm) {
        /* a submitted answer is no longer being typed: keys are ignored */
        char *s = xasprintf("%s %s", crt_spinner(a->tick),
                            a->g.visible_only ? "running the visible tests... (Esc cancels)"
                                              : "grading... (keys are ignored; Esc cancels)");
        crt_fill(w, base - 1, 0, A_NORMAL);
        crt_puts(w, base - 1, 1, wd - 1, s, crt_attr(R_WARN));
        free(s);
    } else if (a->confirm || a->msg) {
        /* a long message or question (a path, a reason) takes up to three lines */
        char *s = a->confirm ? xasprintf("%s %s", a->confirm, app_confirm_keys(a)) : NULL;
        tui_doc d;
        doc_init(&d);
        doc_wrap(&d, R_WARN, 1, wd - 1, s ? s : a->msg);
        size_t nl = d.n < 3 ? d.n : 3;
        for (size_t i = 0; i < nl; i++) {
            int y = base - (int)nl + (int)i;
            crt_fill(w, y, 0, s ? crt_attr(R_WARN) : A_NORMAL);
            doc_draw(&d, w, y, 1, i);
        }
        doc_free(&d);
        free(s);
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
 * the status line), wrapped to what room there is: a key that quits must
 * not be answered blind. */
static void app_draw_small_note(tui_app *a, WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    const char *text = a->confirm ? a->confirm : a->msg;
    if (!text || h <= 4 || wd < 8)
        return;
    char *s = a->confirm ? xasprintf("%s %s", a->confirm, app_confirm_keys(a)) : xstrdup(text);
    tui_doc d;
    doc_init(&d);
    doc_wrap(&d, a->confirm ? R_WARN : R_NORMAL, 0, wd, s);
    for (size_t i = 0; i < d.n && 4 + (int)i < h; i++)
        doc_draw(&d, w, 4 + (int)i, 1, i);
    doc_free(&d);
    free(s);
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
        app_draw_small_note(a, w);
    } else {
        switch (a->screen) {
        case SCR_LIST: list_draw(a, w); break;
        case SCR_DRILL: drill_draw(a, w); break;
        case SCR_RESULT: result_draw(a, w); break;
        case SCR_REPORT: report_draw(a, w); break;
        case SCR_PAST: past_draw(a, w); break;
        case SCR_TRACE: trace_draw(a, w); break;
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

/* Ctrl-C: an interview ends as when the time is up (its report kept),
 * then the quiz quits; elsewhere it quits, asking first when something
 * would be lost. */
static int app_interrupt(tui_app *a)
{
    if (iv_quitting(a)) {
        app_msg(a, "Grading the answers handed in, so that the report is kept; the quiz quits then.");
        return TUI_REDRAW;
    }
    if (a->mode == MODE_INTERVIEW && !a->rep) {
        /* what was handed in is graded and kept, as when time is up */
        iv_interrupt(a);
        return a->quit ? TUI_QUIT : TUI_REDRAW;
    }
    if (app_asking_quit(a)) {
        /* Ctrl-C at "quit anyway?" is a yes */
        free(a->confirm);
        a->confirm = NULL;
        app_quit_anyway(a);
        return TUI_QUIT;
    }
    app_close_drill(a);
    app_ask_quit(a);
    return a->quit ? TUI_QUIT : TUI_REDRAW;
}

/* y at "End the interview and quit?" (q on a terminal too small) */
static void app_end_interview_and_quit(tui_app *a)
{
    app_interrupt(a);
}

/* q on the "too small" screen: quit as Ctrl-C does, but an interview
 * still running is asked about first (its drafts would be handed in). */
static void app_small_quit(tui_app *a)
{
    if (a->mode == MODE_INTERVIEW && !a->iv_done && !a->rep)
        app_confirm(a, app_end_interview_and_quit,
                    "End the interview and quit? Drafts are handed in, the report kept.");
    else
        app_interrupt(a);
}

static int app_key(tui_app *a, int k)
{
    int h, wd;
    getmaxyx(stdscr, h, wd);
    if (k == TK(KEY_RESIZE))
        return TUI_REDRAW;
    if (k == TK_CTRL('c'))
        return app_interrupt(a);
    if (a->keys_held_ms && util_now_ms() < a->keys_held_ms)
        return 0; /* typed before the report replaced the drill */
    a->keys_held_ms = 0;
    if (a->confirm) {
        void (*fn)(tui_app *) = a->confirm_fn;
        int asking_quit = app_asking_quit(a), for_report = asking_quit && app_quit_for_report;
        int early = app_confirm_early(a);
        free(a->confirm);
        a->confirm = NULL;
        if (early) {
            crt_flush_input();
            app_msg(a, "cancelled: a key came as the question appeared (typed ahead?); ask again to answer it");
        } else if (k == 'y' || k == 'Y') {
            fn(a);
        } else if (for_report && (k == 'x' || k == 'X')) {
            if (iv_report_export(a, k == 'X') == 0)
                app_quit(a);
        } else if (asking_quit && (k == 'x' || k == 'X') && app_answers(a)) {
            app_quit_export(a);
        } else {
            app_msg(a, "cancelled");
        }
        return a->quit ? TUI_QUIT : TUI_REDRAW;
    }
    if (h < TUI_MIN_H || wd < TUI_MIN_W) {
        if (k == 'q')
            app_small_quit(a);
        return a->quit ? TUI_QUIT : TUI_REDRAW;
    }
    if (a->help)
        return help_key(a, k);
    free(a->msg);
    a->msg = NULL;
    int typing = (a->screen == SCR_DRILL && drill_typing(a)) || (a->screen == SCR_LIST && a->searching);
    if (k == TK(KEY_F(1)) || (k == '?' && !typing)) {
        a->help = 1;
        a->help_top = 0;
        return TUI_REDRAW;
    }
    switch (a->screen) {
    case SCR_LIST: return list_key(a, k);
    case SCR_DRILL: return drill_key(a, k);
    case SCR_RESULT: return result_key(a, k);
    case SCR_REPORT: return report_key(a, k);
    case SCR_PAST: return past_key(a, k);
    case SCR_TRACE: return trace_key(a, k);
    }
    return 0;
}

const char *app_leave_cause(const tui_app *a)
{
    switch (a->leave_sig) {
    case SIGHUP: return "SIGHUP (the terminal was closed)";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "Ctrl-C";
    }
}

/* SIGHUP, SIGTERM (or a SIGINT sent with kill) arrived: leave as Ctrl-C
 * does, asking nothing, since no one may be there to answer. The draft is
 * kept; an interview ends, its drafts handed in, and the loop goes on
 * (without drawing or reading keys: the terminal may be gone) until its
 * report is kept. */
static void app_leave_on_signal(tui_app *a, int sig)
{
    if (a->leave_sig)
        return;
    a->leave_sig = sig;
    free(a->confirm);
    a->confirm = NULL;
    a->help = 0;
    if (iv_quitting(a))
        return;
    if (a->mode == MODE_INTERVIEW && !a->rep) {
        iv_interrupt(a);
        if (iv_quitting(a) || a->quit)
            return;
    }
    app_quit(a);
}

/* Empties the signal pipe (its bytes only wake poll up). */
static void app_drain_signal_fd(void)
{
    char buf[64];
    int fd = crt_signal_fd();
    while (fd >= 0 && read(fd, buf, sizeof buf) > 0)
        ;
}

static void app_loop(tui_app *a)
{
    int dirty = 1;
    while (!a->quit) {
        if (crt_signalled()) {
            app_drain_signal_fd();
            app_leave_on_signal(a, crt_signalled());
            if (a->quit)
                break;
        }
        /* once leaving on a signal, the terminal is neither drawn on nor
         * read: a closed one would fail or, stalled, block */
        if (dirty && !a->leave_sig)
            app_frame(a);
        dirty = 0;
        struct pollfd p[26];
        int np = 0;
        p[np++] = (struct pollfd){ .fd = a->leave_sig ? -1 : 0, .events = POLLIN };
        p[np++] = (struct pollfd){ .fd = crt_signal_fd(), .events = POLLIN };
        int busy = tui_grading_busy(&a->g), ivbusy = tui_grading_busy(&a->ivg);
        np += tui_grading_pollfds(&a->g, p + np, 8);
        np += tui_grading_pollfds(&a->ivg, p + np, 8);
        int timeout = 1000;
        if (busy || ivbusy) {
            timeout = 100;
            int t = tui_grading_timeout(&a->g);
            if (t >= 0 && t < timeout)
                timeout = t;
            t = tui_grading_timeout(&a->ivg);
            if (t >= 0 && t < timeout)
                timeout = t;
        }
        if (a->mode == MODE_INTERVIEW && !a->iv_done) {
            double left = a->iv_deadline_ms - util_now_ms();
            int t = left <= 0 ? 0 : (int)((long)left % 1000) + 1;
            if (t < timeout)
                timeout = t;
        }
        /* a question or a report that takes keys from a moment on is
         * drawn again then (it offers them) */
        int wake = 0;
        if (app_confirm_early(a))
            wake = (int)(a->confirm_ms + APP_CONFIRM_GRACE_MS - util_now_ms()) + 1;
        else if (a->keys_held_ms > util_now_ms())
            wake = (int)(a->keys_held_ms - util_now_ms()) + 1;
        if (wake > 0 && wake < timeout)
            timeout = wake;
        np += trace_pollfds(a, p + np, 8, &timeout);
        if (poll(p, (nfds_t)np, timeout) < 0 && errno != EINTR)
            break;
        dirty |= trace_poll(a) || wake > 0;
        if (busy) {
            a->tick++;
            dirty = 1;
            if (tui_grading_step(&a->g, &a->v))
                drill_graded(a, &a->v);
        }
        if (ivbusy) {
            a->tick++;
            dirty = 1;
            iv_step(a);
        }
        int k;
        while (!a->quit && !a->leave_sig && !crt_signalled() && (k = crt_key()) != 0) {
            if (app_key(a, k) & (TUI_REDRAW | TUI_HANDLED))
                dirty = 1;
        }
        /* said once the burst is handled, or its next key would clear it */
        char *note = crt_take_note();
        if (note) {
            app_msg(a, "%s", note);
            free(note);
            dirty = 1;
        }
        if (a->mode == MODE_INTERVIEW && !a->iv_done) {
            dirty = 1;
            if (util_now_ms() >= a->iv_deadline_ms) {
                iv_finish(a, 1);
                app_msg(a, "Time is up: every draft was handed in as it stands.");
            }
        }
    }
}

/* A drill of this catalog whose stored entry is of another revision: its
 * history (answers, score, schedule) is of a question no longer asked, so
 * it is dropped now, and from the file at the next save, rather than
 * exported or kept for ever (docs/review.md). */
static void app_prune_stale(tui_app *a)
{
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        const drill *d = &a->cat->drills[i];
        for (size_t k = 0; k < a->st.n; k++)
            if (!strcmp(a->st.entries[k].id, d->id)) {
                if (a->st.entries[k].revision != d->revision)
                    state_reset(&a->st, d->id);
                break;
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
        app_set_unsaved(err ? err : "the state folder is unusable");
        app_msg(a, "progress will not be saved: %s", app_unsaved);
        free(err);
        err = NULL;
    } else if (a->st.notice) {
        app_msg(a, "%s", a->st.notice);
    }
    app_prune_stale(a);
    app_collect_topics(a);
    a->sess = xcalloc(c->ndrills + 1, sizeof *a->sess);
    a->self_grade = -1;
    if (o->topic)
        a->topic = xstrdup(o->topic);
    int rc = 0;
    if (crt_init("the quiz", &err) < 0) {
        fprintf(stderr, "pydrill: error: %s\n", err);
        free(err);
        rc = 2;
        goto out;
    }
    list_rebuild(a);
    list_first_unsolved(a);
    if (o->mode == MODE_INTERVIEW)
        app_start_interview(a);
    else if (o->mode == MODE_REVIEW)
        app_start_review(a);
    app_loop(a);
    trace_close(a);
    app_close_drill(a);
    tui_grading_cancel(&a->g);
    tui_grading_cancel(&a->ivg);
    app_save(a);
    crt_done();
    if (app_unsaved)
        fprintf(stderr, "pydrill: warning: progress not saved: %s\n", app_unsaved);
    if (app_exit_notes.len)
        fputs(app_exit_notes.buf, stderr);
    /* as a shell reports a program a signal ended */
    if (a->leave_sig)
        rc = 128 + a->leave_sig;
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
    iv_clear(a);
    app_forget(a, NULL);
    free(a->sess);
    if (a->rep_owned && a->rep) {
        interview_record_free(a->rep);
        free(a->rep);
    }
    for (size_t i = 0; i < a->npast; i++)
        interview_record_free(&a->past[i]);
    free(a->past);
    free(a->run_text);
    free(a->ivg.traceback);
    free(a->topic);
    free(a->search);
    free(a->msg);
    free(a->confirm);
    free(a->answer_sent);
    free(a->g.traceback);
    free(a->plan_err);
    free(a);
    app_set_unsaved(NULL);
    app_lost = 0;
    sbuf_release(&app_exit_notes);
    return rc;
}
