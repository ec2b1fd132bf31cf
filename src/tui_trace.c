/* tui_trace.c - "See it happen" (SPEC 5): the step screen. The drill's
 * code on one side with the current line marked; on the other the frames
 * with their names, each pointing at an object by its id, and each object
 * drawn once in a box, marked when several names or containers share it.
 * The trace runs in a child (engine_trace_start) while the screen keeps
 * drawing; <-/-> step, Home/End, j/k scroll the picture, q goes back. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "util.h"

/* Narrower than this, the code goes above the picture, not beside it. */
#define SIDE_BY_SIDE_W 70
/* The code pane's share of the width, at most (side by side). */
#define CODE_PANE_MAX_PCT 45
/* Boxes are at most this wide, however wide the pane. */
#define BOX_MAX_W 64
/* Rows a box shows at most (names of a frame, attributes of an object). */
#define BOX_ROWS 48
/* Lines of printed output shown under the picture at least (its free
 * rows show more); p shows them all. */
#define PRINTED_LINES 4

typedef struct tui_trace {
    const drill *d;
    tui_screen back;     /* where q returns */
    engine_tracing *run; /* while the trace runs */
    tracedoc doc;
    int have_doc;
    char *err;           /* why there is no trace */
    size_t step;
    size_t pic_top;      /* scroll of the picture */
    int all_printed;     /* p: every printed line, not just the last that fit */
    int to_printed;      /* scroll to the printed lines at the next draw */
} tui_trace;

typedef struct {
    const char *tl, *tr, *bl, *br, *h, *v, *arrow, *mark, *here;
} box_glyphs;

static const box_glyphs utf8_box = { "\u250c", "\u2510", "\u2514", "\u2518", "\u2500", "\u2502",
                                     "\u2500\u25b6", "\u25c6", "\u25b6" };
static const box_glyphs ascii_box = { "+", "+", "+", "+", "-", "|", "->", "*", ">" };

static const box_glyphs *glyphs(void)
{
    return crt_utf8() ? &utf8_box : &ascii_box;
}

/* ---- opening and running ---------------------------------------------- */

int trace_offered(tui_app *a)
{
    if (!a->open || a->mode == MODE_INTERVIEW)
        return 0; /* an interview holds every explanation back */
    const drill *d = &a->cat->drills[a->di];
    /* the kinds whose answer is what the code prints (predict) */
    if (!kind_get(d->kind)->has_truth || !d->code)
        return 0;
    /* the steps show what the code prints: only once it is answered */
    const state_entry *e = app_entry(a, d);
    return a->screen == SCR_RESULT || (e && e->attempts > 0);
}

void trace_open(tui_app *a)
{
    trace_close(a);
    tui_trace *t = xcalloc(1, sizeof *t);
    t->d = &a->cat->drills[a->di];
    t->back = a->screen;
    tracedoc_init(&t->doc);
    /* a drill this Python cannot run (requires unmet) has no steps to show */
    if (t->d->skip_reason)
        t->err = xasprintf("skipped, %s", t->d->skip_reason);
    else
        t->run = engine_trace_start(t->d, NULL, &t->err);
    a->trace = t;
    a->screen = SCR_TRACE;
}

void trace_close(tui_app *a)
{
    tui_trace *t = a->trace;
    if (!t)
        return;
    engine_trace_cancel(t->run);
    tracedoc_free(&t->doc);
    free(t->err);
    a->screen = t->back;
    free(t);
    a->trace = NULL;
}

int trace_pollfds(tui_app *a, struct pollfd *p, int max, int *timeout)
{
    tui_trace *t = a->trace;
    if (!t || !t->run)
        return 0;
    int ms = engine_trace_timeout(t->run);
    if (ms < *timeout)
        *timeout = ms;
    return engine_trace_pollfds(t->run, p, max);
}

int trace_poll(tui_app *a)
{
    tui_trace *t = a->trace;
    if (!t || !t->run)
        return 0;
    a->tick++;
    if (!engine_trace_step(t->run))
        return 1; /* the spinner turns */
    char *json = engine_trace_finish(t->run);
    t->run = NULL;
    t->have_doc = tracedoc_parse(json, &t->doc, &t->err) == 0;
    free(json);
    return 1;
}

/* ---- the picture ------------------------------------------------------ */

/* Bytes of s (n bytes) that fit in cells. */
static size_t fit(const char *s, size_t n, int cells)
{
    size_t i = 0;
    int used = 0;
    while (i < n) {
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        int c = crt_width_from(s + i, k, used);
        if (used + c > cells)
            break;
        used += c;
        i += k;
    }
    return i;
}

static int is_scalar(const tracedoc_obj *o)
{
    static const char *const plain[] = { "NoneType", "bool", "int", "float", "complex", "str", "bytes",
                                         "ellipsis", "NotImplementedType" };
    for (size_t i = 0; o && i < ARRAY_SIZE(plain); i++)
        if (!strcmp(o->type, plain[i]))
            return 1;
    return 0;
}

/* How a reference to id reads: a scalar by its repr (a name's with its
 * id too: `is` is about ids), anything else by its id, which leads to its
 * box. */
static void add_ref(sbuf *sb, const tracedoc_step *s, const char *id, int with_id)
{
    const tracedoc_obj *o = tracedoc_find(s, id);
    if (o && is_scalar(o) && with_id)
        sbuf_addf(sb, "%s (%s)", o->repr, id);
    else if (o && is_scalar(o))
        sbuf_addstr(sb, o->repr);
    else
        sbuf_addstr(sb, id);
}

typedef struct {
    tui_doc *doc;
    int x, w; /* where boxes go, and how wide they may be */
    const box_glyphs *g;
} picture;

/* A box being drawn: its title and rows, measured before it is drawn so
 * that it is as wide as its widest row. */
typedef struct {
    char *title;
    crt_role role;
    char *rows[BOX_ROWS];
    crt_role row_roles[BOX_ROWS];
    size_t n;
} tbox;

static void box_add(tbox *b, crt_role r, const char *text)
{
    if (b->n < BOX_ROWS) {
        b->row_roles[b->n] = r;
        b->rows[b->n++] = xstrdup(text);
    }
}

static void box_edge(picture *p, int w, crt_role r, const char *left, const char *title, const char *right)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, left);
    int used = 1;
    if (title && *title) {
        size_t n = fit(title, strlen(title), w - 4);
        sbuf_addch(&sb, ' ');
        sbuf_add(&sb, title, n);
        sbuf_addch(&sb, ' ');
        used += 2 + crt_width(title, n);
    }
    for (; used < w - 1; used++)
        sbuf_addstr(&sb, p->g->h);
    sbuf_addstr(&sb, right);
    doc_add(p->doc, r, p->x, sb.buf);
    sbuf_release(&sb);
}

static void box_emit(picture *p, tbox *b)
{
    int w = crt_width(b->title, strlen(b->title)) + 6;
    for (size_t i = 0; i < b->n; i++) {
        int c = crt_width(b->rows[i], strlen(b->rows[i])) + 4;
        if (c > w)
            w = c;
    }
    if (w > p->w)
        w = p->w;
    box_edge(p, w, b->role, p->g->tl, b->title, p->g->tr);
    for (size_t i = 0; i < b->n; i++) {
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addstr(&sb, p->g->v);
        sbuf_addch(&sb, ' ');
        int inner = w - 4;
        size_t n = fit(b->rows[i], strlen(b->rows[i]), inner);
        sbuf_add(&sb, b->rows[i], n);
        for (int used = crt_width(b->rows[i], n); used < inner; used++)
            sbuf_addch(&sb, ' ');
        sbuf_addch(&sb, ' ');
        sbuf_addstr(&sb, p->g->v);
        doc_add(p->doc, b->row_roles[i], p->x, sb.buf);
        sbuf_release(&sb);
        free(b->rows[i]);
    }
    box_edge(p, w, b->role, p->g->bl, NULL, p->g->br);
    free(b->title);
    b->n = 0;
}

static void draw_frame_box(picture *p, const tracedoc_step *s, const tracedoc_frame *f, int inner)
{
    tbox b = { .title = xstrdup(f->function), .role = inner ? R_TITLE : R_NORMAL };
    if (!f->nnames)
        box_add(&b, R_DIM, "(no names yet)");
    size_t wname = 0;
    for (size_t i = 0; i < f->nnames; i++)
        if (strlen(f->names[i].name) > wname)
            wname = strlen(f->names[i].name);
    for (size_t i = 0; i < f->nnames; i++) {
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addf(&sb, "%-*s %s ", (int)wname, f->names[i].name, p->g->arrow);
        add_ref(&sb, s, f->names[i].id, 1);
        box_add(&b, R_NORMAL, sb.buf);
        sbuf_release(&sb);
    }
    box_emit(p, &b);
}

/* What an object holds, in one line: items by reference. */
static void holds_line(sbuf *sb, const tracedoc_step *s, const tracedoc_obj *o)
{
    if (o->nkeys) {
        sbuf_addch(sb, '{');
        for (size_t i = 0; i < o->nkeys && i < o->nitems; i++) {
            if (i)
                sbuf_addstr(sb, ", ");
            add_ref(sb, s, o->keys[i], 0);
            sbuf_addstr(sb, ": ");
            add_ref(sb, s, o->items[i], 0);
        }
        sbuf_addstr(sb, o->more ? ", ...}" : "}");
        return;
    }
    if (o->nitems) {
        int cell = !strcmp(o->type, "cell");
        sbuf_addstr(sb, cell ? "holds " : "[");
        for (size_t i = 0; i < o->nitems; i++) {
            if (i)
                sbuf_addstr(sb, ", ");
            add_ref(sb, s, o->items[i], 0);
        }
        if (!cell)
            sbuf_addstr(sb, o->more ? ", ...]" : "]");
    }
}

static void draw_object_box(picture *p, const tracedoc_step *s, const tracedoc_obj *o)
{
    int shared = tracedoc_shared(o);
    tbox b = {
        .title = shared ? xasprintf("%s %s %s shared by %d", o->id, o->type, p->g->mark, o->refs)
                        : xasprintf("%s %s", o->id, o->type),
        .role = shared ? R_WARN : R_NORMAL,
    };
    box_add(&b, R_NORMAL, o->repr);
    sbuf sb;
    sbuf_init(&sb);
    holds_line(&sb, s, o);
    if (sb.len && strcmp(sb.buf, o->repr) != 0)
        box_add(&b, R_DIM, sb.buf);
    if (o->ndefaults) {
        sbuf_reset(&sb);
        sbuf_addstr(&sb, "defaults ");
        for (size_t i = 0; i < o->ndefaults; i++) {
            if (i)
                sbuf_addstr(&sb, ", ");
            add_ref(&sb, s, o->defaults[i], 0);
        }
        box_add(&b, R_DIM, sb.buf);
    }
    for (size_t i = 0; i < o->nattrs; i++) {
        sbuf_reset(&sb);
        const char *kind = o->attr_kinds[i];
        sbuf_addf(&sb, "%s%s %s ", !strcmp(kind, "closure") ? "cell " : "", o->attrs[i].name, p->g->arrow);
        add_ref(&sb, s, o->attrs[i].id, 0);
        box_add(&b, R_DIM, sb.buf);
    }
    if (o->more) {
        sbuf_reset(&sb);
        sbuf_addf(&sb, "and %ld more", o->more);
        box_add(&b, R_DIM, sb.buf);
    }
    sbuf_release(&sb);
    box_emit(p, &b);
}

static void build_picture(tui_trace *t, tui_doc *doc, int x, int width)
{
    const tracedoc_step *s = &t->doc.steps[t->step];
    picture p = { doc, x, width < BOX_MAX_W ? width : BOX_MAX_W, glyphs() };
    if (s->exception)
        doc_addf(doc, R_FAIL, x, "raises %s", s->exception);
    if (s->ret) {
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addstr(&sb, strcmp(s->event, "yield") ? "returns " : "yields (suspended) ");
        add_ref(&sb, s, s->ret, 1);
        doc_add(doc, R_TITLE, x, sb.buf);
        sbuf_release(&sb);
    }
    doc_add(doc, R_TITLE, x, "Frames");
    for (size_t i = 0; i < s->nframes; i++)
        draw_frame_box(&p, s, &s->frames[i], i + 1 == s->nframes);
    int any = 0;
    for (size_t i = 0; i < s->nobjs; i++) {
        if (is_scalar(&s->objs[i]))
            continue;
        if (!any++)
            doc_add(doc, R_TITLE, x, "Objects");
        draw_object_box(&p, s, &s->objs[i]);
    }
    if (s->ncuts) {
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addstr(&sb, "(cut here:");
        for (size_t i = 0; i < s->ncuts; i++)
            sbuf_addf(&sb, " %s", s->cuts[i]);
        sbuf_addch(&sb, ')');
        doc_add(doc, R_DIM, x, sb.buf);
    }
}

/* What was printed up to this step, all of it. */
static char *printed(const tui_trace *t)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i <= t->step && i < t->doc.nsteps; i++)
        if (t->doc.steps[i].out)
            sbuf_addstr(&sb, t->doc.steps[i].out);
    /* the last step shows the end: what was printed after it too */
    if (t->step + 1 == t->doc.nsteps && t->doc.output_after)
        sbuf_addstr(&sb, t->doc.output_after);
    while (sb.len && sb.buf[sb.len - 1] == '\n')
        sb.buf[--sb.len] = '\0';
    return sbuf_detach(&sb, NULL);
}

/* Adds the printed lines under the picture: as many of the last ones as
 * the free rows hold (PRINTED_LINES at least), a mark saying how many are
 * above when that is not all; every one with all set. Returns 1 when p
 * changes what is shown (some were left out, or all do not fit). */
static int add_printed(tui_doc *doc, const char *out, int x, int free_rows, int all)
{
    size_t lines = 1;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    /* the title takes a row, and a cut its mark */
    size_t fit = free_rows > 1 ? (size_t)free_rows - 1 : 0;
    size_t show = fit > PRINTED_LINES ? fit - 1 : PRINTED_LINES;
    if (all || lines <= fit || lines <= show) {
        doc_add(doc, R_TITLE, x, all && lines > fit ? "Printed (all of it; p: the last lines only)" : "Printed");
        doc_add(doc, R_NORMAL, x + 1, out);
        return all && lines > fit;
    }
    const char *p = out + strlen(out);
    for (size_t k = 0; k < show && p > out; p--)
        if (p[-1] == '\n' && ++k == show)
            break;
    doc_add(doc, R_TITLE, x, "Printed");
    doc_addf(doc, R_DIM, x + 1, "%s %zu line%s above (p shows all)", crt_glyph(G_ELLIPSIS), lines - show,
             lines - show == 1 ? "" : "s");
    doc_add(doc, R_NORMAL, x + 1, p);
    return 1;
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_code(tui_trace *t, WINDOW *w, int y0, int h, int x0, int wd, int line)
{
    const char *code = t->doc.code ? t->doc.code : t->d->code;
    int nlines = 1;
    for (const char *p = code; *p; p++)
        nlines += *p == '\n' && p[1];
    int top = line - h / 2;
    if (top > nlines - h)
        top = nlines - h;
    if (top < 0)
        top = 0;
    const char *p = code;
    for (int i = 0; i < top && p; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    for (int row = 0; row < h && p && *p; row++) {
        int n = top + row + 1;
        size_t len = strcspn(p, "\n");
        int here = n == line;
        attr_t a = crt_attr(here ? R_SELECT : R_NORMAL);
        if (here)
            for (int x = x0; x < x0 + wd; x++)
                mvwaddch(w, y0 + row, x, ' ' | a);
        char num[16];
        snprintf(num, sizeof num, "%3d ", n);
        int x = x0 + crt_puts(w, y0 + row, x0, wd, num, here ? a : crt_attr(R_DIM));
        x += crt_puts(w, y0 + row, x, x0 + wd - x, here ? glyphs()->here : " ", a);
        x += crt_puts(w, y0 + row, x, x0 + wd - x, " ", a);
        crt_put(w, y0 + row, x, x0 + wd - x, p, len, a);
        p += len;
        p = *p ? p + 1 : NULL;
    }
}

static int code_width(const char *code)
{
    int best = 0;
    while (code && *code) {
        size_t n = strcspn(code, "\n");
        int c = crt_width(code, n);
        if (c > best)
            best = c;
        code += n + (code[n] == '\n');
    }
    return best + 6; /* number, mark, space */
}

static void status_line(tui_trace *t, WINDOW *w, int y, int wd)
{
    sbuf sb;
    sbuf_init(&sb);
    crt_role r = R_NORMAL;
    if (!t->have_doc) {
        sbuf_addf(&sb, "no trace: %s", t->err ? t->err : "?");
        r = R_FAIL;
    } else if (!t->doc.nsteps) {
        sbuf_addf(&sb, "no steps: %s", t->doc.exception ? t->doc.exception
                                                         : t->doc.message ? t->doc.message : t->doc.status);
        r = R_FAIL;
    } else {
        const tracedoc_step *s = &t->doc.steps[t->step];
        const char *fn = s->nframes ? s->frames[s->nframes - 1].function : "?";
        sbuf_addf(&sb, "step %zu of %zu %s line %d in %s", t->step + 1, t->doc.nsteps, crt_glyph(G_VLINE), s->line,
                  fn);
        if (!strcmp(s->event, "return"))
            sbuf_addstr(&sb, ", returning");
        else if (!strcmp(s->event, "yield"))
            sbuf_addstr(&sb, ", yielding");
        else if (s->resumed)
            sbuf_addstr(&sb, ", resumed");
        else if (!strcmp(s->event, "exception"))
            sbuf_addstr(&sb, ", raising");
        if (t->step + 1 == t->doc.nsteps) {
            if (!strcmp(t->doc.status, "ok")) {
                sbuf_addstr(&sb, " (the end)");
            } else if (!strcmp(t->doc.status, "raised")) {
                sbuf_addstr(&sb, " (ended by ");
                sbuf_addstr(&sb, t->doc.exception ? t->doc.exception : "an exception");
                sbuf_addch(&sb, ')');
            } else {
                sbuf_addf(&sb, " (stopped: %s)", t->doc.message ? t->doc.message : t->doc.status);
                r = R_WARN;
            }
        }
    }
    crt_puts(w, y, 1, wd - 2, sb.buf, crt_attr(r));
    sbuf_release(&sb);
}

void trace_draw(tui_app *a, WINDOW *w)
{
    tui_trace *t = a->trace;
    int h = getmaxy(w), wd = getmaxx(w);
    char *left = xasprintf("%s %s see it happen", t->d->id, crt_glyph(G_VLINE));
    app_draw_header(a, w, left);
    free(left);
    if (t->run) {
        crt_puts(w, 1, 1, wd - 2, crt_spinner(a->tick), crt_attr(R_KEY));
        crt_puts(w, 1, 3, wd - 4, "tracing the code in the sandbox...", crt_attr(R_NORMAL));
    } else {
        status_line(t, w, 1, wd);
    }
    int body_y = 2, body_h = h - 3;
    int line = t->have_doc && t->doc.nsteps ? t->doc.steps[t->step].line : 0;
    int px, pw, pic_y, pic_h;
    if (wd >= SIDE_BY_SIDE_W) {
        int cw = code_width(t->d->code) + 1;
        int max = wd * CODE_PANE_MAX_PCT / 100;
        if (cw > max)
            cw = max;
        draw_code(t, w, body_y, body_h, 0, cw, line);
        for (int y = body_y; y < body_y + body_h; y++)
            crt_puts(w, y, cw, 1, crt_glyph(G_VLINE), crt_attr(R_DIM));
        px = cw + 2;
        pw = wd - px - 1;
        pic_y = body_y;
        pic_h = body_h;
    } else {
        int nlines = 1;
        for (const char *p = t->d->code; *p; p++)
            nlines += *p == '\n' && p[1];
        int ch = nlines < body_h / 3 ? nlines : body_h / 3;
        if (ch < 1)
            ch = 1;
        draw_code(t, w, body_y, ch, 0, wd, line);
        for (int x = 0; x < wd; x++)
            crt_puts(w, body_y + ch, x, 1, crt_glyph(G_HLINE), crt_attr(R_DIM));
        px = 1;
        pw = wd - 2;
        pic_y = body_y + ch + 1;
        pic_h = body_h - ch - 1;
    }
    int more = 0, cut = 0;
    if (t->have_doc && t->doc.nsteps && pic_h > 0) {
        tui_doc doc;
        doc_init(&doc);
        build_picture(t, &doc, px, pw);
        size_t pic_n = doc.n;
        char *out = printed(t);
        if (*out)
            cut = add_printed(&doc, out, px, pic_h - (int)doc.n, t->all_printed);
        free(out);
        if (t->to_printed) {
            t->to_printed = 0;
            t->pic_top = pic_n;
        }
        if (doc.n <= (size_t)pic_h)
            t->pic_top = 0;
        else if (t->pic_top > doc.n - (size_t)pic_h)
            t->pic_top = doc.n - (size_t)pic_h;
        doc_draw(&doc, w, pic_y, pic_h, t->pic_top);
        more = doc.n > (size_t)pic_h;
        doc_free(&doc);
    }
    tui_hint hints[6];
    size_t n = 0;
    if (t->have_doc && t->doc.nsteps > 1) {
        hints[n++] = (tui_hint){ crt_utf8() ? "\u2190/\u2192" : "Left/Right", "step", 100 };
        hints[n++] = (tui_hint){ "Home/End", "first/last", 60 };
    }
    if (more)
        hints[n++] = (tui_hint){ "j/k", "scroll", 40 };
    if (cut)
        hints[n++] = (tui_hint){ "p", t->all_printed ? "last printed" : "all printed", 50 };
    hints[n++] = (tui_hint){ "q", "back", 90 };
    app_draw_footer(a, w, hints, n);
}

int trace_key(tui_app *a, int k)
{
    tui_trace *t = a->trace;
    size_t last = t->have_doc && t->doc.nsteps ? t->doc.nsteps - 1 : 0;
    size_t was = t->step;
    switch (k) {
    case 'q':
    case TK_ESC:
        trace_close(a);
        return TUI_REDRAW;
    case TK(KEY_RIGHT):
    case 'l':
    case ' ':
        if (t->step < last)
            t->step++;
        break;
    case TK(KEY_LEFT):
    case 'h':
    case TK(KEY_BACKSPACE):
        if (t->step > 0)
            t->step--;
        break;
    case TK(KEY_HOME):
    case 'g':
        t->step = 0;
        break;
    case TK(KEY_END):
    case 'G':
        t->step = last;
        break;
    case TK(KEY_DOWN):
    case 'j':
        t->pic_top++;
        return TUI_REDRAW;
    case TK(KEY_UP):
    case 'k':
        if (t->pic_top)
            t->pic_top--;
        return TUI_REDRAW;
    case TK(KEY_NPAGE):
        t->pic_top += 10;
        return TUI_REDRAW;
    case 'p':
        /* every printed line (the picture scrolled to them), or back */
        t->all_printed = !t->all_printed;
        t->to_printed = t->all_printed;
        if (!t->all_printed)
            t->pic_top = 0;
        return TUI_REDRAW;
    case TK(KEY_PPAGE):
        t->pic_top = t->pic_top > 10 ? t->pic_top - 10 : 0;
        return TUI_REDRAW;
    default:
        return 0;
    }
    if (t->step != was)
        t->pic_top = 0;
    return TUI_REDRAW;
}
