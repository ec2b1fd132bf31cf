/* tui_box.c - the answer box of a drill: a text box that wraps its lines
 * over as many rows as they need (predict, explain: a paragraph can be
 * reread whole before it is submitted), or a code editor with line
 * numbers, highlighting and sideways scrolling (fix, write); the keys that
 * edit either, and the round trip through $VISUAL/$EDITOR. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "highlight.h"
#include "util.h"

/* how long an editor ended by the clock has to go before SIGKILL */
#define BOX_EDITOR_GRACE_MS 1500

/* One screen row of the box: bytes [start, end) of a line; last is the
 * line's last row (the cursor at the line's end belongs to it). */
typedef struct {
    size_t line, start, end;
    int last;
} box_row;

static int box_is_code(const tui_app *a)
{
    return drill_input(&a->cat->drills[a->di]) == INPUT_CODE;
}

static int box_gutter(const tui_app *a)
{
    if (!box_is_code(a))
        return 1;
    int digits = 1;
    for (size_t k = edbuf_lines(a->ed); k >= 10; k /= 10)
        digits++;
    return digits + 3;
}

static int box_text_width(const tui_app *a, int screen_w)
{
    int tw = screen_w - box_gutter(a) - 1;
    return tw < 4 ? 4 : tw;
}

static size_t box_layout(const tui_app *a, int tw, box_row **out)
{
    size_t n = 0, cap = edbuf_lines(a->ed) + 8;
    box_row *r = xmalloc(cap * sizeof *r);
    for (size_t i = 0; i < edbuf_lines(a->ed); i++) {
        size_t len;
        const char *s = edbuf_line(a->ed, i, &len);
        size_t off = 0;
        for (;;) {
            if (n + 2 > cap) {
                cap *= 2;
                r = xrealloc(r, cap * sizeof *r);
            }
            size_t take = len - off;
            if (!box_is_code(a) && take > 0) {
                size_t show;
                take = doc_wrap_take(s + off, len - off, tw, &show);
            }
            r[n++] = (box_row){ i, off, off + take, off + take >= len };
            off += take;
            if (off >= len)
                break;
        }
        /* a full last row leaves the cursor at the line's end no cell:
         * it goes to a row of its own */
        if (!box_is_code(a) && len && crt_width_from(s + r[n - 1].start, len - r[n - 1].start, 0) >= tw) {
            r[n - 1].last = 0;
            r[n++] = (box_row){ i, len, len, 1 };
        }
    }
    *out = r;
    return n;
}

/* The row of the cursor, and its cell column in that row. */
static size_t box_cursor_row(const tui_app *a, const box_row *r, size_t n, int *x)
{
    size_t row, col;
    edbuf_cursor(a->ed, &row, &col);
    for (size_t i = 0; i < n; i++) {
        if (r[i].line != row)
            continue;
        if ((col >= r[i].start && col < r[i].end) || (col == r[i].end && r[i].last) ||
            (col == r[i].start && r[i].start == r[i].end)) {
            size_t len;
            const char *s = edbuf_line(a->ed, row, &len);
            *x = crt_width_from(s + r[i].start, col - r[i].start, 0);
            return i;
        }
    }
    *x = 0;
    return 0;
}

size_t box_rows(tui_app *a, int screen_w)
{
    if (box_is_code(a))
        return edbuf_lines(a->ed);
    box_row *r;
    size_t n = box_layout(a, box_text_width(a, screen_w), &r);
    free(r);
    return n;
}

/* Draws bytes [from, to) of line i at (y, x) in at most maxw cells, skipping
 * `skip` cells first (the code editor's sideways scroll). Tabs reach the
 * next multiple of four cells of the row (a text box's row starts its own
 * count, as a terminal's does; the code editor's rows are whole lines). */
static void box_draw_part(tui_app *a, WINDOW *w, int y, int x, int maxw, size_t i, size_t from, size_t to,
                          size_t off, int skip)
{
    size_t len;
    const char *s = edbuf_line(a->ed, i, &len);
    size_t b = from;
    int col = 0;
    while (b < to && col < skip) {
        size_t cl = 1;
        while (b + cl < to && ((unsigned char)s[b + cl] & 0xc0) == 0x80)
            cl++;
        col += crt_width_from(s + b, cl, col);
        b += cl;
    }
    /* a tab or wide character cut by the left edge leaves blanks */
    int pad = col > skip ? col - skip : 0;
    x += pad;
    maxw -= pad;
    const unsigned char *cls = a->ed_cls ? a->ed_cls + off : NULL;
    int used = 0;
    while (b < to && used < maxw) {
        size_t e = b + 1;
        while (e < to && cls && cls[e] == cls[b])
            e++;
        if (!cls)
            e = to;
        crt_role role = cls ? doc_cls_role(cls[b], R_NORMAL) : R_NORMAL;
        int c = crt_put_from(w, y, x + used, maxw - used, s + b, e - b, crt_attr(role), col + used);
        used += c;
        b = e;
    }
}

void box_draw(tui_app *a, WINDOW *w, int y0, int h)
{
    int wd = getmaxx(w);
    int code = box_is_code(a);
    if (code) {
        char *text = edbuf_text(a->ed);
        if (!a->ed_cache || strcmp(a->ed_cache, text)) {
            free(a->ed_cls);
            a->ed_cls = highlight_source(text);
            free(a->ed_cache);
            a->ed_cache = text;
        } else {
            free(text);
        }
    }
    int gut = box_gutter(a);
    int tw = box_text_width(a, wd);
    int resized = tw != a->ed_tw;
    a->ed_tw = tw;
    a->ed_h = h;
    box_row *r;
    size_t n = box_layout(a, tw, &r);
    int ccell;
    size_t crow = box_cursor_row(a, r, n, &ccell);
    if (crow < a->ed_top)
        a->ed_top = crow;
    if (crow >= a->ed_top + (size_t)h)
        a->ed_top = crow - (size_t)h + 1;
    /* no room left unused below while rows are hidden above (a terminal
     * grown back): the cursor's row stays in view either way */
    if (n <= (size_t)h)
        a->ed_top = 0;
    else if (a->ed_top > n - (size_t)h)
        a->ed_top = n - (size_t)h;
    if (!code)
        a->ed_left = 0;
    else if (resized)
        a->ed_left = ccell >= tw ? ccell - tw + 1 : 0; /* the offset of another width means nothing here */
    else if (ccell < a->ed_left)
        a->ed_left = ccell;
    else if (ccell >= a->ed_left + tw)
        a->ed_left = ccell - tw + 1;
    /* byte offsets of each line in the whole text, for the highlight */
    size_t off = 0, line = 0;
    for (int y = 0; y < h; y++) {
        size_t i = a->ed_top + (size_t)y;
        if (i >= n)
            break;
        while (line < r[i].line) {
            size_t len;
            edbuf_line(a->ed, line, &len);
            off += len + 1;
            line++;
        }
        if (code) {
            char *num = xasprintf("%*zu ", gut - 2, r[i].line + 1);
            crt_puts(w, y0 + y, 0, gut, num, crt_attr(R_DIM));
            free(num);
            crt_puts(w, y0 + y, gut - 2, 1, crt_glyph(G_VLINE), crt_attr(R_DIM));
        }
        box_draw_part(a, w, y0 + y, gut, tw, r[i].line, r[i].start, r[i].end, off, code ? a->ed_left : 0);
        if (code) {
            /* a line that goes on past either edge says so */
            size_t len;
            const char *s = edbuf_line(a->ed, r[i].line, &len);
            int lw = crt_width_from(s, len, 0);
            if (a->ed_left > 0 && lw > 0)
                crt_puts(w, y0 + y, gut - 2, 1, crt_glyph(G_MORE_LEFT), crt_attr(R_WARN));
            if (lw > a->ed_left + tw)
                crt_puts(w, y0 + y, gut + tw, 1, crt_glyph(G_MORE_RIGHT), crt_attr(R_WARN));
        }
    }
    if (!a->help && !a->confirm) {
        a->cur_y = y0 + (int)(crow - a->ed_top);
        a->cur_x = gut + ccell - (code ? a->ed_left : 0);
        if (a->cur_x > wd - 1)
            a->cur_x = wd - 1;
    }
    free(r);
}

/* Up/Down in a wrapped box move by screen rows, keeping the cell column. */
static void box_vmove(tui_app *a, int drows)
{
    int tw = a->ed_tw > 0 ? a->ed_tw : 40;
    box_row *r;
    size_t n = box_layout(a, tw, &r);
    int x;
    long v = (long)box_cursor_row(a, r, n, &x);
    if (a->ed_pref < 0)
        a->ed_pref = x;
    long t = v + drows;
    if (t < 0)
        t = 0;
    if (t >= (long)n)
        t = (long)n - 1;
    const box_row *row = &r[t];
    size_t len;
    const char *s = edbuf_line(a->ed, row->line, &len);
    size_t b = row->start;
    int cells = 0;
    while (b < row->end) {
        size_t cl = 1;
        while (b + cl < row->end && ((unsigned char)s[b + cl] & 0xc0) == 0x80)
            cl++;
        int c = crt_width_from(s + b, cl, cells);
        if (cells + c > a->ed_pref)
            break;
        cells += c;
        b += cl;
    }
    /* the end of a row that is not the line's last is the next row's start */
    if (!row->last && b == row->end && b > row->start) {
        b--;
        while (b > row->start && ((unsigned char)s[b] & 0xc0) == 0x80)
            b--;
    }
    int pref = a->ed_pref;
    edbuf_set_cursor(a->ed, row->line, b);
    a->ed_pref = pref;
    free(r);
}

/* Waits for the editor (pid, leading its own group when group is set).
 * With a deadline (an interview's clock, in util_now_ms() terms): once it
 * passes, the editor's group gets SIGTERM, SIGKILL a moment later, and 1
 * is returned. A SIGHUP or SIGTERM of ours is passed on to it (an editor
 * keeps its recovery file then), and the wait goes on for it to end. */
static int box_wait_editor(pid_t pid, int group, double deadline_ms, int *st)
{
    int passed_on = 0;
    if (deadline_ms <= 0) {
        while (waitpid(pid, st, 0) < 0 && errno == EINTR) {
            if (crt_signalled() && !passed_on++)
                kill(group ? -pid : pid, crt_signalled() == SIGINT ? SIGTERM : crt_signalled());
        }
        return 0;
    }
    double killed = 0;
    for (;;) {
        pid_t r = waitpid(pid, st, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            break;
        if (crt_signalled() && !passed_on++)
            kill(group ? -pid : pid, crt_signalled() == SIGINT ? SIGTERM : crt_signalled());
        double now = util_now_ms();
        if (!killed && now >= deadline_ms) {
            kill(group ? -pid : pid, SIGTERM);
            killed = now;
        } else if (killed && now >= killed + BOX_EDITOR_GRACE_MS) {
            kill(group ? -pid : pid, SIGKILL);
        }
        struct timespec ts = { 0, 20 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    if (killed && group)
        kill(-pid, SIGKILL); /* whatever it started and left behind */
    return killed != 0;
}

/* name is a program on $PATH */
static int box_on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return 0;
    for (const char *p = path;;) {
        const char *e = strchrnul(p, ':');
        char *full = e > p ? xasprintf("%.*s/%s", (int)(e - p), p, name) : xasprintf("./%s", name);
        int ok = access(full, X_OK) == 0;
        free(full);
        if (ok)
            return 1;
        if (!*e)
            return 0;
        p = e + 1;
    }
}

/* $VISUAL, else $EDITOR, else Debian's choice of editor (sensible-editor,
 * then the editor alternative) when there, else vi. *chosen: it came from
 * the environment (the user picked it). */
static const char *box_editor(int *chosen)
{
    static const char *const fallback[] = { "sensible-editor", "editor" };
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    *chosen = ed && *ed;
    if (*chosen)
        return ed;
    for (size_t i = 0; i < ARRAY_SIZE(fallback); i++)
        if (box_on_path(fallback[i]))
            return fallback[i];
    return "vi";
}

/* Runs the editor on path in a child and waits for it. The editor gets the
 * terminal: in a process group of its own when pydrill has job control
 * (an interview's clock can then end it, and whatever it started, as a
 * whole), else in pydrill's own group, as system() would. Returns 1 when
 * the clock ended it, else 0 (*st: its wait status; *pid_out -1: no child),
 * and -1 when the terminal could not be taken back (*tty_errno says why;
 * pydrill is then a background reader that would spin without a key: the
 * caller leaves). */
static int box_run_editor(const char *cmd, const char *path, double deadline_ms, pid_t *pid_out, int *st,
                          int *tty_errno)
{
    /* as system() does: the editor gets Ctrl-C, not us; taking the
     * terminal back from the background needs SIGTTOU ignored */
    struct sigaction ign, oint, oquit, ottou;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, &oint);
    sigaction(SIGQUIT, &ign, &oquit);
    sigaction(SIGTTOU, &ign, &ottou);
    /* Job control is ours when the terminal's foreground group is our
     * group. Under a PID namespace whose session leader is outside it
     * (unshare --pid, tools/root-run.sh), both calls say 0: that is no
     * job control, or the terminal would be handed to the editor and
     * never taken back (tcsetpgrp(fd, 0) is EINVAL). */
    pid_t mine = getpgrp();
    pid_t fg = isatty(STDIN_FILENO) ? tcgetpgrp(STDIN_FILENO) : -1;
    int own_group = mine > 0 && fg > 0 && fg == mine;
    /* the child waits on go[0] until the parent has moved it to its
     * group and handed it the terminal, or has given up doing so */
    int go[2] = { -1, -1 };
    if (own_group && pipe2(go, O_CLOEXEC) < 0)
        own_group = 0;
    int rc = 0;
    pid_t pid = fork();
    if (pid == 0) {
        if (go[0] >= 0) {
            char c;
            close(go[1]);
            while (read(go[0], &c, 1) < 0 && errno == EINTR)
                ;
        }
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0 && own_group) {
        /* the child is still waiting on the pipe, not exec'd: it can be
         * moved, and back to our group when the terminal refuses it */
        if (setpgid(pid, pid) < 0) {
            own_group = 0;
        } else if (tcsetpgrp(STDIN_FILENO, pid) < 0) {
            own_group = 0;
            if (setpgid(pid, mine) < 0) {
                /* in a background group it would stop at its first read */
                kill(pid, SIGKILL);
            }
        }
    }
    if (go[1] >= 0) {
        close(go[0]);
        close(go[1]); /* end of file: go on */
    }
    *pid_out = pid;
    int ended = pid > 0 ? box_wait_editor(pid, own_group, deadline_ms, st) : 0;
    if (own_group && tcsetpgrp(STDIN_FILENO, mine) < 0) {
        *tty_errno = errno;
        rc = -1;
    }
    sigaction(SIGINT, &oint, NULL);
    sigaction(SIGQUIT, &oquit, NULL);
    sigaction(SIGTTOU, &ottou, NULL);
    return rc < 0 ? -1 : ended;
}

/* The quiz is leaving on a signal that came while the editor was open:
 * what the editor had saved in its file becomes the draft (kept, or
 * handed in by an interview), and stderr says which it was. */
static void box_take_on_leave(tui_app *a, const char *ed, const char *path, const char *sent)
{
    char *data = NULL, *err = NULL;
    size_t n = 0;
    int read_ok = util_read_file(path, &data, &n, &err) == 0;
    int saved = read_ok && (n != strlen(sent) || memcmp(data, sent, n));
    const char *id = a->cat->drills[a->di].id;
    const char *cause = app_signal_cause(crt_signalled());
    if (saved) {
        if (n && data[n - 1] == '\n')
            data[n - 1] = '\0';
        edbuf_set_text(a->ed, data);
        app_note_at_exit("%s was open when %s came: what it had saved is the draft of %s", ed, cause, id);
    } else if (read_ok) {
        app_note_at_exit("%s was open when %s came; it had saved nothing new: the draft of %s is as it was typed",
                         ed, cause, id);
    } else {
        app_note_at_exit("%s was open when %s came; its file could not be read back (%s): the draft of %s is as "
                         "it was typed",
                         ed, cause, err ? err : "?", id);
    }
    free(data);
    free(err);
}

/* $VISUAL/$EDITOR on the answer, in a temporary .py file. In an interview
 * the clock goes on: when it runs out the editor is ended (box_wait_editor)
 * and the interview too, with the drafts as they stood. */
static void box_external_editor(tui_app *a)
{
    int chosen;
    const char *ed = box_editor(&chosen);
    const char *tmp = getenv("TMPDIR");
    char *path = xasprintf("%s/pydrill-%s-XXXXXX.py", tmp && *tmp ? tmp : "/tmp", a->cat->drills[a->di].id);
    int fd = mkstemps(path, 3);
    if (fd < 0) {
        app_msg(a, "cannot create a temporary file: %s", strerror(errno));
        free(path);
        return;
    }
    char *text = edbuf_text(a->ed);
    size_t len = strlen(text);
    int ok = write(fd, text, len) == (ssize_t)len && (len == 0 || text[len - 1] == '\n' || write(fd, "\n", 1) == 1);
    close(fd);
    /* what the file held, to tell whether a failed editor wrote anything */
    char *sent = len && text[len - 1] != '\n' ? xasprintf("%s\n", text) : xstrdup(text);
    free(text);
    int keep = 0;
    if (!ok) {
        app_msg(a, "cannot write %s", path);
        goto out;
    }
    char *cmd = xasprintf("%s \"$1\"", ed);
    int interview = a->mode == MODE_INTERVIEW && !a->iv_done;
    crt_suspend();
    pid_t pid;
    int st = 0, tty_errno = 0;
    int ended = box_run_editor(cmd, path, interview ? a->iv_deadline_ms : 0, &pid, &st, &tty_errno);
    free(cmd);
    crt_resume();
    if (ended < 0 && !crt_signalled()) {
        /* not ours to read any more: leave, as a closed terminal does
         * (after SIGHUP that is what happened: nothing more to say) */
        app_note_at_exit("the terminal could not be taken back from the editor (%s): %s", ed, strerror(tty_errno));
        raise(SIGHUP);
    }
    if (crt_signalled() && !ended) {
        /* SIGHUP or SIGTERM ended the editor with the quiz: what it had
         * saved is the draft, as when an interview's clock ends it */
        box_take_on_leave(a, ed, path, sent);
        goto out;
    }
    if (ended) {
        /* the clock ran out while the editor was open: what it had saved
         * is the draft (SPEC 5: a drill with a draft is never missing) */
        char *data = NULL, *err = NULL;
        size_t n;
        int saved = util_read_file(path, &data, &n, &err) == 0 && (n != strlen(sent) || memcmp(data, sent, n));
        if (saved) {
            if (n && data[n - 1] == '\n')
                data[n - 1] = '\0';
            edbuf_set_text(a->ed, data);
        }
        free(data);
        free(err);
        iv_finish(a, 1);
        app_msg(a, "Time is up: %s was still open, so it was closed; %s every draft was handed in as it stood.", ed,
                saved ? "what it had saved was taken as this drill's answer, and" : "it had saved nothing new;");
        goto out;
    }
    if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 127) {
        /* sh's "not found" went to the screen just redrawn */
        app_msg(a, "%s: not found; set VISUAL or EDITOR (the answer is unchanged)", ed);
        goto out;
    }
    if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 126) {
        app_msg(a, "%s: cannot be run (not executable); set VISUAL or EDITOR (the answer is unchanged)", ed);
        goto out;
    }
    if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        char how[64];
        if (pid < 0)
            snprintf(how, sizeof how, "could not be started");
        else if (WIFSIGNALED(st))
            snprintf(how, sizeof how, "was killed by signal %d", WTERMSIG(st));
        else
            snprintf(how, sizeof how, "exited with status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        /* as git does: what it wrote is not taken, but not thrown away */
        char *data = NULL, *err = NULL;
        size_t n;
        keep = pid > 0 && util_read_file(path, &data, &n, &err) == 0 && (n != strlen(sent) || memcmp(data, sent, n));
        free(data);
        free(err);
        if (keep)
            app_msg(a, "the editor failed; the answer is unchanged (%s %s); what it wrote is kept in %s", ed, how,
                    path);
        else
            app_msg(a, "the editor failed; the answer is unchanged (%s %s)%s", ed, how,
                    chosen ? "" : "; set VISUAL or EDITOR");
        goto out;
    }
    char *data = NULL, *err = NULL;
    size_t n;
    if (util_read_file(path, &data, &n, &err) < 0) {
        app_msg(a, "%s", err);
        free(err);
        goto out;
    }
    /* one trailing newline is the editor's, not the answer's */
    if (n && data[n - 1] == '\n')
        data[n - 1] = '\0';
    edbuf_set_text(a->ed, data);
    free(data);
    app_msg(a, "answer read back from %s", ed);
out:
    if (!keep)
        unlink(path);
    free(sent);
    free(path);
}

int box_key(tui_app *a, int k)
{
    int code = box_is_code(a);
    int page = a->ed_h > 2 ? a->ed_h - 1 : 1;
    if (k != TK(KEY_UP) && k != TK(KEY_DOWN) && k != TK(KEY_PPAGE) && k != TK(KEY_NPAGE))
        a->ed_pref = -1;
    switch (k) {
    case TK(KEY_UP): code ? edbuf_move(a->ed, -1, 0) : box_vmove(a, -1); break;
    case TK(KEY_DOWN): code ? edbuf_move(a->ed, 1, 0) : box_vmove(a, 1); break;
    case TK(KEY_PPAGE): code ? edbuf_move(a->ed, -page, 0) : box_vmove(a, -page); break;
    case TK(KEY_NPAGE): code ? edbuf_move(a->ed, page, 0) : box_vmove(a, page); break;
    case TK(KEY_LEFT): edbuf_move(a->ed, 0, -1); break;
    case TK(KEY_RIGHT): edbuf_move(a->ed, 0, 1); break;
    case TK(KEY_HOME): edbuf_home(a->ed); break;
    case TK(KEY_END): edbuf_end(a->ed); break;
    case TK_CTRL('a'): edbuf_line_start(a->ed); break;
    case TK_CTRL('e'):
        /* the code editor keeps Ctrl-E for $EDITOR (SPEC 5's key table);
         * a text box takes it as the end of the line, as a shell does */
        if (code)
            box_external_editor(a);
        else
            edbuf_end(a->ed);
        break;
    case TK_CTRL('o'): box_external_editor(a); break;
    case TK_CTRL('k'): edbuf_kill_to_end(a->ed); break;
    case TK_CTRL('u'): edbuf_kill_to_start(a->ed); break;
    case TK_CTRL('w'): edbuf_kill_word(a->ed); break;
    case '\n':
    case TK(KEY_ENTER):
        /* indentation is for code; output and prose start each line afresh */
        if (code)
            edbuf_newline(a->ed);
        else
            edbuf_insert(a->ed, "\n");
        break;
    case '\t': edbuf_tab(a->ed); break;
    case 127:
    case 8:
    case TK(KEY_BACKSPACE): edbuf_backspace(a->ed); break;
    case TK(KEY_DC): edbuf_delete(a->ed); break;
    case TK_CTRL('z'):
        if (!edbuf_undo(a->ed))
            app_msg(a, "nothing to undo");
        break;
    case TK_CTRL('y'):
        if (!edbuf_redo(a->ed))
            app_msg(a, "nothing to redo");
        break;
    case TK_PASTE: edbuf_insert(a->ed, crt_paste()); break; /* verbatim, one undo step */
    default:
        if (k >= 32 && !(k & TK_FN) && k != 127) {
            /* the answer is UTF-8 whatever the locale (crt_key decoded it) */
            char mb[5];
            mb[util_utf8_encode((uint32_t)k, mb)] = '\0';
            edbuf_insert(a->ed, mb);
            break;
        }
        return 0;
    }
    return TUI_REDRAW;
}
