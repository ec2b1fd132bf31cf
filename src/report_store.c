/* report_store.c - the compact record of a batch that a whole-batch format
 * renders at the end (report.h).
 *
 * A report does not keep verdicts: each submission is encoded into a few
 * bytes a drill (varints, numbers as the integers JSON rounds them to),
 * and every string goes into one pool where it is kept once, however
 * many submissions share it (drill ids, titles, test names, common
 * expected values). A batch of N submissions of D drills therefore costs
 * about N x D x 20 bytes, not N full verdicts. Candidate names are pooled
 * too, so two submissions with the same name share a pool slot: the
 * duplicate check is a counter per slot. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* Strings live in chunks that never move, so views can point into them. */
#define POOL_CHUNK (64 * 1024)

typedef struct {
    char **chunks;
    size_t nchunks;
    size_t used; /* in the last chunk */
    const char **strs; /* by index; 0 is NULL */
    size_t nstrs, cap;
    uint32_t *slots; /* open addressing: index + 1, 0 empty */
    size_t nslots;
    unsigned char *names; /* how many submissions carry this string as candidate (saturates) */
} pool;

struct report_batch {
    const report_options *opt;
    pool p;
    sbuf data;        /* every record, one after the other */
    size_t *offsets;  /* where record i starts */
    uint32_t *cand, *src; /* pool indexes of record i's candidate and source */
    size_t n, cap;
};

static void pool_grow_slots(pool *p)
{
    size_t n = p->nslots ? 2 * p->nslots : 1024;
    uint32_t *slots = xcalloc(n, sizeof *slots);
    for (size_t i = 1; i < p->nstrs; i++) {
        size_t k = util_fnv1a64(p->strs[i], strlen(p->strs[i])) & (n - 1);
        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = (uint32_t)i;
    }
    free(p->slots);
    p->slots = slots;
    p->nslots = n;
}

static const char *pool_copy(pool *p, const char *s, size_t n)
{
    if (n + 1 > POOL_CHUNK) { /* a big string has a chunk of its own */
        p->chunks = xrealloc(p->chunks, (p->nchunks + 1) * sizeof *p->chunks);
        char *c = xmemdup(s, n);
        /* keep the last chunk the one being filled */
        if (p->nchunks) {
            p->chunks[p->nchunks] = p->chunks[p->nchunks - 1];
            p->chunks[p->nchunks - 1] = c;
        } else {
            p->chunks[0] = c;
            p->used = POOL_CHUNK; /* full: the next small string starts a chunk */
        }
        p->nchunks++;
        return c;
    }
    if (!p->nchunks || p->used + n + 1 > POOL_CHUNK) {
        p->chunks = xrealloc(p->chunks, (p->nchunks + 1) * sizeof *p->chunks);
        p->chunks[p->nchunks++] = xmalloc(POOL_CHUNK);
        p->used = 0;
    }
    char *c = p->chunks[p->nchunks - 1] + p->used;
    memcpy(c, s, n);
    c[n] = '\0';
    p->used += n + 1;
    return c;
}

/* The index of s in the pool (added if new); 0 for NULL. */
static uint32_t pool_intern(pool *p, const char *s)
{
    if (!s)
        return 0;
    if (!p->nstrs) {
        p->cap = 256;
        p->strs = xcalloc(p->cap, sizeof *p->strs);
        p->names = xcalloc(p->cap, 1);
        p->nstrs = 1;
    }
    if ((p->nstrs + 1) * 2 > p->nslots)
        pool_grow_slots(p);
    size_t n = strlen(s);
    size_t k = util_fnv1a64(s, n) & (p->nslots - 1);
    while (p->slots[k]) {
        const char *t = p->strs[p->slots[k]];
        if (!strcmp(t, s))
            return p->slots[k];
        k = (k + 1) & (p->nslots - 1);
    }
    if (p->nstrs == p->cap) {
        p->cap *= 2;
        p->strs = xrealloc(p->strs, p->cap * sizeof *p->strs);
        p->names = xrealloc(p->names, p->cap);
        memset(p->names + p->nstrs, 0, p->cap - p->nstrs);
    }
    uint32_t idx = (uint32_t)p->nstrs++;
    p->strs[idx] = pool_copy(p, s, n);
    p->slots[k] = idx;
    return idx;
}

static void pool_free(pool *p)
{
    for (size_t i = 0; i < p->nchunks; i++)
        free(p->chunks[i]);
    free(p->chunks);
    free(p->strs);
    free(p->slots);
    free(p->names);
    memset(p, 0, sizeof *p);
}

/* ---- encoding ---- */

static void put_varint(sbuf *sb, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = v & 0x7F;
        v >>= 7;
        if (v)
            b[n] |= 0x80;
        n++;
    } while (v);
    sbuf_add(sb, b, n);
}

static void put_str(report_batch *b, const char *s)
{
    put_varint(&b->data, pool_intern(&b->p, s));
}

/* A number rounded to 1/scale (as the view rounds it) travels as that
 * integer, shifted to leave a tag bit; anything else as its bytes. */
static void put_num(sbuf *sb, double x, double scale)
{
    double k = x * scale;
    if (k >= 0 && k < 4503599627370496.0 && k == (double)(uint64_t)k && (double)(uint64_t)k / scale == x) {
        put_varint(sb, (uint64_t)k << 1);
        return;
    }
    put_varint(sb, 1);
    sbuf_add(sb, &x, sizeof x);
}

report_batch *report_batch_new(const report_options *o)
{
    report_batch *b = xcalloc(1, sizeof *b);
    b->opt = o;
    sbuf_init(&b->data);
    return b;
}

void report_batch_free(report_batch *b)
{
    if (!b)
        return;
    pool_free(&b->p);
    sbuf_release(&b->data);
    free(b->offsets);
    free(b->cand);
    free(b->src);
    free(b);
}

void report_batch_add(report_batch *b, const report_sub *s)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->offsets = xrealloc(b->offsets, b->cap * sizeof *b->offsets);
        b->cand = xrealloc(b->cand, b->cap * sizeof *b->cand);
        b->src = xrealloc(b->src, b->cap * sizeof *b->src);
    }
    sbuf *d = &b->data;
    b->offsets[b->n] = d->len;
    /* Names are compared as a report shows them (valid UTF-8), so two
     * names that differ only in invalid bytes are duplicates whether
     * they come from a verdict or from a jsonl line. */
    char *cand = report_clean(s->candidate, 0), *src = report_clean(s->source, 0);
    b->cand[b->n] = pool_intern(&b->p, cand);
    b->src[b->n] = pool_intern(&b->p, src);
    free(cand);
    free(src);
    if (b->p.names[b->cand[b->n]] < 2)
        b->p.names[b->cand[b->n]]++;
    put_varint(d, s->position);
    put_varint(d, s->total);
    put_num(d, s->score, 1e4);
    put_num(d, s->max, 1e4);
    put_varint(d, (uint64_t)(s->passed < 0 ? 0 : s->passed));
    put_varint(d, s->reveal_hidden != 0);
    put_str(b, s->error);
    put_varint(d, s->nwarnings);
    for (size_t i = 0; i < s->nwarnings; i++)
        put_str(b, s->warnings[i]);
    size_t ntests = 0;
    for (size_t i = 0; i < s->ndrills; i++)
        ntests += s->drills[i].ntests;
    put_varint(d, s->ndrills);
    put_varint(d, ntests);
    for (size_t i = 0; i < s->ndrills; i++) {
        const report_drill *r = &s->drills[i];
        put_str(b, r->id);
        put_str(b, r->kind);
        put_str(b, r->title);
        put_str(b, r->topic);
        put_varint(d, (uint64_t)r->st);
        put_num(d, r->score, 1e4);
        put_num(d, r->time_ms, 1e3);
        put_str(b, r->message);
        put_varint(d, r->ntests);
        for (size_t k = 0; k < r->ntests; k++) {
            const report_test *t = &r->tests[k];
            put_str(b, t->name);
            put_varint(d, (uint64_t)t->st << 1 | (t->hidden != 0));
            put_str(b, t->expected);
            put_str(b, t->got);
            put_str(b, t->message);
        }
    }
    b->n++;
}

/* ---- decoding ---- */

typedef struct {
    const unsigned char *p;
    const pool *pool;
} reader;

static uint64_t get_varint(reader *r)
{
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        unsigned char c = *r->p++;
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return v;
    }
}

static const char *get_str(reader *r)
{
    uint64_t i = get_varint(r);
    return i ? r->pool->strs[i] : NULL;
}

static double get_num(reader *r, double scale)
{
    uint64_t v = get_varint(r);
    if (v & 1) {
        double x;
        memcpy(&x, r->p, sizeof x);
        r->p += sizeof x;
        return x;
    }
    return (double)(v >> 1) / scale;
}

size_t report_batch_count(const report_batch *b)
{
    return b->n;
}

const report_options *report_batch_options(const report_batch *b)
{
    return b->opt;
}

const report_sub *report_batch_get(const report_batch *b, size_t i, report_view *v)
{
    reader r = { (const unsigned char *)b->data.buf + b->offsets[i], &b->p };
    report_sub *s = &v->sub;
    memset(s, 0, sizeof *s);
    s->candidate = b->p.strs[b->cand[i]];
    s->source = b->p.strs[b->src[i]];
    s->position = get_varint(&r);
    s->total = get_varint(&r);
    s->score = get_num(&r, 1e4);
    s->max = get_num(&r, 1e4);
    s->passed = (int)get_varint(&r);
    s->reveal_hidden = (int)get_varint(&r);
    s->error = get_str(&r);
    size_t nw = get_varint(&r);
    /* the counts come first, so the arrays are sized once */
    const unsigned char *mark = r.p;
    for (size_t k = 0; k < nw; k++)
        get_varint(&r);
    size_t nd = get_varint(&r), nt = get_varint(&r);
    r.p = mark;
    if (nd > v->drills_cap) {
        v->drills_cap = nd;
        v->drills = xrealloc(v->drills, nd * sizeof *v->drills);
    }
    if (nt > v->tests_cap) {
        v->tests_cap = nt;
        v->tests = xrealloc(v->tests, nt * sizeof *v->tests);
    }
    if (nw > v->warnings_cap) {
        v->warnings_cap = nw;
        v->warnings = xrealloc(v->warnings, nw * sizeof *v->warnings);
    }
    for (size_t k = 0; k < nw; k++)
        v->warnings[k] = get_str(&r);
    get_varint(&r);
    get_varint(&r);
    s->warnings = v->warnings;
    s->nwarnings = nw;
    size_t t = 0;
    for (size_t k = 0; k < nd; k++) {
        report_drill *d = &v->drills[k];
        d->id = get_str(&r);
        d->kind = get_str(&r);
        d->title = get_str(&r);
        d->topic = get_str(&r);
        d->st = (status)get_varint(&r);
        d->score = get_num(&r, 1e4);
        d->time_ms = get_num(&r, 1e3);
        d->message = get_str(&r);
        d->ntests = get_varint(&r);
        d->tests = v->tests ? v->tests + t : NULL;
        for (size_t j = 0; j < d->ntests; j++, t++) {
            report_test *rt = &v->tests[t];
            rt->name = get_str(&r);
            uint64_t sh = get_varint(&r);
            rt->st = (status)(sh >> 1);
            rt->hidden = (int)(sh & 1);
            rt->expected = get_str(&r);
            rt->got = get_str(&r);
            rt->message = get_str(&r);
        }
    }
    s->drills = v->drills;
    s->ndrills = nd;
    return s;
}

char *report_batch_name(const report_batch *b, size_t i)
{
    const char *name = b->p.strs[b->cand[i]];
    if (b->p.names[b->cand[i]] > 1)
        return xasprintf("%s (%s)", name, b->p.strs[b->src[i]]);
    return xstrdup(name);
}
