/* tui_watch.c - pydrill run ID FILE --watch: shows the drill and grades
 * FILE again each time it is saved, as rustlings' watch loop does. The
 * folder is watched (inotify), not the file, so editors that save by
 * writing a new file and renaming it over the old one are seen too. Every
 * grading is recorded as the quiz records a practice answer (progress,
 * the review schedule, history.jsonl with mode "watch"). A folder that
 * goes away (rm -rf, git checkout) takes its watch with it: the screen
 * says so, and the folder is looked for again until it is back, then
 * watched and FILE graded again. */
#define _GNU_SOURCE
#include "tui.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "answers.h"
#include "util.h"

/* What the folder's watch listens for: FILE written or renamed into
 * place, and the folder itself going (its watch is then gone too). */
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
/* How often a folder that went is looked for again. */
#define WATCH_RETRY_MS 500

typedef struct {
    drill *d;
    const char *file;
    const char *base;
    tui_grading g;
    drill_verdict v;
    int have_v;
    int runs;
    char *answer;       /* the text being graded */
    state st;
    char *state_fail;   /* why progress is not recorded (load or last save), until a save works */
    char *state_note;   /* what the load said (a file set aside) */
    char *note;
    int lost;           /* the folder went: no watch until it is back */
    size_t top;
    char when[16];
    unsigned tick;
} watch_ctx;

/* A grading is an answer like one submitted in the quiz: progress and the
 * review schedule hear it (each save after the first is a retry), and so
 * does history.jsonl. */
static void watch_record(watch_ctx *w)
{
    char *err = NULL;
    state_record(&w->st, w->d->id, w->d->revision, (int)w->v.st, w->v.score, w->answer, 0, w->runs - 1, 0,
                 app_now());
    /* tried even when the load failed: state_save says whether it may */
    if (state_save(&w->st, &err) < 0) {
        /* a load that failed (no path armed) said why first, and truly:
         * that reason stays, not the save's "could not be read" */
        if (!w->state_fail || w->st.path) {
            free(w->state_fail);
            w->state_fail = xstrdup(err ? err : "unknown error");
        }
        free(err);
        return;
    }
    free(w->state_fail);
    w->state_fail = NULL;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "mode", "watch");
    cJSON_AddStringToObject(o, "id", w->d->id);
    cJSON_AddStringToObject(o, "status", status_name(w->v.st));
    cJSON_AddNumberToObject(o, "score", w->v.score);
    cJSON_AddNumberToObject(o, "time", (double)app_now());
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (state_history_add(line, &err) < 0) {
        free(w->state_note);
        w->state_note = xasprintf("history not saved: %s", err);
        free(err);
    }
    free(line);
}

static void watch_grade(watch_ctx *w)
{
    char *text = NULL, *err = NULL;
    size_t len;
    tui_grading_cancel(&w->g);
    free(w->note);
    w->note = NULL;
    if (util_read_file(w->file, &text, &len, &err) < 0) {
        w->note = xasprintf("waiting for %s (%s)", w->file, err);
        free(err);
        return;
    }
    /* read as run and grade read an answer file: the same limit, and the
     * same text (answers_text), so that all three agree on one file */
    const char *body = NULL;
    if (len > ANSWER_MAX) {
        char lim[32];
        w->note = xasprintf("%s: error: over the limit of %s for an answer", w->file,
                            util_fmt_size(lim, ANSWER_MAX));
    } else if ((body = answers_text(w->file, text, &len, &err)) == NULL) {
        w->note = err;
    }
    if (!body) {
        free(text);
        return;
    }
    if (body != text)
        memmove(text, body, len + 1);
    if (w->have_v)
        drill_verdict_free(&w->v);
    drill_verdict_init(&w->v, w->d);
    w->have_v = 1;
    w->runs++;
    time_t now = time(NULL);
    strftime(w->when, sizeof w->when, "%H:%M:%S", localtime(&now));
    free(w->answer);
    w->answer = text;
    if (!tui_grading_start(&w->g, w->d, text, 0, &w->v))
        watch_record(w);
}

static void watch_draw(watch_ctx *w)
{
    WINDOW *win = stdscr;
    int h, wd;
    getmaxyx(win, h, wd);
    werase(win);
    if (h < TUI_MIN_H || wd < TUI_MIN_W) {
        crt_draw_too_small(win);
        wnoutrefresh(win);
        doupdate();
        return;
    }
    attr_t ha = crt_attr(R_HEADER);
    crt_fill(win, 0, 0, ha);
    char *left = xasprintf("pydrill watch %s %s", crt_glyph(G_VLINE), w->d->id);
    crt_puts(win, 0, 1, wd - 1, left, ha | A_BOLD);
    free(left);
    if (w->runs) {
        char right[64];
        snprintf(right, sizeof right, "graded %s (#%d) ", w->when, w->runs);
        int rw = (int)strlen(right);
        if (rw + 30 < wd)
            crt_puts(win, 0, wd - rw, rw, right, ha);
    }
    tui_doc doc;
    doc_init(&doc);
    doc_wrap(&doc, R_TITLE, 1, wd - 2, w->d->title);
    doc_blank(&doc);
    doc_wrap(&doc, R_NORMAL, 1, wd - 2, w->d->prompt);
    doc_blank(&doc);
    if (w->note)
        doc_wrap(&doc, R_WARN, 1, wd - 2, w->note);
    else if (tui_grading_busy(&w->g))
        doc_addf(&doc, R_WARN, 1, "%s grading %s...", crt_spinner(w->tick), w->file);
    else if (w->have_v) {
        size_t before = doc.n;
        tui_doc_verdict(&doc, &w->v, w->answer, w->g.traceback, wd - 4, w->v.st == ST_PASS);
        for (size_t i = before; i < doc.n; i++)
            doc.lines[i].indent += 1;
    }
    if (w->state_note) {
        doc_blank(&doc);
        doc_wrap(&doc, R_WARN, 1, wd - 2, w->state_note);
    }
    /* progress that cannot be recorded: a fixed line above the footer, as
     * in the quiz, not below an explanation that may run off the screen */
    int body = h - 2;
    if (w->state_fail) {
        body--;
        crt_fill(win, h - 2, 0, crt_attr(R_FAIL));
        char *s = xasprintf("Progress NOT saved: %s", w->state_fail);
        crt_puts(win, h - 2, 1, wd - 1, s, crt_attr(R_FAIL));
        free(s);
    }
    if (doc.n <= (size_t)body)
        w->top = 0;
    else if (w->top > doc.n - (size_t)body)
        w->top = doc.n - (size_t)body;
    doc_draw(&doc, win, 1, body, w->top);
    doc_free(&doc);
    /* the keys keep their place at the right; the file name gives way */
    const char *keys = "r regrade  j/k scroll  q quit";
    int kw = (int)strlen(keys);
    char *what = xasprintf("save it to grade again: %s", w->file);
    if (kw + 2 < wd) {
        crt_puts(win, h - 1, wd - 1 - kw, kw, keys, crt_attr(R_KEY));
        crt_puts(win, h - 1, 1, wd - kw - 4, what, crt_attr(R_DIM));
    } else {
        crt_puts(win, h - 1, 1, wd - 1, keys, crt_attr(R_KEY));
    }
    free(what);
    curs_set(0);
    wnoutrefresh(win);
    doupdate();
}

/* Drains inotify; 1 if FILE was written or moved into place in the
 * folder's current watch wd. *gone is set when the folder was removed or
 * moved away (an old watch's last words are not heeded). */
static int watch_events(int fd, const char *base, int wd, int *gone)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    int hit = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            if (e->wd == wd && e->len && !strcmp(e->name, base) && (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)))
                hit = 1;
            if (e->wd == wd && (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)))
                *gone = 1;
            p += sizeof *e + e->len;
        }
    }
    return hit;
}

/* The folder went: its watch is dropped (a moved folder's would follow
 * it elsewhere) and the screen says what is awaited. */
static void watch_lost(watch_ctx *w, int fd, int *wdp, const char *dir)
{
    if (*wdp >= 0)
        inotify_rm_watch(fd, *wdp); /* already gone when removed: no matter */
    *wdp = -1;
    w->lost = 1;
    free(w->note);
    w->note = xasprintf("the folder %s is gone: saves are seen again once it is back", dir);
}

/* Looks for the folder again; once it is back, watches it and grades FILE
 * (it may have been written meanwhile). 1 when it is back. */
static int watch_regain(watch_ctx *w, int fd, int *wdp, const char *dir)
{
    int wd = inotify_add_watch(fd, dir, WATCH_EVENTS);
    if (wd < 0)
        return 0;
    *wdp = wd;
    w->lost = 0;
    watch_grade(w);
    return 1;
}

int tui_watch(catalog *c, drill *d, const char *file)
{
    (void)c;
    watch_ctx w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.file = file;
    const char *slash = strrchr(file, '/');
    w.base = slash ? slash + 1 : file;
    char *dir = util_dirname(file);
    int rc = 1;
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), wdir = -1;
    if (fd < 0 || (wdir = inotify_add_watch(fd, dir, WATCH_EVENTS)) < 0) {
        fprintf(stderr, "pydrill: error: cannot watch %s: %s\n", dir, strerror(errno));
        free(dir);
        if (fd >= 0)
            close(fd);
        return 2;
    }
    char *err = NULL;
    if (state_load(&w.st, &err) < 0) {
        w.state_fail = xstrdup(err ? err : "the state folder is unusable");
        free(err);
        err = NULL;
    } else if (w.st.notice) {
        w.state_note = xstrdup(w.st.notice);
    }
    if (crt_init("watch mode", &err) < 0) {
        fprintf(stderr, "pydrill: error: %s\n", err);
        free(err);
        free(dir);
        free(w.state_note);
        free(w.state_fail);
        state_free(&w.st);
        close(fd);
        return 2;
    }
    watch_grade(&w);
    int quit = 0, dirty = 1;
    while (!quit) {
        if (dirty)
            watch_draw(&w);
        dirty = 0;
        struct pollfd p[11];
        int np = 0;
        p[np++] = (struct pollfd){ .fd = 0, .events = POLLIN };
        p[np++] = (struct pollfd){ .fd = fd, .events = POLLIN };
        p[np++] = (struct pollfd){ .fd = crt_signal_fd(), .events = POLLIN };
        int busy = tui_grading_busy(&w.g);
        np += tui_grading_pollfds(&w.g, p + np, 8);
        int timeout = w.lost ? WATCH_RETRY_MS : -1;
        if (busy) {
            timeout = 100;
            int t = tui_grading_timeout(&w.g);
            if (t >= 0 && t < timeout)
                timeout = t;
        }
        if (poll(p, (nfds_t)np, timeout) < 0 && errno != EINTR)
            break;
        /* SIGHUP, SIGTERM: every grading is recorded already; leave as q
         * does, without drawing on a terminal that may be gone */
        if (crt_signalled())
            break;
        if (busy) {
            w.tick++;
            dirty = 1;
            if (tui_grading_step(&w.g, &w.v))
                watch_record(&w);
        }
        int gone = 0;
        if (watch_events(fd, w.base, wdir, &gone) && !gone) {
            watch_grade(&w);
            dirty = 1;
        }
        if (gone && !w.lost) {
            watch_lost(&w, fd, &wdir, dir);
            dirty = 1;
        }
        if (w.lost && watch_regain(&w, fd, &wdir, dir))
            dirty = 1;
        int k;
        while ((k = crt_key()) != 0) {
            dirty = 1;
            if (k == 'q' || k == TK_ESC || k == TK_CTRL('c'))
                quit = 1;
            else if (k == 'r')
                watch_grade(&w);
            else if (k == 'j' || k == TK(KEY_DOWN))
                w.top++;
            else if ((k == 'k' || k == TK(KEY_UP)) && w.top)
                w.top--;
            else if (k == TK(KEY_NPAGE) || k == ' ')
                w.top += 10;
            else if (k == TK(KEY_PPAGE))
                w.top = w.top > 10 ? w.top - 10 : 0;
        }
    }
    tui_grading_cancel(&w.g);
    crt_done();
    /* as the quiz does: where a set-aside state file went outlives the screen */
    if (w.st.notice)
        fprintf(stderr, "pydrill: %s\n", w.st.notice);
    if (w.state_fail)
        fprintf(stderr, "pydrill: warning: progress not saved: %s\n", w.state_fail);
    if (w.have_v && !tui_grading_busy(&w.g))
        rc = w.v.st == ST_PASS || w.v.st == ST_SKIPPED ? 0 : 1;
    if (crt_signalled())
        rc = 128 + crt_signalled(); /* as a shell reports a program a signal ended */
    if (w.have_v)
        drill_verdict_free(&w.v);
    free(w.note);
    free(w.answer);
    free(w.state_note);
    free(w.state_fail);
    state_free(&w.st);
    free(w.g.traceback);
    free(dir);
    close(fd);
    return rc;
}
