/* tui_drill.c - the drill screen: the question (prompt, highlighted code,
 * choices, hints) above the answer being typed in place (a text box, or an
 * editor for fix/write), submitting and running the visible tests, the
 * external $VISUAL/$EDITOR, and what opening and leaving a drill keeps. */
#define _GNU_SOURCE
#include "tui.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "highlight.h"
#include "util.h"

static drill *cur_drill(tui_app *a)
{
    return &a->cat->drills[a->di];
}

static int uses_editor(const drill *d)
{
    return d->kind != KIND_CHOICE;
}

int drill_typing(const tui_app *a)
{
    return a->open && a->screen == SCR_DRILL && uses_editor(&a->cat->drills[a->di]);
}

/* The answer as it would be submitted (choice: letters). Caller frees. */
static char *drill_answer(tui_app *a)
{
    const drill *d = cur_drill(a);
    if (d->kind != KIND_CHOICE)
        return edbuf_text(a->ed);
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->nchoices && i < 8; i++)
        if (a->choice_sel & (1u << i))
            sbuf_addf(&sb, "%s%c", sb.len ? "," : "", (char)('a' + i));
    return sbuf_detach(&sb, NULL);
}

static unsigned parse_letters(const char *s)
{
    unsigned m = 0;
    for (; s && *s; s++) {
        int c = tolower((unsigned char)*s);
        if (c >= 'a' && c <= 'h')
            m |= 1u << (c - 'a');
    }
    return m;
}

time_t app_now(void)
{
    const char *s = getenv("PYDRILL_NOW");
    if (s && *s)
        return (time_t)strtoll(s, NULL, 10);
    return time(NULL);
}

void app_open_drill(tui_app *a, size_t di)
{
    if (a->open)
        app_close_drill(a);
    drill *d = &a->cat->drills[di];
    a->open = 1;
    a->di = di;
    a->screen = SCR_DRILL;
    a->hints_shown = 0;
    a->retries = 0;
    a->doc_top = a->ed_top = 0;
    a->ed_left = 0;
    a->opened_ms = util_now_ms();
    doc_clear(&a->run_doc);
    free(a->plan_err);
    a->plan_err = NULL;
    char *err = NULL;
    if (tui_plan(d, &err) < 0)
        a->plan_err = err;
    state_entry *e = a->mode == MODE_INTERVIEW ? NULL : app_entry(a, d);
    /* review starts from a clean slate (or the draft); practice also from the last answer */
    const char *text = e && e->draft ? e->draft : e && a->mode == MODE_PRACTICE ? e->last_answer : NULL;
    if (d->kind == KIND_CHOICE) {
        a->choice_sel = parse_letters(text);
    } else {
        if (!text && (d->kind == KIND_FIX || d->kind == KIND_WRITE))
            text = d->code;
        a->ed = edbuf_new(text);
    }
    a->code_cls = d->code ? highlight_source(d->code) : NULL;
}

static int drill_pristine(const drill *d, const char *text)
{
    const char *start = (d->kind == KIND_FIX || d->kind == KIND_WRITE) && d->code ? d->code : "";
    if (d->kind == KIND_CHOICE)
        start = "";
    return !strcmp(text, start);
}

void app_close_drill(tui_app *a)
{
    if (!a->open)
        return;
    drill *d = cur_drill(a);
    tui_grading_cancel(&a->g);
    char *text = drill_answer(a);
    state_entry *e = app_entry(a, d);
    int keep = !drill_pristine(d, text) && !(e && e->last_answer && !strcmp(e->last_answer, text));
    if (keep || (e && e->draft)) {
        state_set_draft(&a->st, d->id, d->revision, keep ? text : NULL);
        app_save(a);
    }
    free(text);
    if (a->ed)
        edbuf_free(a->ed);
    a->ed = NULL;
    free(a->code_cls);
    free(a->ed_cache);
    free(a->ed_cls);
    a->code_cls = NULL;
    a->ed_cache = NULL;
    a->ed_cls = NULL;
    doc_clear(&a->run_doc);
    a->open = 0;
    a->screen = SCR_LIST;
}

void app_start_review(tui_app *a)
{
    time_t now = app_now();
    free(a->queue);
    a->queue = xmalloc((a->cat->ndrills + 1) * sizeof *a->queue);
    a->nqueue = 0;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (e && e->attempts > 0 && review_is_due(&e->card, now))
            a->queue[a->nqueue++] = i;
    }
    if (!a->nqueue) {
        app_msg(a, "Nothing is due for review.");
        a->mode = MODE_PRACTICE;
        return;
    }
    a->mode = MODE_REVIEW;
    a->qpos = 0;
    app_open_drill(a, a->queue[0]);
}

void app_next(tui_app *a)
{
    if (a->mode == MODE_REVIEW) {
        app_close_drill(a);
        if (++a->qpos < a->nqueue) {
            app_open_drill(a, a->queue[a->qpos]);
        } else {
            a->mode = MODE_PRACTICE;
            app_msg(a, "Review finished: %zu drills.", a->nqueue);
        }
        return;
    }
    size_t di = a->di, r;
    app_close_drill(a);
    for (r = 0; r < a->nrows; r++)
        if (a->rows[r] == di)
            break;
    for (r = r + 1; r < a->nrows; r++)
        if (a->rows[r] < a->cat->ndrills)
            break;
    if (r >= a->nrows) {
        app_msg(a, "That was the last drill of the list.");
        return;
    }
    a->cur = r;
    app_open_drill(a, a->rows[r]);
}

/* ---- drawing ---- */

static void drill_doc(tui_app *a, tui_doc *doc, int width)
{
    drill *d = cur_drill(a);
    doc_wrap(doc, R_TITLE, 1, width, d->title);
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s %s level %d %s %s", drill_kind_name(d->kind), crt_glyph(G_VLINE), d->level,
              crt_glyph(G_VLINE), d->topic);
    for (size_t i = 0; i < d->ntags; i++)
        sbuf_addf(&sb, "%s#%s", i ? " " : "  ", d->tags[i]);
    doc_add(doc, R_DIM, 1, sb.buf);
    sbuf_release(&sb);
    doc_blank(doc);
    doc_wrap(doc, R_NORMAL, 1, width, d->prompt);
    if (d->code && d->kind != KIND_FIX && d->kind != KIND_WRITE) {
        doc_blank(doc);
        doc_code(doc, R_NORMAL, 3, d->code, a->code_cls);
    }
    if (d->kind == KIND_CHOICE) {
        doc_blank(doc);
        for (size_t i = 0; i < d->nchoices && i < 8; i++) {
            int on = (a->choice_sel >> i) & 1;
            char *s = xasprintf("[%c] %c) %s", on ? 'x' : ' ', (char)('a' + i), d->choices[i]);
            doc_wrap(doc, on ? R_KEY : R_NORMAL, 2, width, s);
            free(s);
        }
        if (d->nanswer > 1)
            doc_add(doc, R_DIM, 2, "(several answers are right: letters toggle)");
    }
    for (size_t i = 0; i < a->hints_shown && i < d->nhints; i++) {
        doc_blank(doc);
        char *s = xasprintf("Hint %zu/%zu: %s", i + 1, d->nhints, d->hints[i]);
        doc_wrap(doc, R_WARN, 1, width, s);
        free(s);
    }
    if (d->skip_reason) {
        doc_blank(doc);
        doc_wrap(doc, R_WARN, 1, width, d->skip_reason);
    }
    if (a->plan_err) {
        doc_blank(doc);
        doc_wrap(doc, R_FAIL, 1, width, a->plan_err);
    }
    for (size_t i = 0; i < a->run_doc.n; i++) {
        doc_line *l = &a->run_doc.lines[i];
        doc_add(doc, l->role, l->indent + 1, l->text);
    }
}

/* Draws line i of the editor from cell `left`, in at most maxw cells. */
static void ed_draw_line(tui_app *a, WINDOW *w, int y, int x, int maxw, size_t i, size_t off)
{
    size_t len;
    const char *s = edbuf_line(a->ed, i, &len);
    size_t b = 0;
    int skip = a->ed_left;
    while (b < len && skip > 0) {
        size_t cl = 1;
        while (b + cl < len && ((unsigned char)s[b + cl] & 0xc0) == 0x80)
            cl++;
        skip -= crt_width(s + b, cl);
        b += cl;
    }
    const unsigned char *cls = a->ed_cls ? a->ed_cls + off : NULL;
    tui_doc one;
    doc_init(&one);
    doc_line l = { (char *)s + b, len - b, R_NORMAL, cls ? (unsigned char *)cls + b : NULL, 0 };
    one.lines = &l;
    one.n = 1;
    WINDOW *sub = derwin(w, 1, maxw, y, x);
    if (sub) {
        doc_draw(&one, sub, 0, 1, 0);
        wnoutrefresh(sub);
        delwin(sub);
    }
}

static void ed_draw(tui_app *a, WINDOW *w, int y0, int h)
{
    drill *d = cur_drill(a);
    int wd = getmaxx(w);
    int code = d->kind == KIND_FIX || d->kind == KIND_WRITE;
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
    size_t n = edbuf_lines(a->ed), row, col;
    edbuf_cursor(a->ed, &row, &col);
    int digits = 1;
    for (size_t k = n; k >= 10; k /= 10)
        digits++;
    int gut = code ? digits + 3 : 1;
    int tw = wd - gut - 1;
    if (tw < 4)
        tw = 4;
    if (row < a->ed_top)
        a->ed_top = row;
    if (row >= a->ed_top + (size_t)h)
        a->ed_top = row - (size_t)h + 1;
    size_t clen;
    const char *cl = edbuf_line(a->ed, row, &clen);
    int ccell = crt_width(cl, col);
    if (ccell < a->ed_left)
        a->ed_left = ccell;
    if (ccell >= a->ed_left + tw)
        a->ed_left = ccell - tw + 1;
    size_t off = 0;
    for (size_t i = 0; i < a->ed_top && i < n; i++) {
        size_t len;
        edbuf_line(a->ed, i, &len);
        off += len + 1;
    }
    for (int r = 0; r < h; r++) {
        size_t i = a->ed_top + (size_t)r;
        if (i >= n)
            break;
        if (code) {
            char *num = xasprintf("%*zu ", digits + 1, i + 1);
            crt_puts(w, y0 + r, 0, gut, num, crt_attr(R_DIM));
            free(num);
            crt_puts(w, y0 + r, gut - 2, 1, crt_glyph(G_VLINE), crt_attr(R_DIM));
        }
        size_t len;
        edbuf_line(a->ed, i, &len);
        ed_draw_line(a, w, y0 + r, gut, tw, i, off);
        off += len + 1;
    }
    if (!a->help && !a->confirm) {
        a->cur_y = y0 + (int)(row - a->ed_top);
        a->cur_x = gut + ccell - a->ed_left;
    }
}

void drill_draw(tui_app *a, WINDOW *w)
{
    drill *d = cur_drill(a);
    int h = getmaxy(w), wd = getmaxx(w);
    app_draw_header(a, w, d->id);
    tui_doc doc;
    doc_init(&doc);
    drill_doc(a, &doc, wd - 2);
    int avail = h - 3;
    int ed_h = 0, doc_h = avail;
    if (uses_editor(d)) {
        /* the editor gets room for its text (up to half the screen), the
         * question what it needs of the rest, the editor anything left */
        int want = (int)edbuf_lines(a->ed) + 1;
        int ed_min = want < avail / 2 ? want : avail / 2;
        if (ed_min < 3)
            ed_min = 3;
        doc_h = (int)doc.n < avail - 1 - ed_min ? (int)doc.n : avail - 1 - ed_min;
        if (doc_h < 1)
            doc_h = 1;
        ed_h = avail - 1 - doc_h;
    }
    if (doc.n > (size_t)doc_h && a->doc_top > doc.n - (size_t)doc_h)
        a->doc_top = doc.n - (size_t)doc_h;
    if (doc.n <= (size_t)doc_h)
        a->doc_top = 0;
    doc_draw(&doc, w, 1, doc_h, a->doc_top);
    if (doc.n > a->doc_top + (size_t)doc_h)
        crt_puts(w, doc_h, wd - 12, 12, "more: Ctrl-N", crt_attr(R_DIM));
    if (uses_editor(d)) {
        int sy = 1 + doc_h;
        attr_t la = crt_attr(R_DIM);
        for (int x = 0; x < wd; x++)
            crt_puts(w, sy, x, 1, crt_glyph(G_HLINE), la);
        const char *label = d->kind == KIND_PREDICT ? " Your answer: what it prints "
                            : d->kind == KIND_EXPLAIN ? " Your answer, in words "
                                                      : " Your code ";
        crt_puts(w, sy, 2, wd - 4, label, crt_attr(R_KEY));
        ed_draw(a, w, sy + 1, ed_h);
    }
    doc_free(&doc);
    const char *keys;
    if (d->kind == KIND_CHOICE)
        keys = a->mode == MODE_INTERVIEW ? "a-h choose  Enter/^S submit  ^N/^P scroll  Esc end interview"
                                         : "a-h choose  Enter/^S submit  ^T hint  ^N/^P scroll  Esc back  ? help";
    else if (d->kind == KIND_FIX || d->kind == KIND_WRITE)
        keys = a->mode == MODE_INTERVIEW ? "^S submit  ^R run visible tests  ^E $EDITOR  ^Z undo  Esc end  F1 help"
                                         : "^S submit  ^R run visible tests  ^T hint  ^E $EDITOR  ^Z undo  Esc back  F1 help";
    else
        keys = a->mode == MODE_INTERVIEW ? "^S submit  ^E $EDITOR  ^Z undo  ^N/^P scroll  Esc end  F1 help"
                                         : "^S submit  ^T hint  ^E $EDITOR  ^Z undo  ^N/^P scroll  Esc back  F1 help";
    app_draw_footer(a, w, keys);
}

/* ---- actions ---- */

static void drill_grade(tui_app *a, int visible_only)
{
    drill *d = cur_drill(a);
    if (tui_grading_busy(&a->g))
        return;
    if (a->plan_err) {
        app_msg(a, "This drill cannot be graded here (see above).");
        return;
    }
    if (visible_only && d->kind != KIND_FIX && d->kind != KIND_WRITE) {
        app_msg(a, "Ctrl-R runs the tests of fix and write drills.");
        return;
    }
    if (a->have_v)
        drill_verdict_free(&a->v);
    drill_verdict_init(&a->v, d);
    a->have_v = 1;
    a->g_submit = !visible_only;
    free(a->answer_sent);
    a->answer_sent = drill_answer(a);
    a->tick = 0;
    if (!tui_grading_start(&a->g, d, a->answer_sent, visible_only, &a->v))
        drill_graded(a, &a->v);
}

void drill_graded(tui_app *a, drill_verdict *v)
{
    drill *d = cur_drill(a);
    int wd = getmaxx(stdscr);
    if (!a->g_submit) {
        doc_clear(&a->run_doc);
        doc_blank(&a->run_doc);
        doc_add(&a->run_doc, R_TITLE, 0, "Visible tests (Ctrl-R)");
        tui_doc_verdict(&a->run_doc, v, a->g.traceback, wd - 4, 0);
        size_t ok = 0;
        for (size_t i = 0; i < v->ntests; i++)
            ok += v->tests[i].st == ST_PASS;
        app_msg(a, "visible tests: %zu of %zu passed (%s)", ok, v->ntests, status_name(v->st));
        a->doc_top = (size_t)-1; /* clamped to the end when drawn */
        return;
    }
    a->took_secs = (util_now_ms() - a->opened_ms) / 1000.0;
    state_record(&a->st, d->id, d->revision, (int)v->st, v->score, a->answer_sent, (int)a->hints_shown,
                 a->retries, app_now());
    state_set_draft(&a->st, d->id, d->revision, NULL);
    app_save(a);
    a->retries++;
    if (a->mode != MODE_INTERVIEW) {
        /* an interview is one record, written when it ends */
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "mode", a->mode == MODE_REVIEW ? "review" : "practice");
        cJSON_AddStringToObject(o, "id", d->id);
        cJSON_AddStringToObject(o, "status", status_name(v->st));
        cJSON_AddNumberToObject(o, "score", v->score);
        cJSON_AddNumberToObject(o, "time", (double)app_now());
        char *line = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        app_history_add(a, line);
        free(line);
    }
    if (a->mode == MODE_INTERVIEW) {
        tui_iv_item *it = &a->iv[a->qpos];
        it->answered = 1;
        it->st = v->st;
        it->score = v->score;
        it->secs = a->took_secs;
        app_close_drill(a);
        if (++a->qpos < a->niv) {
            app_open_drill(a, a->iv[a->qpos].drill);
            app_msg(a, "Answer recorded. Drill %zu of %zu.", a->qpos + 1, a->niv);
        } else {
            a->qpos = a->niv - 1;
            iv_finish(a);
        }
        return;
    }
    a->res_top = 0;
    a->screen = SCR_RESULT;
}

/* Ctrl-E: the answer in $VISUAL/$EDITOR on a temporary .py file. */
static void drill_external_editor(tui_app *a)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    const char *tmp = getenv("TMPDIR");
    char *path = xasprintf("%s/pydrill-%s-XXXXXX.py", tmp && *tmp ? tmp : "/tmp", cur_drill(a)->id);
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
        app_msg(a, "the editor (%s) failed; the answer is unchanged", ed);
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

static int drill_edit_key(tui_app *a, int k)
{
    int h = getmaxy(stdscr);
    int page = h / 2 > 2 ? h / 2 - 2 : 1;
    switch (k) {
    case TK(KEY_UP): edbuf_move(a->ed, -1, 0); break;
    case TK(KEY_DOWN): edbuf_move(a->ed, 1, 0); break;
    case TK(KEY_LEFT): edbuf_move(a->ed, 0, -1); break;
    case TK(KEY_RIGHT): edbuf_move(a->ed, 0, 1); break;
    case TK(KEY_HOME): edbuf_home(a->ed); break;
    case TK(KEY_END): edbuf_end(a->ed); break;
    case TK(KEY_PPAGE): edbuf_move(a->ed, -page, 0); break;
    case TK(KEY_NPAGE): edbuf_move(a->ed, page, 0); break;
    case '\n':
    case TK(KEY_ENTER): edbuf_newline(a->ed); break;
    case '\t': edbuf_tab(a->ed); break;
    case 127:
    case 8:
    case TK(KEY_BACKSPACE): edbuf_backspace(a->ed); break;
    case TK(KEY_DC): edbuf_delete(a->ed); break;
    case TK_CTRL('z'):
        if (!edbuf_undo(a->ed))
            app_msg(a, "nothing to undo");
        break;
    case TK_CTRL('e'): drill_external_editor(a); break;
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

static void drill_end_interview(tui_app *a)
{
    iv_finish(a);
}

int drill_key(tui_app *a, int k)
{
    drill *d = cur_drill(a);
    switch (k) {
    case TK_ESC:
        if (tui_grading_busy(&a->g)) {
            tui_grading_cancel(&a->g);
            app_msg(a, "run cancelled");
        } else if (a->mode == MODE_INTERVIEW) {
            app_confirm(a, drill_end_interview, "End the interview now?");
        } else {
            app_close_drill(a);
            if (a->mode == MODE_REVIEW) {
                a->mode = MODE_PRACTICE;
                app_msg(a, "review stopped");
            }
        }
        return TUI_REDRAW;
    case TK_CTRL('s'): drill_grade(a, 0); return TUI_REDRAW;
    case TK_CTRL('r'): drill_grade(a, 1); return TUI_REDRAW;
    case TK_CTRL('t'):
        if (a->mode == MODE_INTERVIEW)
            app_msg(a, "No hints in interview mode.");
        else if (a->hints_shown < d->nhints) {
            a->hints_shown++;
            a->doc_top = (size_t)-1;
        } else
            app_msg(a, d->nhints ? "No more hints." : "This drill has no hints.");
        return TUI_REDRAW;
    case TK_CTRL('n'):
    case TK(KEY_SF): a->doc_top = a->doc_top == (size_t)-1 ? a->doc_top : a->doc_top + 3; return TUI_REDRAW;
    case TK_CTRL('p'):
    case TK(KEY_SR): a->doc_top = a->doc_top == (size_t)-1 ? 0 : a->doc_top > 3 ? a->doc_top - 3 : 0; return TUI_REDRAW;
    }
    if (d->kind == KIND_CHOICE) {
        if (k >= 'a' && k <= 'h' && (size_t)(k - 'a') < d->nchoices) {
            unsigned bit = 1u << (k - 'a');
            a->choice_sel = d->nanswer > 1 ? a->choice_sel ^ bit : (a->choice_sel == bit ? 0 : bit);
            return TUI_REDRAW;
        }
        if (k == '\n' || k == TK(KEY_ENTER)) {
            drill_grade(a, 0);
            return TUI_REDRAW;
        }
        if (k == TK(KEY_DOWN) || k == 'j' || k == TK(KEY_NPAGE)) {
            a->doc_top += k == TK(KEY_NPAGE) ? 10 : 1;
            return TUI_REDRAW;
        }
        if (k == TK(KEY_UP) || k == 'k' || k == TK(KEY_PPAGE)) {
            size_t s = k == TK(KEY_PPAGE) ? 10 : 1;
            a->doc_top = a->doc_top == (size_t)-1 ? 0 : a->doc_top > s ? a->doc_top - s : 0;
            return TUI_REDRAW;
        }
        if (k == 'q') {
            app_close_drill(a);
            return TUI_REDRAW;
        }
        return 0;
    }
    return drill_edit_key(a, k);
}
