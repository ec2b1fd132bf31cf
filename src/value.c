/* value.c - plain values (SPEC 2.5): wire form, comparison, Python repr.
 *
 * Decoding trusts nothing: the wire form comes from a child process that ran
 * untrusted code, so every shape, tag and payload is checked, and limits on
 * depth and size are enforced before anything large is allocated. */
#define _GNU_SOURCE
#include "value.h"

#include "util.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Floats are parsed and printed in the C locale whatever setlocale() the
 * program did for ncurses: "%a" and strtod would use a ',' otherwise.
 * Lazy one-time set-ups use a compare-and-swap rather than pthread_once:
 * src/sched.h shadows <sched.h> (which <pthread.h> needs) under -Isrc. */
static _Atomic(locale_t) c_locale;

static locale_t value_c_locale(void)
{
    locale_t l = atomic_load(&c_locale);
    if (l)
        return l;
    locale_t fresh = newlocale(LC_ALL_MASK, "C", (locale_t)0), expected = (locale_t)0;
    if (!fresh)
        abort();
    if (atomic_compare_exchange_strong(&c_locale, &expected, fresh))
        return fresh;
    freelocale(fresh);
    return expected;
}

static double c_strtod(const char *s, char **end)
{
    return strtod_l(s, end, value_c_locale());
}

static void c_snprintf_double(char *buf, size_t n, const char *fmt, int prec, double x)
{
    locale_t old = uselocale(value_c_locale());
    if (prec >= 0)
        snprintf(buf, n, fmt, prec, x);
    else
        snprintf(buf, n, fmt, x);
    uselocale(old);
}

const char *value_type_name(value_type t)
{
    static const char *const names[] = {
        [VAL_NONE] = "NoneType", [VAL_BOOL] = "bool",   [VAL_INT] = "int",
        [VAL_FLOAT] = "float",   [VAL_STR] = "str",     [VAL_BYTES] = "bytes",
        [VAL_LIST] = "list",     [VAL_TUPLE] = "tuple", [VAL_DICT] = "dict",
        [VAL_SET] = "set",       [VAL_FROZENSET] = "frozenset",
    };
    if ((unsigned)t >= ARRAY_SIZE(names))
        return "?";
    return names[t];
}

static int is_container(value_type t)
{
    return t == VAL_LIST || t == VAL_TUPLE || t == VAL_DICT || t == VAL_SET || t == VAL_FROZENSET;
}

/* Slots in items[]: a dict holds key and value side by side. */
static size_t value_slots(const value *v)
{
    return v->type == VAL_DICT ? 2 * v->n : v->n;
}

static value *value_new(value_type t)
{
    value *v = xcalloc(1, sizeof(*v));
    v->type = t;
    return v;
}

void value_free(value *v)
{
    if (!v)
        return;
    if (is_container(v->type) && v->items) {
        size_t slots = value_slots(v);
        for (size_t i = 0; i < slots; i++)
            value_free(v->items[i]);
    }
    free(v->items);
    free(v->text);
    free(v);
}

value *value_clone(const value *v)
{
    if (!v)
        return NULL;
    value *c = value_new(v->type);
    c->b = v->b;
    c->f = v->f;
    if (v->text) {
        c->text = xmemdup(v->text, v->len);
        c->len = v->len;
    }
    if (is_container(v->type)) {
        size_t slots = value_slots(v);
        c->n = v->n;
        c->items = xcalloc(slots ? slots : 1, sizeof(*c->items));
        for (size_t i = 0; i < slots; i++)
            c->items[i] = value_clone(v->items[i]);
    }
    return c;
}

/* ---- decoding ---------------------------------------------------------- */

struct dec {
    size_t items;
    sbuf path; /* JSON Pointer of the node being decoded, for messages */
    char *err;
};

/* A payload quoted for an error message: short, and with nothing in it that
 * could upset a terminal. */
static void quote_short(sbuf *sb, const char *s)
{
    size_t i;
    sbuf_addch(sb, '"');
    for (i = 0; s[i] && i < 32; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            sbuf_addf(sb, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            sbuf_addf(sb, "\\x%02x", c);
        else
            sbuf_addch(sb, (char)c);
    }
    sbuf_addch(sb, '"');
    if (s[i])
        sbuf_addstr(sb, "...");
}

static void dec_fail(struct dec *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void dec_fail(struct dec *d, const char *fmt, ...)
{
    if (d->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (d->path.len)
        d->err = xasprintf("value: %s: %s", d->path.buf, msg);
    else
        d->err = xasprintf("value: %s", msg);
    free(msg);
}

static void dec_fail_payload(struct dec *d, const char *what, const char *payload)
{
    sbuf q;
    sbuf_init(&q);
    quote_short(&q, payload);
    dec_fail(d, "%s %s", what, q.buf);
    sbuf_release(&q);
}

static int canonical_int(const char *s)
{
    int neg = *s == '-';
    s += neg;
    if (!*s)
        return 0;
    if (s[0] == '0') /* "0" only: no leading zero, no "-0" */
        return s[1] == '\0' && !neg;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Returns 0 and the decoded bytes, or -1 when s is not an even-length run of
 * hex digits. */
static int unhex(const char *s, char **out, size_t *outlen)
{
    size_t n = strlen(s);
    if (n % 2)
        return -1;
    char *buf = xmalloc(n / 2 + 1);
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0) {
            free(buf);
            return -1;
        }
        buf[i / 2] = (char)(hi << 4 | lo);
    }
    buf[n / 2] = '\0';
    *out = buf;
    *outlen = n / 2;
    return 0;
}

/* Decodes one UTF-8 sequence, surrogates allowed (Python's surrogatepass).
 * Returns its length, or 0 when s does not start with a valid sequence. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t k;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        k = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        k = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        k = 3, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n <= k)
        return 0;
    for (size_t i = 1; i <= k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF)
        return 0;
    *cp = c;
    return k + 1;
}

static int utf8_valid_surrogatepass(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

static const char *payload_string(struct dec *d, const cJSON *p, const char *tag)
{
    if (!cJSON_IsString(p) || !p->valuestring) {
        dec_fail(d, "\"%s\" needs a string", tag);
        return NULL;
    }
    return p->valuestring;
}

static value *dec_node(struct dec *d, const cJSON *j, int depth, int *hashable);

/* The type Python would name in "unhashable type: 'list'". */
static const char *unhashable_inner(const value *v)
{
    if (v->type == VAL_TUPLE) {
        for (size_t i = 0; i < v->n; i++) {
            const char *inner = unhashable_inner(v->items[i]);
            if (inner)
                return inner;
        }
        return NULL;
    }
    if (v->type == VAL_LIST || v->type == VAL_DICT || v->type == VAL_SET)
        return value_type_name(v->type);
    return NULL;
}

static const char *unhashable_name(const value *v)
{
    const char *name = unhashable_inner(v);
    return name ? name : value_type_name(v->type);
}

static value *dec_scalar(struct dec *d, const char *tag, const cJSON *p)
{
    const char *s = payload_string(d, p, tag);
    if (!s)
        return NULL;
    value *v = NULL;
    if (strcmp(tag, "i") == 0) {
        if (!canonical_int(s)) {
            dec_fail_payload(d, "bad int", s);
            return NULL;
        }
        v = value_new(VAL_INT);
        v->len = strlen(s);
        v->text = xmemdup(s, v->len);
    } else if (strcmp(tag, "f") == 0) {
        double x;
        char *end;
        if (strcmp(s, "inf") == 0) {
            x = INFINITY;
        } else if (strcmp(s, "-inf") == 0) {
            x = -INFINITY;
        } else if (strcmp(s, "nan") == 0) {
            x = NAN;
        } else {
            /* strtod would skip leading space; the wire form has none */
            if (!*s || *s == ' ' || (*s >= '\t' && *s <= '\r'))
                goto badfloat;
            errno = 0;
            x = c_strtod(s, &end);
            if (*end)
                goto badfloat;
        }
        v = value_new(VAL_FLOAT);
        v->f = x;
        return v;
    badfloat:
        dec_fail_payload(d, "bad float", s);
        return NULL;
    } else if (strcmp(tag, "s") == 0) {
        size_t n = strlen(s);
        if (!util_utf8_valid(s, n)) {
            dec_fail(d, "\"s\" is not valid UTF-8");
            return NULL;
        }
        v = value_new(VAL_STR);
        v->text = xmemdup(s, n);
        v->len = n;
    } else { /* "sx", "b" */
        char *buf;
        size_t n;
        if (unhex(s, &buf, &n) < 0) {
            dec_fail_payload(d, "bad hex", s);
            return NULL;
        }
        if (tag[0] == 's' && !utf8_valid_surrogatepass(buf, n)) {
            free(buf);
            dec_fail(d, "\"sx\" is not UTF-8");
            return NULL;
        }
        v = value_new(tag[0] == 's' ? VAL_STR : VAL_BYTES);
        v->text = buf;
        v->len = n;
    }
    return v;
}

/* *all_hashable: every element is hashable (what makes a tuple hashable). */
static value *dec_container(struct dec *d, value_type t, const cJSON *p, int depth,
                            int *all_hashable)
{
    *all_hashable = 1;
    if (!cJSON_IsArray(p)) {
        dec_fail(d, "\"%s\" needs an array", p->string);
        return NULL;
    }
    if (depth >= VALUE_MAX_DEPTH) {
        dec_fail(d, "nested deeper than %d", VALUE_MAX_DEPTH);
        return NULL;
    }
    size_t n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, p)
        n++;
    if (n > VALUE_MAX_ITEMS - d->items) {
        dec_fail(d, "more than %d items", VALUE_MAX_ITEMS);
        return NULL;
    }
    d->items += n;
    value *v = value_new(t);
    size_t slots = t == VAL_DICT ? 2 * n : n;
    v->items = xcalloc(slots ? slots : 1, sizeof(*v->items));
    size_t base = d->path.len, i = 0;
    sbuf_addf(&d->path, "/%s", t == VAL_DICT ? "d" : t == VAL_LIST ? "l" : t == VAL_TUPLE ? "t"
                                          : t == VAL_SET ? "S" : "F");
    size_t mid = d->path.len;
    int need_hash = t == VAL_SET || t == VAL_FROZENSET;
    cJSON_ArrayForEach(e, p) {
        int h;
        d->path.len = mid;
        sbuf_addf(&d->path, "/%zu", i);
        if (t == VAL_DICT) {
            if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2) {
                dec_fail(d, "dict entry is not a [key, value] array");
                goto fail;
            }
            size_t entry = d->path.len;
            sbuf_addstr(&d->path, "/0");
            v->items[2 * i] = dec_node(d, e->child, depth + 1, &h);
            if (!v->items[2 * i])
                goto fail;
            if (!h) {
                dec_fail(d, "unhashable dict key: '%s'", unhashable_name(v->items[2 * i]));
                goto fail;
            }
            d->path.len = entry;
            sbuf_addstr(&d->path, "/1");
            v->items[2 * i + 1] = dec_node(d, e->child->next, depth + 1, &h);
            if (!v->items[2 * i + 1])
                goto fail;
        } else {
            v->items[i] = dec_node(d, e, depth + 1, &h);
            if (!v->items[i])
                goto fail;
            if (!h)
                *all_hashable = 0;
            if (need_hash && !h) {
                dec_fail(d, "unhashable %s member: '%s'", value_type_name(t),
                         unhashable_name(v->items[i]));
                goto fail;
            }
        }
        v->n = ++i;
    }
    d->path.len = base;
    d->path.buf[base] = '\0';
    return v;
fail:
    v->n = i + 1; /* the slots of the entry that failed may hold a value */
    value_free(v);
    return NULL;
}

/* *hashable says whether Python could hash the value: what a set member or
 * a dict key must be (a tuple is hashable when all its items are). */
static value *dec_node(struct dec *d, const cJSON *j, int depth, int *hashable)
{
    *hashable = 1;
    if (!j) {
        dec_fail(d, "missing value");
        return NULL;
    }
    if (cJSON_IsNull(j))
        return value_new(VAL_NONE);
    if (cJSON_IsBool(j)) {
        value *v = value_new(VAL_BOOL);
        v->b = cJSON_IsTrue(j) ? 1 : 0;
        return v;
    }
    if (!cJSON_IsObject(j)) {
        dec_fail(d, "expected null, true, false or a tagged object");
        return NULL;
    }
    const cJSON *p = j->child;
    if (!p || !p->string) {
        dec_fail(d, "empty object");
        return NULL;
    }
    if (p->next) {
        sbuf q;
        sbuf_init(&q);
        quote_short(&q, p->next->string ? p->next->string : "");
        dec_fail(d, "extra key %s", q.buf);
        sbuf_release(&q);
        return NULL;
    }
    const char *tag = p->string;
    static const struct {
        const char *tag;
        value_type t;
    } containers[] = {
        {"l", VAL_LIST}, {"t", VAL_TUPLE}, {"d", VAL_DICT}, {"S", VAL_SET}, {"F", VAL_FROZENSET},
    };
    for (size_t k = 0; k < ARRAY_SIZE(containers); k++) {
        if (strcmp(tag, containers[k].tag))
            continue;
        value_type t = containers[k].t;
        int all_h;
        value *v = dec_container(d, t, p, depth, &all_h);
        *hashable = t == VAL_FROZENSET || (t == VAL_TUPLE && all_h);
        return v;
    }
    if (!strcmp(tag, "i") || !strcmp(tag, "f") || !strcmp(tag, "s") || !strcmp(tag, "sx") ||
        !strcmp(tag, "b"))
        return dec_scalar(d, tag, p);
    sbuf q;
    sbuf_init(&q);
    quote_short(&q, tag);
    dec_fail(d, "unknown tag %s", q.buf);
    sbuf_release(&q);
    return NULL;
}

value *value_from_json(const cJSON *j, char **err)
{
    struct dec d = {0};
    int h;
    sbuf_init(&d.path);
    value *v = dec_node(&d, j, 0, &h);
    sbuf_release(&d.path);
    if (!v) {
        if (err)
            *err = d.err ? d.err : xstrdup("value: malformed");
        else
            free(d.err);
        return NULL;
    }
    return v;
}

value *value_parse(const char *text, size_t len, char **err)
{
    cJSON *j = cJSON_ParseWithLength(text, len);
    if (!j) {
        if (err)
            *err = xstrdup("value: not valid JSON");
        return NULL;
    }
    value *v = value_from_json(j, err);
    cJSON_Delete(j);
    return v;
}

/* ---- encoding ---------------------------------------------------------- */

static char *hex_of(const char *s, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *out = xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[(unsigned char)s[i] >> 4];
        out[2 * i + 1] = digits[(unsigned char)s[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

static cJSON *tagged(const char *tag, cJSON *payload)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, tag, payload);
    return o;
}

static cJSON *tagged_hex(const char *tag, const char *s, size_t n)
{
    char *h = hex_of(s, n);
    cJSON *o = tagged(tag, cJSON_CreateString(h));
    free(h);
    return o;
}

cJSON *value_to_json(const value *v)
{
    char buf[64];
    switch (v->type) {
    case VAL_NONE:
        return cJSON_CreateNull();
    case VAL_BOOL:
        return cJSON_CreateBool(v->b);
    case VAL_INT:
        return tagged("i", cJSON_CreateString(v->text));
    case VAL_FLOAT:
        if (isnan(v->f))
            return tagged("f", cJSON_CreateString("nan"));
        if (isinf(v->f))
            return tagged("f", cJSON_CreateString(v->f > 0 ? "inf" : "-inf"));
        c_snprintf_double(buf, sizeof buf, "%a", -1, v->f);
        return tagged("f", cJSON_CreateString(buf));
    case VAL_STR:
        if (util_utf8_valid(v->text, v->len) && !memchr(v->text, 0, v->len))
            return tagged("s", cJSON_CreateString(v->text));
        return tagged_hex("sx", v->text, v->len);
    case VAL_BYTES:
        return tagged_hex("b", v->text, v->len);
    case VAL_DICT: {
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; i < v->n; i++) {
            cJSON *pair = cJSON_CreateArray();
            cJSON_AddItemToArray(pair, value_to_json(v->items[2 * i]));
            cJSON_AddItemToArray(pair, value_to_json(v->items[2 * i + 1]));
            cJSON_AddItemToArray(a, pair);
        }
        return tagged("d", a);
    }
    case VAL_LIST:
    case VAL_TUPLE:
    case VAL_SET:
    case VAL_FROZENSET: {
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; i < v->n; i++)
            cJSON_AddItemToArray(a, value_to_json(v->items[i]));
        return tagged(v->type == VAL_LIST ? "l" : v->type == VAL_TUPLE ? "t"
                      : v->type == VAL_SET ? "S" : "F", a);
    }
    }
    return cJSON_CreateNull();
}

/* ---- ordering and equality --------------------------------------------- */

/* A total order over plain values whose ties are exactly equality at
 * tolerance 0, once unordered containers are sorted (canon_sort): NaN
 * equals NaN and sorts after every number, 0.0 ties with -0.0. Ints and
 * floats sort together by numeric value (ties: int first) so that a set
 * shows {1, 2.5, 3} as Python usually does; other types sort by kind. */
static int type_group(value_type t)
{
    return t == VAL_FLOAT ? VAL_INT : (int)t;
}

static int cmp_int_text(const value *a, const value *b)
{
    int na = a->text[0] == '-', nb = b->text[0] == '-';
    if (na != nb)
        return na ? -1 : 1;
    int mag;
    if (a->len != b->len)
        mag = a->len < b->len ? -1 : 1;
    else
        mag = memcmp(a->text, b->text, a->len);
    mag = mag < 0 ? -1 : mag > 0;
    return na ? -mag : mag;
}

static int cmp_double(double a, double b)
{
    int an = isnan(a), bn = isnan(b);
    if (an || bn)
        return an - bn;
    return a < b ? -1 : a > b;
}

static double num_key(const value *v)
{
    if (v->type == VAL_INT)
        return c_strtod(v->text, NULL);
    return isnan(v->f) ? INFINITY : v->f;
}

static int cmp_val(const value *a, const value *b)
{
    if (a->type != b->type) {
        int ga = type_group(a->type), gb = type_group(b->type);
        if (ga != gb)
            return ga < gb ? -1 : 1;
        int c = cmp_double(num_key(a), num_key(b));
        if (c)
            return c;
        return a->type == VAL_INT ? -1 : 1;
    }
    switch (a->type) {
    case VAL_NONE:
        return 0;
    case VAL_BOOL:
        return (!!a->b) - (!!b->b);
    case VAL_INT:
        return cmp_int_text(a, b);
    case VAL_FLOAT:
        return cmp_double(a->f, b->f);
    case VAL_STR:
    case VAL_BYTES: {
        int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
        if (c)
            return c < 0 ? -1 : 1;
        return a->len < b->len ? -1 : a->len > b->len;
    }
    default: {
        size_t sa = value_slots(a), sb = value_slots(b);
        for (size_t i = 0; i < sa && i < sb; i++) {
            int c = cmp_val(a->items[i], b->items[i]);
            if (c)
                return c;
        }
        return sa < sb ? -1 : sa > sb;
    }
    }
}

static int cmp_ptr(const void *x, const void *y)
{
    return cmp_val(*(value *const *)x, *(value *const *)y);
}

struct pair {
    value *k, *v;
};

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    int c = cmp_val(a->k, b->k);
    return c ? c : cmp_val(a->v, b->v);
}

static int has_unordered(const value *v, int dicts)
{
    if (v->type == VAL_SET || v->type == VAL_FROZENSET || (dicts && v->type == VAL_DICT))
        return 1;
    if (!is_container(v->type))
        return 0;
    size_t slots = value_slots(v);
    for (size_t i = 0; i < slots; i++)
        if (has_unordered(v->items[i], dicts))
            return 1;
    return 0;
}

/* Sorts sets and frozensets (and dicts by key, when dicts is set) in place,
 * innermost first, so that cmp_val on the result compares them as sets. */
static void canon_sort(value *v, int dicts)
{
    if (!is_container(v->type))
        return;
    size_t slots = value_slots(v);
    for (size_t i = 0; i < slots; i++)
        canon_sort(v->items[i], dicts);
    if (v->type == VAL_SET || v->type == VAL_FROZENSET) {
        qsort(v->items, v->n, sizeof(*v->items), cmp_ptr);
    } else if (v->type == VAL_DICT && dicts && v->n > 1) {
        struct pair *p = xmalloc(v->n * sizeof(*p));
        for (size_t i = 0; i < v->n; i++)
            p[i] = (struct pair){v->items[2 * i], v->items[2 * i + 1]};
        qsort(p, v->n, sizeof(*p), cmp_pair);
        for (size_t i = 0; i < v->n; i++) {
            v->items[2 * i] = p[i].k;
            v->items[2 * i + 1] = p[i].v;
        }
        free(p);
    }
}

static int float_close(double a, double b, double tol)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    if (a == b)
        return 1;
    /* |inf - x| <= tol * inf would hold for every x */
    if (tol <= 0 || isinf(a) || isinf(b))
        return 0;
    return fabs(a - b) <= tol * fmax(fabs(a), fabs(b));
}

/* Equality of canonical values (or values without unordered containers). */
static int eq_val(const value *a, const value *b, double tol)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case VAL_NONE:
        return 1;
    case VAL_BOOL:
        return !!a->b == !!b->b;
    case VAL_FLOAT:
        return float_close(a->f, b->f, tol);
    case VAL_INT:
    case VAL_STR:
    case VAL_BYTES:
        return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
    default: {
        if (a->n != b->n)
            return 0;
        size_t slots = value_slots(a);
        for (size_t i = 0; i < slots; i++)
            if (!eq_val(a->items[i], b->items[i], tol))
                return 0;
        return 1;
    }
    }
}

/* Unordered containers are sorted by the exact order and then compared
 * pairwise, with the tolerance if any. That is exact at tolerance 0 (equal
 * multisets sort alike). With a tolerance it is an approximation: two
 * members that are close but not equal may sort into different places on the
 * two sides (e.g. {1.0, 1.0000001} against {1.0000002, 1.0}) and then fail to
 * pair up; members far apart relative to the tolerance always pair up. */
int value_equal(const value *a, const value *b, double tolerance)
{
    if (!a || !b)
        return a == b;
    if (!has_unordered(a, 1) && !has_unordered(b, 1))
        return eq_val(a, b, tolerance);
    if (a->type != b->type || a->n != b->n)
        return 0;
    value *ca = value_clone(a), *cb = value_clone(b);
    canon_sort(ca, 1);
    canon_sort(cb, 1);
    int r = eq_val(ca, cb, tolerance);
    value_free(ca);
    value_free(cb);
    return r;
}

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
        c_snprintf_double(buf, sizeof buf, "%.*e", p - 1, x);
        if (c_strtod(buf, NULL) == x)
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
        size_t k = utf8_decode(s + i, v->len - i, &c);
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
    } else if (has_unordered(v, 0)) {
        value *c = value_clone(v);
        canon_sort(c, 0);
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
