/* tui_report.c - the interview report screen (the interview just ended,
 * or a past one) and the list of past interviews: drawn from
 * interview_render's lines, exported as text or HTML to the current
 * folder. The interview itself is tui_interview.c. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* ---- the report ---- */

typedef struct {
    tui_doc *doc;
    int width;
} report_ctx;

static crt_role report_role(interview_style st)
{
    switch (st) {
    case IV_TITLE: return R_TITLE;
    case IV_PASS: return R_PASS;
    case IV_FAIL: return R_FAIL;
    case IV_DIM: return R_DIM;
    case IV_BAR: return R_BAR;
    case IV_HEAD: return R_KEY;
    default: return R_NORMAL;
    }
}

/* One line of text, wrapped at spaces when it is wider than the screen
 * (summary lines, bars, the drill table): a narrow terminal shows all of
 * it rather than its start. */
static void report_line(report_ctx *c, crt_role r, int indent, const char *p, size_t n)
{
    int width = c->width - indent;
    if (width < 8)
        width = 8;
    do {
        size_t show, take = doc_wrap_take(p, n, width, &show);
        char *line = xmemdup(p, show);
        doc_add(c->doc, r, indent, line);
        free(line);
        p += take;
        n -= take;
    } while (n > 0);
}

static void report_sink(void *ctx, interview_style st, int indent, const char *text)
{
    report_ctx *c = ctx;
    if (!*text) {
        doc_blank(c->doc);
        return;
    }
    /* an author's prose re-wrapped; code and output line by line as they
     * are; the rest, the candidate's words too, line by line, wrapped
     * when too wide (a line break the candidate typed is kept) */
    const char *p = text;
    for (;;) {
        const char *nl = strchrnul(p, '\n');
        if (st == IV_CODE) {
            /* the whole line, wrapped, the rows it goes on to marked: a
             * report read on screen must not hide the end of an answer */
            doc_wrap_verbatim(c->doc, report_role(st), indent + 1, c->width, "", p, (size_t)(nl - p), (size_t)-1);
        } else if (st == IV_WRAP) {
            doc_wrap(c->doc, report_role(st), indent + 1, c->width, text);
            return;
        } else {
            report_line(c, report_role(st), indent + 1, p, (size_t)(nl - p));
        }
        if (!*nl)
            break;
        p = nl + 1;
    }
}

/* The report's header: the interview's own score, not the practice
 * progress the list's header shows. */
static void report_header(tui_app *a, WINDOW *w)
{
    int wd = getmaxx(w);
    attr_t h = crt_attr(R_HEADER);
    crt_fill(w, 0, 0, h);
    char right[96] = "";
    if (a->rep) {
        size_t max = interview_max(a->rep);
        double s = interview_score(a->rep);
        snprintf(right, sizeof right, "interview score %.2f/%zu (%.0f%%) ", s, max,
                 max ? 100.0 * s / (double)max : 0.0);
    }
    int rw = crt_width(right, strlen(right));
    if (rw + 12 > wd)
        rw = 0;
    crt_puts(w, 0, 1, wd - 1 - (rw ? rw + 1 : 0), "pydrill interview report", h | A_BOLD);
    if (rw)
        crt_puts(w, 0, wd - rw, rw, right, h);
}

void report_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    report_header(a, w);
    tui_doc doc;
    doc_init(&doc);
    int y0 = 1;
    if (!a->rep) {
        size_t left = iv_left(a);
        doc_add(&doc, R_TITLE, 1, "Interview over");
        doc_blank(&doc);
        doc_addf(&doc, R_WARN, 1, "%s Grading the answers handed in: %zu left...", crt_spinner(a->tick), left);
    } else {
        if (a->rep_owned && !a->rep->path) {
            /* said on every frame, not once: leaving or quitting loses it */
            tui_doc warn;
            doc_init(&warn);
            char *s = xasprintf("This report is NOT kept (%s): x or X exports it to the current folder.",
                                iv_unkept_reason() ? iv_unkept_reason() : "the state folder cannot be written");
            doc_wrap(&warn, R_FAIL, 1, wd - 1, s);
            free(s);
            /* all of it (why, and what to do): half the screen at most */
            size_t most = h > 8 ? (size_t)(h / 2) : 2;
            for (size_t i = 0; i < warn.n && i < most; i++) {
                crt_fill(w, y0, 0, crt_attr(R_FAIL));
                doc_draw(&warn, w, y0++, 1, i);
            }
            doc_free(&warn);
        }
        report_ctx c = { &doc, wd - 2 };
        interview_render(a->rep, crt_utf8(), report_sink, &c);
    }
    int body = h - 2 - y0;
    if (body < 1)
        body = 1;
    if (doc.n <= (size_t)body)
        a->rep_top = 0;
    else if (a->rep_top > doc.n - (size_t)body)
        a->rep_top = doc.n - (size_t)body;
    doc_draw(&doc, w, y0, body, a->rep_top);
    doc_free(&doc);
    tui_hint hints[] = {
        { "j/k", "scroll", 50 }, { "x", "export text", 70 }, { "X", "export HTML", 60 },
        { "Esc", a->rep_back == SCR_PAST ? "past interviews" : "list", 90 },
    };
    /* keys offered once they are taken again (the clock ended it) */
    int held = a->keys_held_ms > util_now_ms();
    app_draw_footer(a, w, hints, a->rep && !held ? ARRAY_SIZE(hints) : 0);
}

/* Writes the report as text or HTML to the current folder; nth is its
 * number in `pydrill export --interviews` (0: it is not kept, so none). */
static int report_export(tui_app *a, const interview_record *r, int html, size_t nth)
{
    char stamp[32];
    struct tm tm;
    localtime_r(&r->started, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* the folder named in full, in a failure too ("/", not ".") */
    char cwd[4096];
    const char *here = getcwd(cwd, sizeof cwd) ? cwd : ".";
    char *stem = xasprintf("%s%spydrill-interview-%s", here, strcmp(here, "/") ? "/" : "", stamp), *path = NULL;
    char *text = html ? interview_html(r) : interview_text(r);
    char *err = NULL;
    /* two reports of the same second, or one exported twice: -2, -3, ...
     * rather than one file replacing the other */
    int rc = interview_write_new(stem, html ? "html" : "txt", text, &path, &err);
    free(stem);
    if (rc < 0) {
        if (nth)
            app_msg(a, "export failed: %s. `pydrill export --interview %zu%s -o FILE` writes it elsewhere.", err,
                    nth, html ? " --format html" : "");
        else
            app_msg(a, "export failed: %s", err);
        free(err);
    } else {
        app_msg(a, "report written to %s", path);
        iv_reveal(a, r);
    }
    free(text);
    free(path);
    return rc;
}

int iv_report_export(tui_app *a, int html)
{
    if (!a->rep)
        return -1;
    int rc = report_export(a, a->rep, html, 0);
    if (rc == 0 && a->rep_owned && !a->rep->path)
        app_note_at_exit("the interview report was not kept in the state folder, but exported: %s", a->msg);
    return rc;
}

static void report_leave(tui_app *a)
{
    a->mode = MODE_PRACTICE;
    a->screen = a->rep_back;
    if (a->rep_owned) {
        interview_record_free(a->rep);
        free(a->rep);
    }
    a->rep = NULL;
    a->rep_owned = 0;
    a->rep_esc_only = 0;
    iv_unkept_forget();
    if (a->screen != SCR_PAST)
        iv_clear(a);
}

/* Leaves the report, asking first when leaving would lose it. */
static void report_leave_asking(tui_app *a)
{
    if (iv_report_unkept(a))
        app_confirm_guarded(a, report_leave,
                            "This report is NOT kept: leaving it loses it. y leaves anyway; any other key stays "
                            "(x or X exports it first).");
    else
        report_leave(a);
}

/* rows a page key moves the report: a screen, less a line kept in view */
static size_t report_page(void)
{
    int h = getmaxy(stdscr) - 4;
    return h > 1 ? (size_t)h : 1;
}

int report_key(tui_app *a, int k)
{
    if (!a->rep) {
        /* grading what was handed in: a moment */
        return 0;
    }
    size_t nth = a->rep_owned ? (a->rep->path ? 1 : 0) : a->past_cur + 1;
    switch (k) {
    case 'j':
    case TK(KEY_DOWN): a->rep_top++; break;
    case 'k':
    case TK(KEY_UP): a->rep_top = a->rep_top ? a->rep_top - 1 : 0; break;
    case ' ':
    case TK(KEY_NPAGE): a->rep_top += report_page(); break;
    case TK(KEY_PPAGE): a->rep_top = a->rep_top > report_page() ? a->rep_top - report_page() : 0; break;
    case 'g':
    case TK(KEY_HOME): a->rep_top = 0; break;
    case 'G':
    case TK(KEY_END): a->rep_top = (size_t)-1; break;
    case 'x': report_export(a, a->rep, 0, nth); break;
    case 'X': report_export(a, a->rep, 1, nth); break;
    case 'q':
    case '\n':
    case TK(KEY_ENTER):
        if (a->rep_esc_only) {
            /* the clock ended it, maybe mid-sentence: a letter or a new
             * line typed on is no way out */
            app_msg(a, "The time ran out; this is your report. Esc goes back to the list.");
            break;
        }
        report_leave_asking(a);
        break;
    case TK_ESC: report_leave_asking(a); break;
    default: return 0;
    }
    return TUI_REDRAW;
}

/* ---- past interviews ---- */

static void past_free(tui_app *a)
{
    for (size_t i = 0; i < a->npast; i++)
        interview_record_free(&a->past[i]);
    free(a->past);
    a->past = NULL;
    a->npast = 0;
}

void past_open(tui_app *a)
{
    past_free(a);
    char *dir = state_dir();
    if (dir) {
        /* an interview a crash cut short is kept as an interrupted report */
        interview_recover(dir);
        interview_list(dir, &a->past, &a->npast, &a->past_unreadable, NULL);
    }
    free(dir);
    a->past_cur = a->past_top = 0;
    a->screen = SCR_PAST;
}

void past_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    app_draw_header(a, w, "pydrill past interviews");
    int top_y = 2, rows = h - 4;
    if (!a->npast)
        crt_puts(w, top_y, 2, wd - 2, "No interviews yet: i on the list starts one.", A_NORMAL);
    else
        crt_puts(w, 1, 1, wd - 1, "when              score        %    time   drills", crt_attr(R_DIM));
    if (a->past_cur < a->past_top)
        a->past_top = a->past_cur;
    if (a->past_cur >= a->past_top + (size_t)rows)
        a->past_top = a->past_cur - (size_t)rows + 1;
    for (int y = 0; y < rows; y++) {
        size_t i = a->past_top + (size_t)y;
        if (i >= a->npast)
            break;
        const interview_record *r = &a->past[i];
        char when[32];
        interview_when(r->started, when);
        double s = interview_score(r);
        size_t max = interview_max(r);
        long secs = (long)(r->seconds + 0.5);
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addf(&sb, "%-16s  %5.2f/%-3zu %3.0f%%  %3ldm%02lds  %s", when, s, max,
                  max ? 100.0 * s / (double)max : 0.0, secs / 60, secs % 60, r->interrupted ? "INTERRUPTED " : "");
        for (size_t k = 0; k < r->n; k++)
            sbuf_addf(&sb, "%s%s", k ? ", " : "", r->items[k].id);
        int sel = i == a->past_cur;
        attr_t at = sel ? crt_attr(R_SELECT) : A_NORMAL;
        if (sel)
            crt_fill(w, top_y + y, 0, at);
        crt_puts(w, top_y + y, 1, wd - 1, sb.buf, at);
        sbuf_release(&sb);
    }
    tui_hint hints[] = {
        { "Enter", "open", 90 }, { "x", "export text", 70 }, { "X", "export HTML", 60 }, { "Esc", "list", 80 },
    };
    if (a->past_unreadable && !a->msg) {
        char *s = xasprintf("%zu file%s in the interviews folder could not be read", a->past_unreadable,
                            a->past_unreadable == 1 ? "" : "s");
        crt_puts(w, h - 2, 1, wd - 1, s, crt_attr(R_WARN));
        free(s);
    }
    app_draw_footer(a, w, hints, a->npast ? ARRAY_SIZE(hints) : 0);
}

int past_key(tui_app *a, int k)
{
    switch (k) {
    case 'j':
    case TK(KEY_DOWN):
        if (a->past_cur + 1 < a->npast)
            a->past_cur++;
        break;
    case 'k':
    case TK(KEY_UP):
        if (a->past_cur)
            a->past_cur--;
        break;
    case '\n':
    case TK(KEY_ENTER):
        if (a->npast) {
            a->rep = &a->past[a->past_cur];
            a->rep_owned = 0;
            a->rep_back = SCR_PAST;
            a->rep_top = 0;
            a->rep_esc_only = 0;
            a->screen = SCR_REPORT;
            iv_reveal(a, a->rep);
        }
        break;
    case 'x':
    case 'X':
        if (a->npast)
            report_export(a, &a->past[a->past_cur], k == 'X', a->past_cur + 1);
        break;
    case TK_ESC:
    case 'q':
        past_free(a);
        a->screen = SCR_LIST;
        break;
    default: return 0;
    }
    return TUI_REDRAW;
}
