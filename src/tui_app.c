/* tui_app.c - the quiz's state and its one event loop: poll stdin and the
 * grading child together, hand each key to the current screen, and draw a
 * frame (one doupdate) whenever a handler asks for it. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <limits.h>
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

static void app_vconfirm(tui_app *a, void (*fn)(tui_app *), int guarded, const char *fmt, va_list ap)
{
    free(a->confirm);
    a->confirm = xvasprintf(fmt, ap);
    free(a->confirm_short);
    a->confirm_short = NULL;
    a->confirm_fn = fn;
    a->confirm_ms = 0;
    if (guarded) {
        /* keys typed before the question was there are not its answer */
        crt_flush_input();
        a->confirm_ms = util_now_ms();
    }
}

void app_confirm(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    app_vconfirm(a, fn, 0, fmt, ap);
    va_end(ap);
}

void app_confirm_short(tui_app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(a->confirm_short);
    a->confirm_short = xvasprintf(fmt, ap);
    va_end(ap);
}

void app_confirm_guarded(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    app_vconfirm(a, fn, 1, fmt, ap);
    va_end(ap);
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

const char *app_unsaved_reason(void)
{
    return app_unsaved;
}

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
        /* that message names our hidden temporary file and "."; the user
         * asked for a file in this folder: say which, and where */
        int e = access(".", W_OK | X_OK) < 0 ? errno : 0;
        char cwd[PATH_MAX];
        const char *here = getcwd(cwd, sizeof cwd) ? cwd : "the current folder";
        char *why = *err;
        *err = e ? xasprintf("cannot write pydrill-answers-%s.json in %s: %s", stamp, here, strerror(e))
                 : xasprintf("cannot write pydrill-answers-%s.json in %s (%s)", stamp, here, why ? why : "?");
        free(why);
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
    /* the why may be a long path: a small screen gets the question
     * without it (the line under it gives it) */
    if (app_answers(a)) {
        app_confirm(a, app_quit_anyway,
                    "Your progress is NOT saved (%s). y quits anyway and loses it; x exports the answers to a "
                    "new ./pydrill-answers-DATE-TIME.json and quits; any other key stays.",
                    app_unsaved);
        app_confirm_short(a, "Your progress is NOT saved (why: below). y quits anyway and loses it; x exports "
                             "the answers to a new ./pydrill-answers-DATE-TIME.json and quits; any other key stays.");
    } else {
        app_confirm(a, app_quit_anyway, "Your progress is NOT saved (%s). y quits anyway and loses it; any "
                                        "other key stays.",
                    app_unsaved);
        app_confirm_short(a, "Your progress is NOT saved (why: below). y quits anyway and loses it; any other key "
                             "stays.");
    }
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

/* A guarded question just appeared: a key now cancels it. */
int app_confirm_early(const tui_app *a)
{
    return a->confirm && a->confirm_ms && util_now_ms() - a->confirm_ms < APP_CONFIRM_GRACE_MS;
}

/* The answers the pending question takes, as the footer shows them. */
const char *app_confirm_keys(const tui_app *a)
{
    /* a guarded question takes no answer yet: its keys are not offered */
    if (app_confirm_early(a))
        return "(a moment...)";
    if (app_asking_quit(a) && app_quit_for_report)
        return "[y/x/X/N]";
    return app_asking_quit(a) && app_answers(a) ? "[y/x/N]" : "[y/N]";
}

/* the keys a question on screen takes */
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
        /* guarded, as Esc's "End the interview now?": a q typed ahead is no y */
        app_confirm_guarded(a, app_end_interview_and_quit,
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
    if (a->notice && k == TK_ESC) {
        /* read: it goes (stderr says it again at exit) */
        free(a->notice);
        a->notice = NULL;
        free(a->msg);
        a->msg = NULL;
        return TUI_REDRAW;
    }
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

const char *app_signal_cause(int sig)
{
    switch (sig) {
    case SIGHUP: return "SIGHUP (the terminal was closed)";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "Ctrl-C";
    }
}

const char *app_leave_cause(const tui_app *a)
{
    return app_signal_cause(a->leave_sig);
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
        /* a file set aside: its name stays on screen until Esc, and on
         * stderr at exit, so that where the progress went is not lost */
        a->notice = xstrdup(a->st.notice);
        app_note_at_exit("%s", a->st.notice);
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
    free(a->confirm_short);
    free(a->notice);
    free(a->answer_sent);
    free(a->g.traceback);
    free(a->plan_err);
    free(a);
    app_set_unsaved(NULL);
    app_lost = 0;
    sbuf_release(&app_exit_notes);
    return rc;
}
