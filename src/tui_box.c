/* tui_box.c - the answer box of a drill: a text box that wraps its lines
 * over as many rows as they need (predict, explain: a paragraph can be
 * reread whole before it is submitted), or a code editor with line
 * numbers, highlighting and sideways scrolling (fix, write); the keys that
 * edit either, and the round trip through $VISUAL/$EDITOR. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "highlight.h"
#include "util.h"

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
        if (!box_is_code(a) && len && crt_width(s + r[n - 1].start, len - r[n - 1].start) >= tw) {
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
            *x = crt_width(s + r[i].start, col - r[i].start);
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
 * `skip` cells first (the code editor's sideways scroll). */
static void box_draw_part(tui_app *a, WINDOW *w, int y, int x, int maxw, size_t i, size_t from, size_t to,
                          size_t off, int skip)
{
    size_t len;
    const char *s = edbuf_line(a->ed, i, &len);
    size_t b = from;
    while (b < to && skip > 0) {
        size_t cl = 1;
        while (b + cl < to && ((unsigned char)s[b + cl] & 0xc0) == 0x80)
            cl++;
        skip -= crt_width(s + b, cl);
        b += cl;
    }
    const unsigned char *cls = a->ed_cls ? a->ed_cls + off : NULL;
    tui_doc one;
    doc_init(&one);
    doc_line l = { (char *)s + b, to - b, R_NORMAL, cls ? (unsigned char *)cls + b : NULL, 0 };
    one.lines = &l;
    one.n = 1;
    WINDOW *sub = derwin(w, 1, maxw, y, x);
    if (sub) {
        doc_draw(&one, sub, 0, 1, 0);
        wnoutrefresh(sub);
        delwin(sub);
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
    if (a->ed_top >= n)
        a->ed_top = 0;
    if (!code)
        a->ed_left = 0;
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
        int c = crt_width(s + b, cl);
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

/* $VISUAL/$EDITOR on the answer, in a temporary .py file. */
static void box_external_editor(tui_app *a)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
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
    free(text);
    if (!ok) {
        app_msg(a, "cannot write %s", path);
        goto out;
    }
    char *cmd = xasprintf("%s \"$1\"", ed);
    crt_suspend();
    /* as system() does: the editor gets Ctrl-C, not us */
    struct sigaction ign, oint, oquit;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, &oint);
    sigaction(SIGQUIT, &ign, &oquit);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    if (pid > 0)
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
    sigaction(SIGINT, &oint, NULL);
    sigaction(SIGQUIT, &oquit, NULL);
    free(cmd);
    crt_resume();
    if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        app_msg(a, "the editor failed; the answer is unchanged (%s)", ed);
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
    unlink(path);
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
            char mb[MB_LEN_MAX + 1];
            mbstate_t st;
            memset(&st, 0, sizeof st);
            size_t n = wcrtomb(mb, (wchar_t)k, &st);
            if (n == (size_t)-1 || n == 0)
                return TUI_HANDLED;
            mb[n] = '\0';
            edbuf_insert(a->ed, mb);
            break;
        }
        return 0;
    }
    return TUI_REDRAW;
}
