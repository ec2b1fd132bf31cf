/* jsontext.c - JSON text into cJSON with located errors (jsontext.h).
 *
 * cJSON is lenient where RFC 8259 is not (it takes 01, 1., a raw control
 * character in a string, a lone surrogate escape, and it says where it
 * stopped rather than which token was wrong), so the text is first read
 * by a strict scanner of our own that reports the first offending token
 * at its exact line and column, saying what is wrong; only text that
 * passes it is handed to cJSON. */
#define _GNU_SOURCE
#include "jsontext.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a bad number or word a message quotes. */
#define TOKEN_SHOWN 32

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
        /* a lone CR ends a line too, as editors count (old Mac files) */
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
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

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* The character at p for a message: 'x' for printable ASCII, the
 * character and its code point for the rest of Unicode (a typographic
 * quote pasted from a word processor looks like '"'), else its byte. */
static void describe_char(char *buf, size_t n, const char *p, size_t left)
{
    unsigned char ch = (unsigned char)*p;
    uint32_t cp;
    size_t k;
    if (ch == '\'')
        snprintf(buf, n, "single quote");
    else if (ch >= 0x21 && ch < 0x7f)
        snprintf(buf, n, "'%c'", ch);
    else if (ch >= 0x80 && (k = util_utf8_decode((const unsigned char *)p, left, &cp, 0)) > 0)
        snprintf(buf, n, "'%.*s' (U+%04X)", (int)k, p, (unsigned)cp);
    else
        snprintf(buf, n, "byte 0x%02x", ch);
}

/* The strict scanner's state: where it is, and the brackets open. */
typedef struct {
    const char *path, *text;
    size_t len;
    size_t last; /* just past the last byte that is not white space */
    diag *d;
    size_t open[CJSON_NESTING_LIMIT + 1];
    size_t depth;
} jscan;

/* The end of the text came too soon: said at the last token, with what
 * was left open. */
static int eof_error(jscan *s, size_t string_start, int in_string)
{
    int l, c;
    if (in_string) {
        jsontext_linecol(s->text, s->len, string_start, &l, &c);
        syntax_error(s->d, s->path, s->text, s->len, s->last,
                     "unexpected end of file (string started at %d:%d is not closed)", l, c);
    } else if (s->depth > 0) {
        size_t o = s->open[s->depth - 1];
        jsontext_linecol(s->text, s->len, o, &l, &c);
        syntax_error(s->d, s->path, s->text, s->len, s->last,
                     "unexpected end of file ('%c' opened at %d:%d is not closed)", s->text[o], l, c);
    } else {
        syntax_error(s->d, s->path, s->text, s->len, s->last, "unexpected end of file");
    }
    return -1;
}

/* Whether p starts a typographic quote (U+2018, U+2019, U+201C, U+201D),
 * which a word processor puts where JSON needs '"'. */
static int is_curly_quote(const jscan *s, size_t p)
{
    const unsigned char *u = (const unsigned char *)s->text + p;
    return p + 3 <= s->len && u[0] == 0xE2 && u[1] == 0x80 &&
           (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D);
}

static int unexpected(jscan *s, size_t p, const char *expected)
{
    /* The last byte of a file with brackets still open: the file was cut
     * short (a copy that stopped, an editor that crashed), and that is
     * the news, not the byte. A closing bracket there closes its own. */
    if (p + 1 >= s->last && s->depth > 0) {
        char ch = s->text[p], open = s->text[s->open[s->depth - 1]];
        if ((ch == '}' && open == '{') || (ch == ']' && open == '['))
            s->depth--;
        if (s->depth > 0)
            return eof_error(s, 0, 0);
    }
    char what[48];
    describe_char(what, sizeof what, s->text + p, s->len - p);
    syntax_error(s->d, s->path, s->text, s->len, p, "invalid JSON: unexpected %s (expected %s%s)", what,
                 expected, is_curly_quote(s, p) ? "; JSON takes straight double quotes" : "");
    return -1;
}

/* Whether the string whose body goes on at q is closed before the end of
 * the text: a raw line break in a string that never closes is a missing
 * quote, not a line break to escape. */
static int string_closes(const jscan *s, size_t q)
{
    for (; q < s->len; q++) {
        if (s->text[q] == '\\')
            q++;
        else if (s->text[q] == '"')
            return 1;
    }
    return 0;
}

/* \uXXXX at q (the backslash): the code unit, or -1 when the four hex
 * digits are not all there (-2: the text ends first). */
static long read_u_escape(const jscan *s, size_t q)
{
    long v = 0;
    for (size_t i = 2; i < 6; i++) {
        if (q + i >= s->len)
            return -2;
        int h = hex_value(s->text[q + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* A string at p (its opening quote); *end is just past the closing one. */
static int scan_string(jscan *s, size_t p, size_t *end)
{
    const char *t = s->text;
    size_t q = p + 1;
    for (;;) {
        if (q >= s->len)
            return eof_error(s, p, 1);
        unsigned char ch = (unsigned char)t[q];
        if (ch == '"') {
            *end = q + 1;
            return 0;
        }
        if (ch < 0x20) {
            if (!string_closes(s, q))
                return eof_error(s, p, 1);
            if (ch == '\n' || ch == '\r')
                syntax_error(s->d, s->path, t, s->len, q,
                             "invalid JSON: a line break in a string (write it as \\n)");
            else if (ch == '\t')
                syntax_error(s->d, s->path, t, s->len, q, "invalid JSON: a tab in a string (write it as \\t)");
            else
                syntax_error(s->d, s->path, t, s->len, q,
                             "invalid JSON: a control character (byte 0x%02x) in a string (write it as \\u%04x)",
                             ch, ch);
            return -1;
        }
        if (ch != '\\') {
            q++;
            continue;
        }
        if (q + 1 >= s->len)
            return eof_error(s, p, 1);
        char e = t[q + 1];
        if (e && strchr("\"\\/bfnrt", e)) {
            q += 2;
            continue;
        }
        if (e != 'u') {
            char what[48];
            describe_char(what, sizeof what, t + q + 1, s->len - q - 1);
            syntax_error(s->d, s->path, t, s->len, q,
                         "invalid JSON: unknown escape: a backslash followed by %s (JSON knows \\\" \\\\ \\/ "
                         "\\b \\f \\n \\r \\t and \\uXXXX)", what);
            return -1;
        }
        long u = read_u_escape(s, q);
        if (u == -2)
            return eof_error(s, p, 1);
        if (u < 0) {
            syntax_error(s->d, s->path, t, s->len, q, "invalid JSON: \\u must be followed by four hex digits");
            return -1;
        }
        if (u == 0) {
            /* cJSON would cut the string short there, silently */
            syntax_error(s->d, s->path, t, s->len, q, "NUL character (\\u0000) in a string");
            return -1;
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo = q + 7 < s->len && t[q + 6] == '\\' && t[q + 7] == 'u' ? read_u_escape(s, q + 6) : -1;
            if (lo == -2)
                return eof_error(s, p, 1);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                syntax_error(s->d, s->path, t, s->len, q,
                             "invalid JSON: lone surrogate \\u%.4s in a string (a high surrogate, \\ud800 to "
                             "\\udbff, must be followed by a low one, \\udc00 to \\udfff)", t + q + 2);
                return -1;
            }
            q += 12;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            syntax_error(s->d, s->path, t, s->len, q,
                         "invalid JSON: lone surrogate \\u%.4s in a string (a low surrogate, \\udc00 to "
                         "\\udfff, must follow a high one, \\ud800 to \\udbff)", t + q + 2);
            return -1;
        }
        q += 6;
    }
}

/* A bad number at p: quoted (its first TOKEN_SHOWN characters) with why. */
static int number_error(jscan *s, size_t p, const char *why)
{
    size_t n = 0;
    while (p + n < s->len && n < TOKEN_SHOWN && strchr("0123456789+-.eE", s->text[p + n]))
        n++;
    syntax_error(s->d, s->path, s->text, s->len, p, "invalid JSON: %.*s%s is not a JSON number (%s)", (int)n,
                 s->text + p, p + n < s->len && strchr("0123456789+-.eE", s->text[p + n]) ? "..." : "", why);
    return -1;
}

/* A number at p: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int scan_number(jscan *s, size_t p, size_t *end)
{
    const char *t = s->text;
    size_t q = p;
    if (t[q] == '-')
        q++;
    if (q >= s->len)
        return eof_error(s, 0, 0);
    if (t[q] == '0') {
        q++;
        if (q < s->len && is_digit(t[q]))
            return number_error(s, p, "a number does not start with 0 unless it is 0 or 0.something");
    } else if (is_digit(t[q])) {
        while (q < s->len && is_digit(t[q]))
            q++;
    } else {
        return number_error(s, p, "a digit must follow the minus sign");
    }
    if (q < s->len && t[q] == '.') {
        q++;
        if (q >= s->len)
            return eof_error(s, 0, 0);
        if (!is_digit(t[q]))
            return number_error(s, p, "a digit must follow the decimal point");
        while (q < s->len && is_digit(t[q]))
            q++;
    }
    if (q < s->len && (t[q] == 'e' || t[q] == 'E')) {
        q++;
        if (q < s->len && (t[q] == '+' || t[q] == '-'))
            q++;
        if (q >= s->len)
            return eof_error(s, 0, 0);
        if (!is_digit(t[q]))
            return number_error(s, p, "a digit must follow the exponent");
        while (q < s->len && is_digit(t[q]))
            q++;
    }
    *end = q;
    return 0;
}

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) || ch == '_';
}

/* true, false or null at p; anything else that starts with a letter is
 * named whole, with a hint for what Python and JavaScript write. */
static int scan_word(jscan *s, size_t p, size_t *end)
{
    size_t q = p;
    while (q < s->len && is_word_char(s->text[q]))
        q++;
    size_t n = q - p;
    static const char *const words[] = { "true", "false", "null" };
    for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
        size_t wl = strlen(words[i]);
        if (n == wl && memcmp(s->text + p, words[i], n) == 0) {
            *end = q;
            return 0;
        }
        if (q == s->len && n < wl && memcmp(s->text + p, words[i], n) == 0)
            return eof_error(s, 0, 0);
    }
    const char *hint = "a value";
    if ((n == 4 && (!memcmp(s->text + p, "True", 4) || !memcmp(s->text + p, "None", 4))) ||
        (n == 5 && !memcmp(s->text + p, "False", 5)))
        hint = "a value; JSON writes true, false and null";
    else if ((n == 3 && !util_ascii_ncasecmp(s->text + p, "nan", 3)) || (n == 8 && !memcmp(s->text + p, "Infinity", 8)))
        hint = "a value; JSON has no NaN or Infinity";
    syntax_error(s->d, s->path, s->text, s->len, p, "invalid JSON: unexpected %c%.*s%s%c (expected %s)",
                 n > 1 ? '"' : '\'', (int)(n < TOKEN_SHOWN ? n : TOKEN_SHOWN), s->text + p,
                 n > TOKEN_SHOWN ? "..." : "", n > 1 ? '"' : '\'', hint);
    return -1;
}

/* What the scanner expects next. */
typedef enum {
    WANT_VALUE,      /* a value: the top level, or after ':' */
    WANT_FIRST_ITEM, /* after '[': a value or ']' */
    WANT_ITEM,       /* after ',' in an array */
    WANT_ARR_NEXT,   /* after an array's value: ',' or ']' */
    WANT_FIRST_KEY,  /* after '{': a field name or '}' */
    WANT_KEY,        /* after ',' in an object */
    WANT_COLON,      /* after a field name */
    WANT_OBJ_NEXT,   /* after an object's value: ',' or '}' */
} jwant;

/* A closing bracket that does not match the open one. */
static int mismatch(jscan *s, size_t p, const char *expected)
{
    int l, c;
    size_t o = s->open[s->depth - 1];
    jsontext_linecol(s->text, s->len, o, &l, &c);
    char *e = xasprintf("%s to close the '%c' opened at %d:%d", expected, s->text[o], l, c);
    unexpected(s, p, e);
    free(e);
    return -1;
}

/* The one value at the start of the text, by RFC 8259, iteratively (a
 * file may nest as deep as cJSON allows). *end is just past it. */
static int scan_value(jscan *s, size_t p, size_t *end)
{
    const char *t = s->text;
    jwant want = WANT_VALUE;
    for (;;) {
        while (p < s->len && is_ws(t[p]))
            p++;
        if (p >= s->len)
            return eof_error(s, 0, 0);
        char ch = t[p];
        switch (want) {
        case WANT_COLON:
            if (ch != ':')
                return unexpected(s, p, "':' after the field name");
            p++;
            want = WANT_VALUE;
            continue;
        case WANT_ARR_NEXT:
        case WANT_OBJ_NEXT: {
            char close = want == WANT_ARR_NEXT ? ']' : '}';
            if (ch == ',') {
                p++;
                want = want == WANT_ARR_NEXT ? WANT_ITEM : WANT_KEY;
                continue;
            }
            if (ch == close) {
                p++;
                s->depth--;
                goto after_value;
            }
            if (ch == ']' || ch == '}')
                return mismatch(s, p, close == ']' ? "',' or ']'" : "',' or '}'");
            return unexpected(s, p, close == ']' ? "',' or ']'" : "',' or '}'");
        }
        case WANT_FIRST_KEY:
        case WANT_KEY:
            if (ch == '"') {
                if (scan_string(s, p, &p) < 0)
                    return -1;
                want = WANT_COLON;
                continue;
            }
            if (ch == '}' && want == WANT_FIRST_KEY) {
                p++;
                s->depth--;
                goto after_value;
            }
            if (ch == '}')
                return unexpected(s, p, "a field name after ','; a trailing comma is not allowed");
            return unexpected(s, p, want == WANT_FIRST_KEY ? "a field name in double quotes, or '}'"
                                                           : "a field name in double quotes");
        case WANT_FIRST_ITEM:
        case WANT_ITEM:
            if (ch == ']' && want == WANT_FIRST_ITEM) {
                p++;
                s->depth--;
                goto after_value;
            }
            if (ch == ']')
                return unexpected(s, p, "a value after ','; a trailing comma is not allowed");
            /* fall through: a value */
        case WANT_VALUE:
            break;
        }
        if (ch == '{' || ch == '[') {
            if (s->depth == CJSON_NESTING_LIMIT) {
                syntax_error(s->d, s->path, t, s->len, p, "nesting too deep (more than %d levels)",
                             CJSON_NESTING_LIMIT);
                return -1;
            }
            s->open[s->depth++] = p++;
            want = ch == '{' ? WANT_FIRST_KEY : WANT_FIRST_ITEM;
            continue;
        }
        int rc;
        if (ch == '"')
            rc = scan_string(s, p, &p);
        else if (ch == '-' || is_digit(ch))
            rc = scan_number(s, p, &p);
        else if (is_word_char(ch))
            rc = scan_word(s, p, &p);
        else if (ch == '\'')
            return unexpected(s, p, "a value; JSON strings take double quotes");
        else
            return unexpected(s, p, want == WANT_FIRST_ITEM ? "a value or ']'" : "a value");
        if (rc < 0)
            return -1;
    after_value:
        if (s->depth == 0) {
            *end = p;
            return 0;
        }
        want = t[s->open[s->depth - 1]] == '{' ? WANT_OBJ_NEXT : WANT_ARR_NEXT;
    }
}

static const char *value_type_name(char first)
{
    switch (first) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

const char *jsontext_wide_encoding(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    /* byte order marks first: FF FE 00 00 is UTF-32's, FF FE UTF-16's */
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                     (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
        return "UTF-32";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return "UTF-16";
    /* without one, the NUL bytes of the first characters (RFC 4627, 3) */
    if (len >= 4 && ((u[0] && !u[1] && !u[2] && !u[3]) || (!u[0] && !u[1] && !u[2] && u[3])))
        return "UTF-32";
    if (len >= 4 && ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3])))
        return "UTF-16";
    return NULL;
}

struct cJSON *jsontext_parse(const char *path, const char *text, size_t len, diag *d)
{
    /* what Windows calls "Unicode": named, or it reads as binary data */
    const char *wide = jsontext_wide_encoding(text, len);
    if (wide) {
        diag_add(d, "%s:1:1: error: %s text: save it as UTF-8", path, wide);
        return NULL;
    }
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
    jscan *s = xcalloc(1, sizeof *s);
    s->path = path;
    s->text = text;
    s->len = len;
    s->d = d;
    s->last = len;
    while (s->last > 0 && is_ws(text[s->last - 1]))
        s->last--;
    size_t end = len;
    int rc = scan_value(s, first, &end);
    free(s);
    if (rc < 0)
        return NULL;
    size_t off = end;
    while (off < len && is_ws(text[off]))
        off++;
    if (off < len) {
        syntax_error(d, path, text, len, off, "unexpected content after the JSON value");
        return NULL;
    }
    if (text[first] != '{') {
        syntax_error(d, path, text, len, first, "top level must be a JSON object, not %s",
                     value_type_name(text[first]));
        return NULL;
    }
    const char *stop = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, len - start, &stop, 0);
    if (!root) {
        /* The scanner passed it, so cJSON ran out of something (memory) */
        syntax_error(d, path, text, len, stop ? (size_t)(stop - text) : first,
                     "cannot read the JSON value here");
        return NULL;
    }
    return root;
}
