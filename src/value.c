/* value.c - plain values (SPEC 2.5): wire form and comparison (the repr
 * is in value_repr.c).
 *
 * Decoding trusts nothing: the wire form comes from a child process that ran
 * untrusted code, so every shape, tag and payload is checked, and limits on
 * depth and size are enforced before anything large is allocated. */
#define _GNU_SOURCE
#include "value.h"
#include "value_impl.h"

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

double value_c_strtod(const char *s, char **end)
{
    return strtod_l(s, end, value_c_locale());
}

void value_c_snprintf_double(char *buf, size_t n, const char *fmt, int prec, double x)
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
    util_free_wiped(v->text); /* an answer's value: see grade.c */
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

static int utf8_valid_surrogatepass(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = util_utf8_decode(p + i, n - i, &cp, 1);
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
            x = value_c_strtod(s, &end);
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
        value_c_snprintf_double(buf, sizeof buf, "%a", -1, v->f);
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
        return value_c_strtod(v->text, NULL);
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

int value_has_unordered(const value *v, int dicts)
{
    if (v->type == VAL_SET || v->type == VAL_FROZENSET || (dicts && v->type == VAL_DICT))
        return 1;
    if (!is_container(v->type))
        return 0;
    size_t slots = value_slots(v);
    for (size_t i = 0; i < slots; i++)
        if (value_has_unordered(v->items[i], dicts))
            return 1;
    return 0;
}

/* Sorts sets and frozensets (and dicts by key, when dicts is set) in place,
 * innermost first, so that cmp_val on the result compares them as sets. */
void value_canon_sort(value *v, int dicts)
{
    if (!is_container(v->type))
        return;
    size_t slots = value_slots(v);
    for (size_t i = 0; i < slots; i++)
        value_canon_sort(v->items[i], dicts);
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
    if (!value_has_unordered(a, 1) && !value_has_unordered(b, 1))
        return eq_val(a, b, tolerance);
    if (a->type != b->type || a->n != b->n)
        return 0;
    value *ca = value_clone(a), *cb = value_clone(b);
    value_canon_sort(ca, 1);
    value_canon_sort(cb, 1);
    int r = eq_val(ca, cb, tolerance);
    value_free(ca);
    value_free(cb);
    return r;
}

