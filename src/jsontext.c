/* jsontext.c - JSON text into cJSON with located errors (jsontext.h). */
#define _GNU_SOURCE
#include "jsontext.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON text ---- */

const char *jsontext_type_name(const cJSON *j)
{
    if (cJSON_IsNull(j))
        return "null";
    if (cJSON_IsBool(j))
        return "a boolean";
    if (cJSON_IsNumber(j))
        return "a number";
    if (cJSON_IsString(j))
        return "a string";
    if (cJSON_IsArray(j))
        return "an array";
    if (cJSON_IsObject(j))
        return "an object";
    return "an invalid value";
}


void jsontext_linecol(const char *text, size_t len, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Offset of the first byte that is not part of valid UTF-8, or len. */
static size_t utf8_bad_offset(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = 1;
        while (k <= 4 && i + k <= n && !util_utf8_valid(s + i, k))
            k++;
        if (k > 4 || i + k > n)
            return i;
        i += k;
    }
    return n;
}

static void syntax_error(diag *d, const char *path, const char *text, size_t len, size_t off,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void syntax_error(diag *d, const char *path, const char *text, size_t len, size_t off,
                         const char *fmt, ...)
{
    int line, col;
    jsontext_linecol(text, len, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    char *what = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(d, "%s:%d:%d: error: %s", path, line, col, what);
    free(what);
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* What cJSON does not tell: nesting past its limit, a \u0000 escape (which
 * would silently cut a string short), and where an unclosed bracket or
 * string began. One linear pass; returns 0, or -1 after reporting. */
typedef struct {
    size_t open[CJSON_NESTING_LIMIT + 1];
    size_t depth;
    int in_string;
    size_t string_start;
} json_scan;

static int prescan(json_scan *sc, diag *d, const char *path, const char *text, size_t len)
{
    sc->depth = 0;
    sc->in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (sc->in_string) {
            if (ch == '"') {
                sc->in_string = 0;
            } else if (ch == '\\' && i + 1 < len) {
                if (text[i + 1] == 'u' && i + 6 <= len && memcmp(text + i + 2, "0000", 4) == 0) {
                    syntax_error(d, path, text, len, i, "NUL character (\\u0000) in a string");
                    return -1;
                }
                i++;
            }
        } else if (ch == '"') {
            sc->in_string = 1;
            sc->string_start = i;
        } else if (ch == '[' || ch == '{') {
            if (sc->depth == CJSON_NESTING_LIMIT) {
                syntax_error(d, path, text, len, i, "nesting too deep (more than %d levels)",
                             CJSON_NESTING_LIMIT);
                return -1;
            }
            sc->open[sc->depth++] = i;
        } else if ((ch == ']' || ch == '}') && sc->depth > 0) {
            sc->depth--;
        }
    }
    return 0;
}

static void describe_char(char *buf, size_t n, const char *p)
{
    unsigned char ch = (unsigned char)*p;
    if (ch >= 0x21 && ch < 0x7f)
        snprintf(buf, n, "'%c'", ch);
    else
        snprintf(buf, n, "byte 0x%02x", ch);
}

struct cJSON *jsontext_parse(const char *path, const char *text, size_t len, diag *d)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* a UTF-8 byte order mark, as some editors write */
    size_t first = start;
    while (first < len && is_ws(text[first]))
        first++;
    if (first == len) {
        diag_add(d, "%s:1:1: error: empty file", path);
        return NULL;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        syntax_error(d, path, text, len, (size_t)(nul - text),
                     "binary data (NUL byte); expected JSON text");
        return NULL;
    }
    size_t bad = utf8_bad_offset(text, len);
    if (bad < len) {
        syntax_error(d, path, text, len, bad, "invalid UTF-8 (byte 0x%02x)",
                     (unsigned char)text[bad]);
        return NULL;
    }
    json_scan *sc = xmalloc(sizeof *sc);
    if (prescan(sc, d, path, text, len) < 0) {
        free(sc);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, len - start, &end, 0);
    if (!root) {
        size_t off = end ? (size_t)(end - text) : len;
        size_t last = len;
        while (last > 0 && is_ws(text[last - 1]))
            last--;
        int truncated = (sc->in_string && off >= sc->string_start) ||
                        (sc->depth > 0 && off + 1 >= last);
        if (truncated && sc->in_string) {
            int l, c;
            jsontext_linecol(text, len, sc->string_start, &l, &c);
            syntax_error(d, path, text, len, last,
                         "unexpected end of file (string started at %d:%d is not closed)", l, c);
        } else if (truncated) {
            int l, c;
            size_t o = sc->open[sc->depth - 1];
            jsontext_linecol(text, len, o, &l, &c);
            syntax_error(d, path, text, len, last,
                         "unexpected end of file ('%c' opened at %d:%d is not closed)", text[o], l, c);
        } else if (off >= len) {
            syntax_error(d, path, text, len, last, "unexpected end of file");
        } else {
            char what[32];
            describe_char(what, sizeof what, text + off);
            syntax_error(d, path, text, len, off, "invalid JSON: unexpected %s", what);
        }
        free(sc);
        return NULL;
    }
    free(sc);
    size_t off = (size_t)(end - text);
    while (off < len && is_ws(text[off]))
        off++;
    if (off < len) {
        syntax_error(d, path, text, len, off, "unexpected content after the JSON value");
        cJSON_Delete(root);
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        syntax_error(d, path, text, len, first, "top level must be a JSON object, not %s",
                     jsontext_type_name(root));
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

