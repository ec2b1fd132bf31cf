/* value_repr.c - Python's repr of plain values, for showing expected and
 * actual values: floats by Python's shortest round-trip rule, strings with
 * Python 3.11's quoting and escapes, sets in a canonical order. */
#define _GNU_SOURCE
#include "value.h"
#include "value_impl.h"

#include "util.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- repr -------------------------------------------------------------- */

/* Code points above U+007F that Python 3.11's str.isprintable() rejects
 * (categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs), as alternating gaps and
 * run lengths from U+0000. Generated from /usr/bin/python3 (Unicode 14). */
static const uint32_t nonprint_runs[] = {
    128,33,12,1,714,2,6,4,7,1,1,1,20,1,397,1,38,2,50,2,3,1,55,8,27,4,6,17,22,1,192,1,48,2,59,2,101,14,59,2,49,
    2,15,1,28,2,1,1,11,5,31,9,74,1,161,1,8,2,2,2,22,1,7,1,1,3,4,2,9,2,2,2,4,8,1,4,2,1,5,2,25,2,3,1,6,4,2,2,22,
    1,7,1,2,1,2,1,2,2,1,1,5,4,2,2,3,3,1,7,4,1,1,7,17,10,3,1,9,1,3,1,22,1,7,1,2,1,5,2,10,1,3,1,3,2,1,15,4,2,12,
    7,7,1,3,1,8,2,2,2,22,1,7,1,2,1,5,2,9,2,2,2,3,7,3,4,2,1,5,2,18,10,2,1,6,3,3,1,4,3,2,1,1,1,2,3,2,3,3,3,12,4,
    5,3,3,1,4,2,1,6,1,14,21,5,13,1,3,1,23,1,16,2,9,1,3,1,4,7,2,1,3,2,1,2,4,2,10,7,22,1,3,1,23,1,10,1,5,2,9,1,
    3,1,4,7,2,6,2,1,4,2,10,1,2,13,13,1,3,1,51,1,3,1,6,4,16,2,26,1,3,1,18,3,24,1,9,1,1,2,7,3,1,4,6,1,1,1,8,6,
    10,2,3,12,58,4,29,37,2,1,1,1,5,1,24,1,1,1,23,2,5,1,1,1,6,2,10,2,4,32,72,1,36,4,39,1,36,1,15,1,13,37,198,1,
    1,5,1,2,377,1,4,2,7,1,1,1,4,2,41,1,4,2,33,1,4,2,7,1,1,1,4,2,15,1,57,1,4,2,67,2,32,3,26,6,86,2,6,2,640,1,
    28,3,89,7,22,9,24,9,20,12,13,1,3,1,2,12,94,2,10,6,10,6,14,1,11,6,89,7,43,5,70,10,31,1,12,4,12,4,1,3,42,2,
    5,11,44,4,26,6,11,3,62,2,65,1,29,2,11,6,10,6,14,2,31,49,77,3,47,1,116,8,60,3,15,3,60,7,43,2,11,8,43,5,534,
    2,6,2,38,2,6,2,8,1,1,1,1,1,1,1,31,2,53,1,15,1,14,2,6,1,19,2,3,1,9,17,24,8,47,17,2,2,27,1,13,3,33,15,33,15,
    140,4,663,25,11,21,1812,2,32,1,349,5,45,1,1,5,1,2,56,7,2,14,24,9,7,1,7,1,7,1,7,1,7,1,7,1,7,1,7,1,126,34,
    26,1,89,12,214,26,12,5,63,1,86,2,103,5,43,1,94,1,84,12,47,1,29293,3,55,9,348,20,184,8,203,5,2,1,1,1,5,24,
    59,3,10,6,56,8,70,8,12,6,116,11,30,3,78,1,11,4,33,1,55,9,14,2,10,2,103,24,28,10,6,2,6,2,6,9,7,1,7,1,60,4,
    126,2,10,6,11172,12,23,4,49,8452,366,2,106,38,7,12,5,5,26,1,5,1,1,1,2,1,2,1,125,16,445,2,54,7,1,32,42,6,
    51,1,19,1,4,4,5,1,135,4,190,3,6,2,6,2,6,2,3,3,7,1,7,13,2,2,12,1,26,1,19,1,2,1,15,2,14,34,123,5,3,4,45,3,
    88,1,13,3,1,47,46,130,29,3,49,15,28,4,36,9,30,5,43,5,30,1,37,4,14,42,158,2,10,6,36,4,36,4,40,8,52,11,12,1,
    15,1,7,1,2,1,11,1,15,1,7,1,2,67,311,9,22,10,8,24,6,1,42,1,9,69,6,2,1,1,44,1,2,3,1,2,23,1,72,8,9,48,19,1,2,
    5,33,3,27,5,1,64,56,4,20,2,50,1,2,5,8,1,3,1,29,2,3,4,10,7,9,7,64,32,39,4,12,9,54,3,29,2,27,5,26,7,4,12,7,
    80,73,55,51,13,51,7,46,8,10,294,31,1,42,1,3,2,2,78,40,8,42,22,26,38,28,20,23,9,78,4,36,9,62,1,5,13,25,7,
    10,6,53,1,18,8,39,9,96,1,20,11,18,1,44,65,7,1,1,1,4,1,15,1,11,6,59,5,10,6,4,1,8,2,2,2,22,1,7,1,2,1,5,1,10,
    2,2,2,3,2,1,6,1,5,7,2,7,3,5,139,92,1,5,30,72,8,10,166,54,2,38,34,69,11,10,6,13,19,58,6,10,54,27,2,15,4,23,
    185,60,100,83,12,8,2,1,2,8,1,2,1,30,1,2,2,12,9,10,70,8,2,46,2,11,27,72,8,83,13,73,263,9,1,45,1,14,10,29,3,
    32,2,22,1,14,73,7,1,2,1,44,3,1,1,2,1,9,8,10,6,6,1,2,1,37,1,2,1,6,7,10,310,25,183,1,15,50,13,923,102,111,1,
    5,11,196,2636,99,13,1071,4049,583,8633,569,7,31,1,10,4,81,1,10,6,30,2,6,10,70,10,10,1,7,1,21,5,19,688,91,
    101,75,4,57,7,17,64,5,11,2,14,6136,8,1238,42,9,8935,4,1,7,1,2,1,291,45,3,17,4,8,396,2308,107,5,13,3,9,7,
    10,2,4,4704,46,2,23,9,116,60,246,10,39,2,74,8,112,21,70,154,20,12,87,9,25,135,85,1,71,1,2,2,1,2,2,2,4,1,
    12,1,1,1,7,1,65,1,4,2,8,1,7,1,28,1,4,1,5,1,1,3,7,1,340,2,292,2,702,15,5,1,15,1104,31,225,7,1,17,2,7,1,2,1,
    5,213,45,3,14,2,10,4,2,320,31,17,58,5,1,1248,7,1,4,1,2,1,15,1,197,2,16,41,76,4,10,4,2,785,68,76,61,194,4,
    1,27,1,2,1,1,2,1,1,10,1,4,1,1,1,1,6,1,4,1,1,1,1,1,1,3,1,2,1,1,2,1,1,1,1,1,1,1,1,1,1,2,1,1,2,4,1,7,1,4,1,4,
    1,1,1,10,1,17,5,3,1,5,1,17,52,2,270,44,4,100,12,15,2,15,1,15,1,37,10,174,56,29,13,44,4,9,7,2,14,6,154,984,
    5,16,3,13,3,116,12,89,7,12,4,1,15,12,4,56,8,10,6,40,8,30,2,2,78,340,12,14,2,5,3,5,3,7,9,29,3,11,5,6,10,10,
    6,8,8,7,9,147,1,55,37,10,1030,42720,32,4153,7,222,2,5762,14,7473,3103,542,1506,4939,716213,240,196112,
};
#define NONPRINT_N (ARRAY_SIZE(nonprint_runs) / 2)
static _Atomic(const uint32_t *) nonprint_ranges; /* lo, hi pairs */

static const uint32_t *nonprint_table(void)
{
    const uint32_t *t = atomic_load(&nonprint_ranges);
    if (t)
        return t;
    uint32_t *fresh = xmalloc(2 * NONPRINT_N * sizeof(*fresh)), next = 0;
    for (size_t i = 0; i < NONPRINT_N; i++) {
        fresh[2 * i] = next + nonprint_runs[2 * i];
        fresh[2 * i + 1] = fresh[2 * i] + nonprint_runs[2 * i + 1] - 1;
        next = fresh[2 * i + 1] + 1;
    }
    const uint32_t *expected = NULL;
    if (atomic_compare_exchange_strong(&nonprint_ranges, &expected, fresh))
        return fresh;
    free(fresh);
    return expected;
}

static int printable(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp < 0x7f;
    const uint32_t *t = nonprint_table();
    size_t lo = 0, hi = NONPRINT_N;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[2 * mid])
            hi = mid;
        else if (cp > t[2 * mid + 1])
            lo = mid + 1;
        else
            return 0;
    }
    return 1;
}

struct rep {
    sbuf sb;
    size_t limit; /* stop once the text is longer than this (0: never) */
};

static int rep_full(const struct rep *r)
{
    return r->limit && r->sb.len > r->limit;
}

/* Python's float repr: the shortest digits that read back as the same
 * double, fixed notation when the decimal exponent is in [-4, 16). */
static void repr_float(sbuf *sb, double x)
{
    char buf[64], digits[32];
    if (isnan(x)) {
        sbuf_addstr(sb, "nan");
        return;
    }
    if (isinf(x)) {
        sbuf_addstr(sb, x > 0 ? "inf" : "-inf");
        return;
    }
    for (int p = 1; p <= 17; p++) {
        value_c_snprintf_double(buf, sizeof buf, "%.*e", p - 1, x);
        if (value_c_strtod(buf, NULL) == x)
            break;
    }
    /* buf is [-]d[.ddd]e[+-]dd */
    const char *s = buf;
    if (*s == '-') {
        sbuf_addch(sb, '-');
        s++;
    }
    size_t nd = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && nd < sizeof digits - 1)
            digits[nd++] = *s;
    int exp = *s == 'e' ? atoi(s + 1) : 0;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    int decpt = exp + 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            sbuf_addstr(sb, "0.");
            for (int i = 0; i < -decpt; i++)
                sbuf_addch(sb, '0');
            sbuf_addstr(sb, digits);
        } else if ((size_t)decpt >= nd) {
            sbuf_addstr(sb, digits);
            for (size_t i = nd; i < (size_t)decpt; i++)
                sbuf_addch(sb, '0');
            sbuf_addstr(sb, ".0");
        } else {
            sbuf_add(sb, digits, (size_t)decpt);
            sbuf_addch(sb, '.');
            sbuf_addstr(sb, digits + decpt);
        }
    } else {
        sbuf_addch(sb, digits[0]);
        if (nd > 1) {
            sbuf_addch(sb, '.');
            sbuf_addstr(sb, digits + 1);
        }
        sbuf_addf(sb, "e%+03d", exp);
    }
}

/* Python picks '"' only when the text has a "'" and no '"'. */
static char pick_quote(const char *s, size_t n)
{
    return memchr(s, '\'', n) && !memchr(s, '"', n) ? '"' : '\'';
}

static int repr_ascii_escape(sbuf *sb, uint32_t c, char q)
{
    if (c == (unsigned char)q || c == '\\') {
        sbuf_addch(sb, '\\');
        sbuf_addch(sb, (char)c);
    } else if (c == '\t') {
        sbuf_addstr(sb, "\\t");
    } else if (c == '\n') {
        sbuf_addstr(sb, "\\n");
    } else if (c == '\r') {
        sbuf_addstr(sb, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
        sbuf_addf(sb, "\\x%02x", c);
    } else if (c < 0x80) {
        sbuf_addch(sb, (char)c);
    } else {
        return 0;
    }
    return 1;
}

static void repr_str(struct rep *r, const value *v)
{
    const unsigned char *s = (const unsigned char *)v->text;
    char q = pick_quote(v->text, v->len);
    sbuf_addch(&r->sb, q);
    for (size_t i = 0; i < v->len && !rep_full(r);) {
        uint32_t c;
        size_t k = util_utf8_decode(s + i, v->len - i, &c, 1);
        if (!k) { /* not reachable from the wire form; show the byte */
            sbuf_addf(&r->sb, "\\x%02x", s[i]);
            i++;
            continue;
        }
        if (!repr_ascii_escape(&r->sb, c, q)) {
            if (printable(c))
                sbuf_add(&r->sb, s + i, k);
            else if (c <= 0xff)
                sbuf_addf(&r->sb, "\\x%02x", c);
            else if (c <= 0xffff)
                sbuf_addf(&r->sb, "\\u%04x", c);
            else
                sbuf_addf(&r->sb, "\\U%08x", c);
        }
        i += k;
    }
    sbuf_addch(&r->sb, q);
}

static void repr_bytes(struct rep *r, const value *v)
{
    const unsigned char *s = (const unsigned char *)v->text;
    char q = pick_quote(v->text, v->len);
    sbuf_addch(&r->sb, 'b');
    sbuf_addch(&r->sb, q);
    for (size_t i = 0; i < v->len && !rep_full(r); i++)
        if (!repr_ascii_escape(&r->sb, s[i], q))
            sbuf_addf(&r->sb, "\\x%02x", s[i]);
    sbuf_addch(&r->sb, q);
}

static void repr_node(struct rep *r, const value *v);

static void repr_items(struct rep *r, const value *v, const char *open, const char *close)
{
    sbuf_addstr(&r->sb, open);
    for (size_t i = 0; i < v->n && !rep_full(r); i++) {
        if (i)
            sbuf_addstr(&r->sb, ", ");
        if (v->type == VAL_DICT) {
            repr_node(r, v->items[2 * i]);
            sbuf_addstr(&r->sb, ": ");
            repr_node(r, v->items[2 * i + 1]);
        } else {
            repr_node(r, v->items[i]);
        }
    }
    if (v->type == VAL_TUPLE && v->n == 1)
        sbuf_addch(&r->sb, ',');
    sbuf_addstr(&r->sb, close);
}

static void repr_node(struct rep *r, const value *v)
{
    if (rep_full(r))
        return;
    switch (v->type) {
    case VAL_NONE:
        sbuf_addstr(&r->sb, "None");
        break;
    case VAL_BOOL:
        sbuf_addstr(&r->sb, v->b ? "True" : "False");
        break;
    case VAL_INT:
        sbuf_add(&r->sb, v->text, v->len);
        break;
    case VAL_FLOAT:
        repr_float(&r->sb, v->f);
        break;
    case VAL_STR:
        repr_str(r, v);
        break;
    case VAL_BYTES:
        repr_bytes(r, v);
        break;
    case VAL_LIST:
        repr_items(r, v, "[", "]");
        break;
    case VAL_TUPLE:
        repr_items(r, v, "(", ")");
        break;
    case VAL_DICT:
        repr_items(r, v, "{", "}");
        break;
    case VAL_SET:
        if (v->n)
            repr_items(r, v, "{", "}");
        else
            sbuf_addstr(&r->sb, "set()");
        break;
    case VAL_FROZENSET:
        if (v->n)
            repr_items(r, v, "frozenset({", "})");
        else
            sbuf_addstr(&r->sb, "frozenset()");
        break;
    }
}

/* Sets are shown sorted (Python shows them in hash order, which is not
 * stable across runs for str); dicts keep their insertion order. */
char *value_repr(const value *v, size_t maxlen)
{
    struct rep r;
    sbuf_init(&r.sb);
    r.limit = maxlen;
    if (!v) {
        sbuf_addstr(&r.sb, "<no value>");
    } else if (value_has_unordered(v, 0)) {
        value *c = value_clone(v);
        value_canon_sort(c, 0);
        repr_node(&r, c);
        value_free(c);
    } else {
        repr_node(&r, v);
    }
    if (maxlen && r.sb.len > maxlen) {
        size_t cut = maxlen > 3 ? maxlen - 3 : 0;
        while (cut > 0 && ((unsigned char)r.sb.buf[cut] & 0xC0) == 0x80)
            cut--;
        r.sb.len = cut;
        r.sb.buf[cut] = '\0';
        sbuf_addstr(&r.sb, "...");
    }
    char *out = sbuf_detach(&r.sb, NULL);
    sbuf_release(&r.sb); /* sbuf_detach left a fresh empty buffer */
    return out;
}
