/* edbuf.c - the answer editor's text buffer: lines of UTF-8, a cursor that
 * always sits on a character boundary, Python-friendly indentation, undo.
 *
 * Undo keeps whole-text snapshots. Answers are a screenful of code, so a
 * copy per step is cheap, and a snapshot cannot drift out of step with the
 * edits the way inverse operations can. Redo keeps the snapshots undo took
 * back, until the next edit. */
#include "edbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define EDBUF_INDENT 4
#define EDBUF_UNDO_MAX 500

typedef struct {
    char *s;  /* NUL-terminated for convenience; may not contain NUL or '\n' */
    size_t len;
} ed_line;

typedef struct {
    char *text;
    size_t row, col;
} ed_snap;

struct edbuf {
    ed_line *lines;
    size_t n, cap;
    size_t row, col;      /* col in bytes */
    size_t pref;          /* preferred column (cells) kept across up/down */
    int has_pref;
    ed_snap *undo;
    size_t nundo;
    ed_snap *redo;        /* what undo took back, newest last */
    size_t nredo;
    unsigned long version;
    /* Where the last typed character ended, so the next one can join its
     * undo step; typing_at_space tells where a word ends. */
    int typing;
    size_t typing_row, typing_col;
    int typing_at_space;
};

/* ---- UTF-8 ---- */

static size_t utf8_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    return 4;
}

/* Decodes the character at s (the buffer only holds valid UTF-8). */
static uint32_t utf8_decode(const char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = utf8_len(p[0]);
    uint32_t c = k == 1 ? p[0] : k == 2 ? (p[0] & 0x1Fu) : k == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t i = 1; i < k; i++)
        c = (c << 6) | (p[i] & 0x3Fu);
    *len = k;
    return c;
}

static size_t char_cells(uint32_t c)
{
    static const struct { uint32_t lo, hi; } zero[] = {
        { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x1AB0, 0x1AFF },
        { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
        { 0xFE20, 0xFE2F },
    };
    static const struct { uint32_t lo, hi; } wide[] = {
        { 0x1100, 0x115F },   { 0x2E80, 0x303E },   { 0x3041, 0x33FF },   { 0x3400, 0x4DBF },
        { 0x4E00, 0x9FFF },   { 0xA000, 0xA4CF },   { 0xAC00, 0xD7A3 },   { 0xF900, 0xFAFF },
        { 0xFE30, 0xFE4F },   { 0xFF00, 0xFF60 },   { 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F },
        { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
    };
    if (util_bidi_override(c))
        return UTIL_BIDI_ESCAPE_CELLS; /* drawn as its escape (tui_text.c) */
    for (size_t i = 0; i < ARRAY_SIZE(zero); i++)
        if (c >= zero[i].lo && c <= zero[i].hi)
            return 0;
    for (size_t i = 0; i < ARRAY_SIZE(wide); i++)
        if (c >= wide[i].lo && c <= wide[i].hi)
            return 2;
    return 1;
}

/* The cells of character c at cell column at: a tab reaches the next
 * multiple of EDBUF_INDENT, as the screen draws it. */
static size_t cells_at(uint32_t c, size_t at)
{
    return c == '\t' ? EDBUF_INDENT - at % EDBUF_INDENT : char_cells(c);
}

size_t edbuf_cells(const char *s, size_t n)
{
    size_t cells = 0, i = 0;
    while (i < n) {
        size_t k;
        uint32_t c = utf8_decode(s + i, &k);
        if (i + k > n)
            break;
        cells += cells_at(c, cells);
        i += k;
    }
    return cells;
}

/* The byte offset in line l of the character at screen column `cells`
 * (or the last one that starts before it). */
static size_t byte_at_cells(const ed_line *l, size_t cells)
{
    size_t i = 0, at = 0;
    while (i < l->len) {
        size_t k;
        size_t w = cells_at(utf8_decode(l->s + i, &k), at);
        if (at + w > cells && w > 0)
            break;
        at += w;
        i += k;
    }
    return i;
}

/* The code point boundaries either side of col. */
static size_t prev_code_point(const ed_line *l, size_t col)
{
    while (col > 0) {
        col--;
        if (((unsigned char)l->s[col] & 0xC0) != 0x80)
            break;
    }
    return col;
}

static size_t next_code_point(const ed_line *l, size_t col)
{
    if (col >= l->len)
        return l->len;
    size_t k = utf8_len((unsigned char)l->s[col]);
    return col + k > l->len ? l->len : col + k;
}

/* The code point at col takes no cell of its own (a combining mark, a
 * zero-width joiner, a variation selector): it is drawn with the one
 * before it, and belongs to that character. */
static int joins_previous(const ed_line *l, size_t col)
{
    size_t k;
    return col > 0 && col < l->len && char_cells(utf8_decode(l->s + col, &k)) == 0;
}

/* A character as drawn is a code point and the zero-cell ones after it:
 * the cursor moves and deletes by these, never stopping between a letter
 * and its accent (where what is typed would take the accent). */
static size_t prev_boundary(const ed_line *l, size_t col)
{
    col = prev_code_point(l, col);
    while (joins_previous(l, col))
        col = prev_code_point(l, col);
    return col;
}

static size_t next_boundary(const ed_line *l, size_t col)
{
    col = next_code_point(l, col);
    while (joins_previous(l, col))
        col = next_code_point(l, col);
    return col;
}

/* Text from outside (a paste, $EDITOR, the starter code) is made safe for
 * the buffer: CRLF and CR become LF, invalid UTF-8 becomes U+FFFD, and
 * control characters other than tab and newline are dropped. */
static char *sanitize(const char *in, size_t n, size_t *outlen)
{
    sbuf sb;
    sbuf_init(&sb);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)in[i];
        if (c == '\r') {
            sbuf_addch(&sb, '\n');
            i += (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\n' || c == '\t') {
            sbuf_addch(&sb, (char)c);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            i++;
        } else if (c < 0x80) {
            sbuf_addch(&sb, (char)c);
            i++;
        } else {
            size_t k = utf8_len(c);
            if (i + k <= n && util_utf8_valid(in + i, k)) {
                sbuf_add(&sb, in + i, k);
                i += k;
            } else {
                sbuf_addstr(&sb, "\xEF\xBF\xBD");
                i++;
            }
        }
    }
    return sbuf_detach(&sb, outlen);
}

/* ---- lines ---- */

static void line_set(ed_line *l, const char *s, size_t n)
{
    free(l->s);
    l->s = xmemdup(s, n);
    l->len = n;
}

static void lines_insert(edbuf *b, size_t at, const char *s, size_t n)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->lines = xrealloc(b->lines, b->cap * sizeof(*b->lines));
    }
    memmove(b->lines + at + 1, b->lines + at, (b->n - at) * sizeof(*b->lines));
    b->lines[at].s = xmemdup(s, n);
    b->lines[at].len = n;
    b->n++;
}

static void lines_clear(edbuf *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->lines[i].s);
    b->n = 0;
}

static void load_text(edbuf *b, const char *text)
{
    b->version++;
    size_t n;
    char *clean = sanitize(text ? text : "", text ? strlen(text) : 0, &n);
    lines_clear(b);
    const char *p = clean, *end = clean + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            lines_insert(b, b->n, p, (size_t)(end - p));
            break;
        }
        lines_insert(b, b->n, p, (size_t)(nl - p));
        p = nl + 1;
    }
    free(clean);
}

/* Inserts clean text (may hold newlines) at the cursor; the cursor ends
 * after it. */
static void insert_raw(edbuf *b, const char *s, size_t n)
{
    b->version++;
    ed_line *l = &b->lines[b->row];
    char *tail = xmemdup(l->s + b->col, l->len - b->col);
    size_t taillen = l->len - b->col;
    sbuf cur;
    sbuf_init(&cur);
    sbuf_add(&cur, l->s, b->col);
    const char *p = s, *end = s + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            sbuf_add(&cur, p, (size_t)(end - p));
            break;
        }
        sbuf_add(&cur, p, (size_t)(nl - p));
        line_set(&b->lines[b->row], cur.buf, cur.len);
        sbuf_reset(&cur);
        lines_insert(b, b->row + 1, "", 0);
        b->row++;
        p = nl + 1;
    }
    b->col = cur.len;
    sbuf_add(&cur, tail, taillen);
    line_set(&b->lines[b->row], cur.buf, cur.len);
    sbuf_release(&cur);
    free(tail);
}

static void erase(edbuf *b, size_t row, size_t from, size_t to)
{
    b->version++;
    ed_line *l = &b->lines[row];
    memmove(l->s + from, l->s + to, l->len - to + 1);
    l->len -= to - from;
}

/* Appends line row+1 to line row. */
static void join_next(edbuf *b, size_t row)
{
    b->version++;
    ed_line *a = &b->lines[row], *c = &b->lines[row + 1];
    a->s = xrealloc(a->s, a->len + c->len + 1);
    memcpy(a->s + a->len, c->s, c->len + 1);
    a->len += c->len;
    free(c->s);
    memmove(b->lines + row + 1, b->lines + row + 2, (b->n - row - 2) * sizeof(*b->lines));
    b->n--;
}

/* ---- undo ---- */

static void snap_take(const edbuf *b, ed_snap *s)
{
    s->text = edbuf_text(b);
    s->row = b->row;
    s->col = b->col;
}

/* Appends to a stack of at most EDBUF_UNDO_MAX (the oldest goes). */
static void snap_push(ed_snap **stack, size_t *n, const edbuf *b)
{
    if (*n == EDBUF_UNDO_MAX) {
        free((*stack)[0].text);
        memmove(*stack, *stack + 1, (*n - 1) * sizeof(**stack));
        (*n)--;
    }
    if (!*stack)
        *stack = xmalloc(EDBUF_UNDO_MAX * sizeof(**stack));
    snap_take(b, &(*stack)[(*n)++]);
}

static void snaps_clear(ed_snap *stack, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free(stack[i].text);
    *n = 0;
}

/* Called before every edit: the state to come back to. A new edit ends
 * what redo could bring back. */
static void push_undo(edbuf *b)
{
    snap_push(&b->undo, &b->nundo, b);
    snaps_clear(b->redo, &b->nredo);
}

/* Every edit and move except typing ends the current typing run. */
static void settle(edbuf *b)
{
    b->typing = 0;
    b->has_pref = 0;
}

static void clamp_cursor(edbuf *b, size_t row, size_t col)
{
    b->row = row < b->n ? row : b->n - 1;
    ed_line *l = &b->lines[b->row];
    if (col > l->len)
        col = l->len;
    while (col > 0 && ((unsigned char)l->s[col] & 0xC0) == 0x80)
        col--;
    while (joins_previous(l, col))
        col = prev_code_point(l, col);
    b->col = col;
}

/* ---- public ---- */

edbuf *edbuf_new(const char *text)
{
    edbuf *b = xcalloc(1, sizeof(*b));
    load_text(b, text);
    return b;
}

void edbuf_free(edbuf *b)
{
    if (!b)
        return;
    lines_clear(b);
    free(b->lines);
    snaps_clear(b->undo, &b->nundo);
    snaps_clear(b->redo, &b->nredo);
    free(b->undo);
    free(b->redo);
    free(b);
}

char *edbuf_text(const edbuf *b)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < b->n; i++) {
        if (i)
            sbuf_addch(&sb, '\n');
        sbuf_add(&sb, b->lines[i].s, b->lines[i].len);
    }
    return sbuf_detach(&sb, NULL);
}

void edbuf_set_text(edbuf *b, const char *text)
{
    settle(b);
    push_undo(b);
    load_text(b, text);
    clamp_cursor(b, b->row, b->col);
}

size_t edbuf_lines(const edbuf *b)
{
    return b->n;
}

const char *edbuf_line(const edbuf *b, size_t i, size_t *len)
{
    if (i >= b->n) {
        *len = 0;
        return "";
    }
    *len = b->lines[i].len;
    return b->lines[i].s;
}

void edbuf_cursor(const edbuf *b, size_t *row, size_t *col)
{
    *row = b->row;
    *col = b->col;
}

size_t edbuf_cursor_column(const edbuf *b)
{
    return edbuf_cells(b->lines[b->row].s, b->col);
}

void edbuf_insert(edbuf *b, const char *utf8)
{
    size_t n;
    char *s = sanitize(utf8, strlen(utf8), &n);
    if (n == 0) {
        free(s);
        return;
    }
    if (!memchr(s, '\n', n) && utf8_len((unsigned char)s[0]) == n) {
        /* One typed character: it joins the run of typing before it unless
         * the cursor moved or a new word starts after white space. */
        int space = s[0] == ' ' || s[0] == '\t';
        int joins = b->typing && b->typing_row == b->row && b->typing_col == b->col &&
                    !(b->typing_at_space && !space);
        if (!joins)
            push_undo(b);
        b->has_pref = 0;
        insert_raw(b, s, n);
        b->typing = 1;
        b->typing_row = b->row;
        b->typing_col = b->col;
        b->typing_at_space = space;
    } else {
        settle(b);
        push_undo(b);
        insert_raw(b, s, n);
    }
    free(s);
}

/* 1 if the first n bytes of s, as Python, end in ':' once trailing blanks
 * and a comment are ignored (a '#' inside a string is not a comment). */
static int ends_with_colon(const char *s, size_t n)
{
    char last = 0;
    char quote = 0;
    int triple = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quote) {
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                if (!triple) {
                    quote = 0;
                } else if (i + 2 < n && s[i + 1] == quote && s[i + 2] == quote) {
                    quote = 0;
                    i += 2;
                }
            }
            last = c;
            continue;
        }
        if (c == '#')
            break;
        if (c == '\'' || c == '"') {
            quote = c;
            triple = i + 2 < n && s[i + 1] == c && s[i + 2] == c;
            if (triple)
                i += 2;
        }
        if (c != ' ' && c != '\t')
            last = c;
    }
    return !quote && last == ':';
}

void edbuf_newline(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    size_t indent = 0;
    while (indent < b->col && (l->s[indent] == ' ' || l->s[indent] == '\t'))
        indent++;
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addch(&sb, '\n');
    sbuf_add(&sb, l->s, indent);
    if (ends_with_colon(l->s, b->col))
        sbuf_addstr(&sb, "    ");
    settle(b);
    push_undo(b);
    insert_raw(b, sb.buf, sb.len);
    sbuf_release(&sb);
}

void edbuf_tab(edbuf *b)
{
    size_t at = edbuf_cursor_column(b);
    size_t n = EDBUF_INDENT - at % EDBUF_INDENT;
    settle(b);
    push_undo(b);
    insert_raw(b, "    ", n);
}

/* At the start of a line (after settle): joins it to the line above, the
 * cursor where they meet, as one undo step. */
static void join_above(edbuf *b)
{
    if (b->row == 0)
        return;
    push_undo(b);
    size_t prevlen = b->lines[b->row - 1].len;
    join_next(b, b->row - 1);
    b->row--;
    b->col = prevlen;
}

void edbuf_backspace(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    settle(b);
    if (b->col == 0) {
        join_above(b);
        return;
    }
    size_t from;
    size_t spaces = 0;
    while (spaces < b->col && l->s[spaces] == ' ')
        spaces++;
    if (spaces == b->col)
        from = (b->col - 1) / EDBUF_INDENT * EDBUF_INDENT;
    else
        from = prev_boundary(l, b->col);
    push_undo(b);
    erase(b, b->row, from, b->col);
    b->col = from;
}

void edbuf_delete(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    settle(b);
    if (b->col < l->len) {
        push_undo(b);
        erase(b, b->row, b->col, next_boundary(l, b->col));
    } else if (b->row + 1 < b->n) {
        push_undo(b);
        join_next(b, b->row);
    }
}

void edbuf_move(edbuf *b, int drow, int dcol)
{
    b->typing = 0;
    if (dcol) {
        b->has_pref = 0;
        for (int i = 0; i < abs(dcol); i++) {
            ed_line *l = &b->lines[b->row];
            if (dcol < 0) {
                if (b->col > 0) {
                    b->col = prev_boundary(l, b->col);
                } else if (b->row > 0) {
                    b->row--;
                    b->col = b->lines[b->row].len;
                }
            } else {
                if (b->col < l->len) {
                    b->col = next_boundary(l, b->col);
                } else if (b->row + 1 < b->n) {
                    b->row++;
                    b->col = 0;
                }
            }
        }
    }
    if (drow) {
        if (!b->has_pref) {
            b->pref = edbuf_cursor_column(b);
            b->has_pref = 1;
        }
        long row = (long)b->row + drow;
        if (row < 0)
            row = 0;
        if (row >= (long)b->n)
            row = (long)b->n - 1;
        b->row = (size_t)row;
        b->col = byte_at_cells(&b->lines[b->row], b->pref);
    }
}

void edbuf_home(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    size_t first = 0;
    while (first < l->len && (l->s[first] == ' ' || l->s[first] == '\t'))
        first++;
    settle(b);
    b->col = b->col == first ? 0 : first;
}

void edbuf_end(edbuf *b)
{
    settle(b);
    b->col = b->lines[b->row].len;
}

static void snap_restore(edbuf *b, ed_snap *s)
{
    load_text(b, s->text);
    clamp_cursor(b, s->row, s->col);
    free(s->text);
}

int edbuf_undo(edbuf *b)
{
    settle(b);
    if (b->nundo == 0)
        return 0;
    snap_push(&b->redo, &b->nredo, b);
    snap_restore(b, &b->undo[--b->nundo]);
    return 1;
}

int edbuf_redo(edbuf *b)
{
    settle(b);
    if (b->nredo == 0)
        return 0;
    snap_push(&b->undo, &b->nundo, b);
    snap_restore(b, &b->redo[--b->nredo]);
    return 1;
}

unsigned long edbuf_version(const edbuf *b)
{
    return b->version;
}

void edbuf_set_cursor(edbuf *b, size_t row, size_t col)
{
    settle(b);
    clamp_cursor(b, row, col);
}

void edbuf_line_start(edbuf *b)
{
    settle(b);
    b->col = 0;
}

void edbuf_kill_to_end(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    settle(b);
    if (b->col < l->len) {
        push_undo(b);
        erase(b, b->row, b->col, l->len);
    } else if (b->row + 1 < b->n) {
        push_undo(b);
        join_next(b, b->row);
    }
}

void edbuf_kill_to_start(edbuf *b)
{
    settle(b);
    if (b->col == 0)
        return;
    push_undo(b);
    erase(b, b->row, 0, b->col);
    b->col = 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void edbuf_kill_word(edbuf *b)
{
    ed_line *l = &b->lines[b->row];
    settle(b);
    if (b->col == 0) {
        join_above(b); /* at the start of a line, as Backspace */
        return;
    }
    /* as readline's unix-word-rubout: blanks, then back to the previous blank */
    size_t from = b->col;
    while (from > 0 && is_blank(l->s[from - 1]))
        from--;
    while (from > 0 && !is_blank(l->s[from - 1]))
        from--;
    push_undo(b);
    erase(b, b->row, from, b->col);
    b->col = from;
}
