/* tui_doc.c - a document of styled lines: screens build one per frame (it
 * is cheap) and draw the part that fits, so scrolling is one offset. */
#define _GNU_SOURCE
#include "tui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "util.h"

void doc_init(tui_doc *d)
{
    memset(d, 0, sizeof *d);
}

void doc_clear(tui_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->lines[i].text);
        free(d->lines[i].cls);
    }
    d->n = 0;
}

void doc_free(tui_doc *d)
{
    doc_clear(d);
    free(d->lines);
    doc_init(d);
}

static doc_line *doc_push(tui_doc *d, crt_role r, int indent, const char *s, size_t len)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->lines = xrealloc(d->lines, d->cap * sizeof *d->lines);
    }
    doc_line *l = &d->lines[d->n++];
    l->text = xmemdup(s, len);
    l->len = len;
    l->role = r;
    l->cls = NULL;
    l->indent = indent;
    return l;
}

void doc_add(tui_doc *d, crt_role r, int indent, const char *text)
{
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        doc_push(d, r, indent, p, n);
        if (!nl)
            break;
        p = nl + 1;
    }
}

void doc_addf(tui_doc *d, crt_role r, int indent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    doc_add(d, r, indent, s);
    free(s);
}

void doc_blank(tui_doc *d)
{
    doc_push(d, R_NORMAL, 0, "", 0);
}

size_t doc_wrap_take(const char *p, size_t n, int width, size_t *show)
{
    size_t i = 0, brk = 0;
    int cells = 0;
    while (i < n) {
        size_t cl = 1;
        while (i + cl < n && ((unsigned char)p[i + cl] & 0xc0) == 0x80)
            cl++;
        int c = crt_width_from(p + i, cl, cells);
        if (cells + c > width)
            break;
        cells += c;
        i += cl;
        if (p[i - cl] == ' ')
            brk = i;
    }
    size_t take = i;
    if (i < n && brk > 0)
        take = brk;
    if (take == 0 && n > 0) {
        take = 1;
        while (take < n && ((unsigned char)p[take] & 0xc0) == 0x80)
            take++;
    }
    size_t s = take;
    while (s > 0 && p[s - 1] == ' ')
        s--;
    *show = s;
    return take;
}

/* Wraps one paragraph (no '\n') at spaces. */
static void doc_wrap_para(tui_doc *d, crt_role r, int indent, int width, const char *p, size_t n)
{
    int cont = 0;
    if (width < 8)
        width = 8;
    while (n > 0 || !cont) {
        size_t show;
        size_t take = doc_wrap_take(p, n, width, &show);
        doc_push(d, r, indent, p, show);
        p += take;
        n -= take;
        cont = 1;
    }
}

/* A single newline inside a paragraph is a soft break (authors wrap JSON
 * strings by hand); a blank line, or a line that starts indented or with a
 * list marker, keeps its break. */
static char *doc_unwrap(const char *text)
{
    char *t = xstrdup(text);
    for (char *p = t; *p; p++) {
        if (*p != '\n' || p == t || p[-1] == '\n' || !p[1])
            continue;
        char n = p[1];
        if (n == '\n' || n == ' ' || n == '\t' || n == '-' || n == '*' || n == '>' || (n >= '0' && n <= '9'))
            continue;
        *p = ' ';
    }
    return t;
}

void doc_wrap(tui_doc *d, crt_role r, int indent, int width, const char *text)
{
    char *own = doc_unwrap(text);
    const char *p = own;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        doc_wrap_para(d, r, indent, width - indent, p, n);
        if (!nl)
            break;
        p = nl + 1;
    }
    free(own);
}

void doc_code(tui_doc *d, crt_role r, int indent, const char *code, const unsigned char *cls)
{
    const char *p = code;
    size_t len = strlen(code);
    if (len && code[len - 1] == '\n')
        len--;
    const char *end = code + len;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        doc_line *l = doc_push(d, r, indent, p, n);
        if (cls)
            l->cls = (unsigned char *)xmemdup(cls + (p - code), n);
        if (!nl)
            break;
        p = nl + 1;
    }
}

void doc_wrap_verbatim(tui_doc *d, crt_role r, int indent, int width, const char *prefix, const char *p, size_t n,
                       size_t max_rows)
{
    const char *cont = crt_glyph(G_CONT);
    int pw = crt_width(prefix, strlen(prefix));
    int cw = crt_width(cont, strlen(cont)) + 1;
    /* the text's own column: continuation rows put their mark there */
    int room = width - indent - pw - cw;
    if (room < 8)
        room = 8;
    size_t rows = 0;
    int first = 1;
    do {
        if (rows == max_rows) {
            doc_addf(d, R_DIM, indent + pw, "%s (%zu more bytes of this line)", crt_glyph(G_ELLIPSIS), n);
            return;
        }
        /* the first row has the continuation mark's cells too */
        size_t show = 0, take = 0;
        if (n)
            take = doc_wrap_take(p, n, room + (first ? cw : 0), &show);
        char *row = first ? xasprintf("%s%.*s", prefix, (int)show, p)
                          : xasprintf("%*s%s %.*s", pw, "", cont, (int)show, p);
        doc_push(d, r, indent, row, strlen(row));
        free(row);
        p += take;
        n -= take;
        rows++;
        first = 0;
    } while (n > 0);
}

void doc_wrap_hang(tui_doc *d, crt_role r, int indent, int hang, int width, const char *text)
{
    int w = width - indent;
    int first = 1;
    /* a line break in the text starts a row, under the text too */
    for (;;) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        const char *p = text;
        do {
            size_t show;
            size_t take = doc_wrap_take(p, n, first ? w : w - hang < 8 ? 8 : w - hang, &show);
            doc_push(d, r, first ? indent : indent + hang, p, show);
            p += take;
            n -= take;
            /* a row never starts with the blanks it broke at */
            while (n && *p == ' ') {
                p++;
                n--;
            }
            first = 0;
        } while (n > 0);
        if (!nl)
            break;
        text = nl + 1;
    }
}

void doc_trimmed(tui_doc *d, crt_role r, int indent, int width, const char *text, size_t max)
{
    size_t shown = 0, total = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (shown < max) {
            doc_wrap_verbatim(d, r, indent, width, "", p, n, DOC_VERBATIM_ROWS);
            shown++;
        }
        total++;
        if (!nl)
            break;
        p = nl + 1;
    }
    if (total > shown)
        doc_addf(d, R_DIM, indent, "%s (%zu more lines)", crt_glyph(G_ELLIPSIS), total - shown);
}

crt_role doc_cls_role(unsigned char c, crt_role base)
{
    switch (c) {
    case HL_KEYWORD: return R_PY_KEYWORD;
    case HL_BUILTIN: return R_PY_BUILTIN;
    case HL_STRING: return R_PY_STRING;
    case HL_NUMBER: return R_PY_NUMBER;
    case HL_COMMENT: return R_PY_COMMENT;
    case HL_DEFNAME: return R_PY_DEFNAME;
    case HL_OP: return R_PY_OP;
    default: return base;
    }
}

void doc_draw(const tui_doc *d, WINDOW *w, int y, int h, size_t top)
{
    int wd = getmaxx(w);
    for (int row = 0; row < h; row++) {
        size_t i = top + (size_t)row;
        if (i >= d->n)
            break;
        const doc_line *l = &d->lines[i];
        int x = l->indent;
        if (x >= wd)
            continue;
        if (!l->cls) {
            crt_put(w, y + row, x, wd - x, l->text, l->len, crt_attr(l->role));
            continue;
        }
        /* draw runs of one class at a time */
        size_t a = 0;
        while (a < l->len && x < wd) {
            size_t b = a + 1;
            while (b < l->len && l->cls[b] == l->cls[a])
                b++;
            x += crt_put_from(w, y + row, x, wd - x, l->text + a, b - a, crt_attr(doc_cls_role(l->cls[a], l->role)),
                              x - l->indent);
            a = b;
        }
    }
}
