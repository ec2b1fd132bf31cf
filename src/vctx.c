/* vctx.c - the validation walk shared by the loaders: a vctx keeps the
 * JSON Pointer of where it is in a file, so every message says exactly
 * which value is wrong, and spots misspelled field names. */
#define _GNU_SOURCE
#include "vctx.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"

/* ---- validation ----
 * A vctx walks one file, keeping the JSON Pointer of where it is, so every
 * message can say exactly which value is wrong. */



void vctx_init(vctx *v, const char *file, diag *d)
{
    memset(v, 0, sizeof *v);
    v->file = file;
    v->d = d;
    sbuf_init(&v->ptr);
}

void vctx_release(vctx *v)
{
    sbuf_release(&v->ptr);
    for (size_t i = 0; i < ARRAY_SIZE(v->quoted); i++)
        free(v->quoted[i]);
}

/* s as a JSON string literal, cut after about 60 bytes so that a message
 * about a 10 MB value stays one short line. Caller frees. */
char *vctx_quote(const char *s)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addch(&sb, '"');
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++) {
        if (n >= 60 && (*p & 0xC0) != 0x80) {
            sbuf_addstr(&sb, "...");
            break;
        }
        if (*p == '"' || *p == '\\')
            sbuf_addf(&sb, "\\%c", *p);
        else if (*p == '\n')
            sbuf_addstr(&sb, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            sbuf_addf(&sb, "\\u%04x", *p);
        else
            sbuf_addch(&sb, (char)*p);
    }
    sbuf_addch(&sb, '"');
    return sbuf_detach(&sb, NULL);
}

char *vctx_excerpt(const char *s)
{
    size_t n = 0, bytes = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; p[bytes] && n < VCTX_EXCERPT; bytes++)
        if ((p[bytes] & 0xC0) != 0x80)
            n++;
    while (p[bytes] && (p[bytes] & 0xC0) == 0x80)
        bytes++; /* the rest of the last character */
    if (!p[bytes])
        return xstrdup(s);
    size_t more = 0;
    for (size_t i = bytes; p[i]; i++)
        if ((p[i] & 0xC0) != 0x80)
            more++;
    return xasprintf("%.*s... (%zu more character%s)", (int)bytes, s, more, more == 1 ? "" : "s");
}

/* vctx_quote, kept by v: valid until 4 more calls. */
const char *vquote(vctx *v, const char *s)
{
    char *q = vctx_quote(s);
    unsigned i = v->qi++ % ARRAY_SIZE(v->quoted);
    free(v->quoted[i]);
    v->quoted[i] = q;
    return q;
}

/* Appends "/" and key escaped as RFC 6901 says (~ as ~0, / as ~1). */
static void pointer_add(sbuf *sb, const char *key)
{
    sbuf_addch(sb, '/');
    size_t n = 0;
    for (const char *p = key; *p; p++, n++) {
        if (n >= 128 && ((unsigned char)*p & 0xC0) != 0x80) {
            sbuf_addstr(sb, "...");
            break;
        }
        if (*p == '~')
            sbuf_addstr(sb, "~0");
        else if (*p == '/')
            sbuf_addstr(sb, "~1");
        else
            sbuf_addch(sb, *p);
    }
}

char *vctx_pointer_join(const char *ptr, const char *key)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, ptr);
    pointer_add(&sb, key);
    char *s = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return s;
}

size_t vpush(vctx *v, const char *key)
{
    size_t mark = v->ptr.len;
    pointer_add(&v->ptr, key);
    return mark;
}

size_t vpush_index(vctx *v, size_t i)
{
    size_t mark = v->ptr.len;
    sbuf_addf(&v->ptr, "/%zu", i);
    return mark;
}

void vpop(vctx *v, size_t mark)
{
    v->ptr.len = mark;
    v->ptr.buf[mark] = '\0';
}


/* Counts a problem: 1 when it is to be shown (the first MAX_SHOWN). */
static int count_err(vctx *v)
{
    v->nerr++;
    if (v->nerr == MAX_SHOWN + 1)
        diag_add(v->d, "%s: error: too many errors; the rest are not shown", v->file);
    return v->nerr <= MAX_SHOWN;
}

void verr_drill(vctx *v, const char *id, const char *fmt, ...)
{
    if (!count_err(v))
        return;
    va_list ap;
    va_start(ap, fmt);
    char *what = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(v->d, "%s: drill %s: error: %s", v->file, id, what);
    free(what);
}

/* Reports a problem at the current pointer (plus key, when given). */
void verr(vctx *v, const char *key, const char *fmt, ...)
{
    if (!count_err(v))
        return;
    va_list ap;
    va_start(ap, fmt);
    char *what = xvasprintf(fmt, ap);
    va_end(ap);
    size_t mark = key ? vpush(v, key) : v->ptr.len;
    if (v->ptr.len)
        diag_add(v->d, "%s: %s: error: %s", v->file, v->ptr.buf, what);
    else
        diag_add(v->d, "%s: error: %s", v->file, what);
    vpop(v, mark);
    free(what);
}

static const char *jtype_name(jtype t)
{
    static const char *const names[] = { "a string", "a number", "a boolean", "an array",
                                         "an object" };
    return names[t];
}

int jtype_is(const cJSON *j, jtype t)
{
    switch (t) {
    case J_STR: return cJSON_IsString(j);
    case J_NUM: return cJSON_IsNumber(j);
    case J_BOOL: return cJSON_IsBool(j);
    case J_ARR: return cJSON_IsArray(j);
    case J_OBJ: return cJSON_IsObject(j);
    }
    return 0;
}

/* Optimal string alignment distance, or 3 when surely more than 2. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > 2)
        return 3;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int m = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < m)
                m = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < m)
                m = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < m)
                m = d[i - 2][j - 2] + 1;
            d[i][j] = m;
        }
    return d[la][lb] > 3 ? 3 : d[la][lb];
}

/* Whether typed looks like a misspelling of name: same but for case, or
 * within edit distance 2 (1 for short names, where 2 matches anything). */
int vctx_looks_like(const char *typed, const char *name)
{
    if (util_ascii_casecmp(typed, name) == 0)
        return 1;
    size_t n = strlen(name);
    int limit = n <= 2 ? 0 : n <= 4 ? 1 : 2;
    return edit_distance(typed, name) <= limit;
}

int vctx_known_index(const char *const *known, const char *key)
{
    for (int i = 0; known && known[i]; i++)
        if (strcmp(known[i], key) == 0)
            return i;
    return -1;
}

typedef struct {
    const char *key;
    size_t pos;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

/* For each member of obj in order, 1 when an earlier member has its key;
 * NULL when none has. Sorting, not pairwise comparison: an object may
 * hold 100,000 keys. Caller frees. */
static char *later_duplicates(const cJSON *obj)
{
    size_t n = 0;
    for (const cJSON *it = obj->child; it; it = it->next)
        n++;
    if (n < 2)
        return NULL;
    keyed *keys = xmalloc(n * sizeof *keys);
    size_t m = 0, pos = 0;
    for (const cJSON *it = obj->child; it; it = it->next, pos++)
        if (it->string)
            keys[m++] = (keyed){ it->string, pos };
    qsort(keys, m, sizeof *keys, cmp_keyed);
    char *dup = NULL;
    for (size_t i = 1; i < m; i++)
        if (strcmp(keys[i].key, keys[i - 1].key) == 0) {
            if (!dup)
                dup = xcalloc(n, 1);
            dup[keys[i].pos] = 1;
        }
    free(keys);
    return dup;
}

static size_t report_duplicates(vctx *v, const cJSON *obj, const char *dup)
{
    size_t count = 0, pos = 0;
    if (!dup)
        return 0;
    for (const cJSON *it = obj->child; it; it = it->next, pos++)
        if (dup[pos]) {
            verr(v, it->string, "duplicate field %s", vquote(v, it->string));
            count++;
        }
    return count;
}

size_t vunique_keys(vctx *v, const cJSON *obj)
{
    char *dup = later_duplicates(obj);
    size_t count = report_duplicates(v, obj, dup);
    free(dup);
    return count;
}

/* Enters an object: reports duplicated fields and unknown ones (with the
 * known field they look like a misspelling of, when one is absent).
 * Keys that start with '$' ($schema, $comment) are the author's notes
 * and always allowed. Returns the scope to restore when leaving. */
vscope vfields(vctx *v, const cJSON *obj, const char *const *known)
{
    vscope saved = v->scope;
    v->scope.known = known;
    v->scope.reported = 0;
    unsigned long seen = 0;
    size_t nknown = 0;
    while (known[nknown])
        nknown++;
    for (const cJSON *it = obj->child; it; it = it->next) {
        int k = it->string ? vctx_known_index(known, it->string) : -1;
        if (k >= 0)
            seen |= 1UL << k;
    }
    char *dup = later_duplicates(obj);
    report_duplicates(v, obj, dup);
    size_t pos = 0;
    for (const cJSON *it = obj->child; it; it = it->next, pos++) {
        if (!it->string || it->string[0] == '$' || vctx_known_index(known, it->string) >= 0 ||
            (dup && dup[pos]))
            continue;
        int guess = -1;
        for (int i = 0; known[i] && guess < 0; i++)
            if (!(seen & (1UL << i)) && !(v->scope.reported & (1UL << i)) &&
                vctx_looks_like(it->string, known[i]))
                guess = i;
        if (guess >= 0) {
            verr(v, it->string, "unknown field %s (did you mean \"%s\"?)", vquote(v, it->string),
                 known[guess]);
            v->scope.reported |= 1UL << guess;
        } else if (nknown <= VFIELDS_LISTED) {
            sbuf sb;
            sbuf_init(&sb);
            for (size_t i = 0; i < nknown; i++)
                if (known[i][0] != '$')
                    sbuf_addf(&sb, "%s%s", sb.len ? ", " : "", known[i]);
            verr(v, it->string, "unknown field %s (known: %s)", vquote(v, it->string), sb.buf);
            sbuf_release(&sb);
        } else {
            verr(v, it->string, "unknown field %s", vquote(v, it->string));
        }
    }
    free(dup);
    return saved;
}

void vmissing(vctx *v, const char *key, const char *alt)
{
    int k = vctx_known_index(v->scope.known, key);
    if (k >= 0 && (v->scope.reported & (1UL << k)))
        return; /* already reported as a misspelling */
    if (alt)
        verr(v, key, "missing required field \"%s\" (or \"%s\")", key, alt);
    else
        verr(v, key, "missing required field \"%s\"", key);
}

/* The field key of obj when it has type t; reports it missing (when
 * required) or of another type, and returns NULL, otherwise. */
const cJSON *vget(vctx *v, const cJSON *obj, const char *key, jtype t, int flags)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it) {
        if (flags & V_REQUIRED)
            vmissing(v, key, NULL);
        return NULL;
    }
    if (!jtype_is(it, t)) {
        verr(v, key, "expected %s, found %s", jtype_name(t), jsontext_type_name(it));
        return NULL;
    }
    return it;
}

int vctx_blank(const char *s)
{
    return !s[strspn(s, " \t\n\r\f\v")];
}

int vcheck_str(vctx *v, const char *key, const char *s, int flags)
{
    /* "   " shows as nothing, as "" does */
    if ((flags & V_NONEMPTY) && !s[0]) {
        verr(v, key, "must not be empty");
        return -1;
    }
    if ((flags & V_NONEMPTY) && vctx_blank(s)) {
        verr(v, key, "must not be blank (it holds only white space)");
        return -1;
    }
    if ((flags & V_ONELINE) && strchr(s, '\n')) {
        verr(v, key, "must be one line");
        return -1;
    }
    return 0;
}

char *vget_str(vctx *v, const cJSON *obj, const char *key, int flags)
{
    const cJSON *it = vget(v, obj, key, J_STR, flags);
    if (!it || vcheck_str(v, key, it->valuestring, flags) < 0)
        return NULL;
    return xstrdup(it->valuestring);
}

/* An array of strings; V_NONEMPTY asks for at least one element, each
 * non-empty. */
char **vget_strv(vctx *v, const cJSON *obj, const char *key, int flags, size_t *n)
{
    return vget_strv_checked(v, obj, key, flags, NULL, n);
}

char **vget_strv_checked(vctx *v, const cJSON *obj, const char *key, int flags,
                         int (*check)(const char *s, char **err), size_t *n)
{
    *n = 0;
    const cJSON *arr = vget(v, obj, key, J_ARR, flags);
    if (!arr)
        return NULL;
    size_t mark = vpush(v, key);
    int count = cJSON_GetArraySize(arr);
    if (count == 0 && (flags & V_NONEMPTY))
        verr(v, NULL, "must not be empty");
    char **out = xcalloc((size_t)count + 1, sizeof *out);
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char idx[32];
        snprintf(idx, sizeof idx, "%zu", i);
        char *err = NULL;
        if (!cJSON_IsString(it))
            verr(v, idx, "expected a string, found %s", jsontext_type_name(it));
        else if (check && (flags & V_NONEMPTY) && !it->valuestring[0])
            verr(v, idx, "must not be empty"); /* the rest is check's to judge */
        else if (!check && vcheck_str(v, idx, it->valuestring, flags & V_NONEMPTY) < 0)
            ;
        else if (check && check(it->valuestring, &err) < 0)
            verr(v, idx, "%s", err ? err : "invalid");
        else
            out[(*n)++] = xstrdup(it->valuestring);
        free(err);
    }
    vpop(v, mark);
    return out;
}

/* An integer in [min, max]; *out is left alone when absent or invalid.
 * Returns 1 when set. */
int vcheck_int(vctx *v, const char *key, const cJSON *it, long min, long max, int *out)
{
    if (!cJSON_IsNumber(it)) {
        verr(v, key, "expected an integer, found %s", jsontext_type_name(it));
        return 0;
    }
    double x = it->valuedouble;
    if (!isfinite(x) || x != floor(x)) {
        verr(v, key, "expected an integer, found %g", x);
        return 0;
    }
    if (x < (double)min || x > (double)max) {
        verr(v, key, "expected an integer from %ld to %ld, found %.15g", min, max, x);
        return 0;
    }
    *out = (int)x;
    return 1;
}

int vget_int(vctx *v, const cJSON *obj, const char *key, int flags, long min, long max,
                    int *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it) {
        if (flags & V_REQUIRED)
            vmissing(v, key, NULL);
        return 0;
    }
    return vcheck_int(v, key, it, min, max, out);
}

