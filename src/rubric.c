/* rubric.c - the explain grader's matcher (rubric.h): patterns, matching,
 * judging.
 *
 * rubric_text.c reads the answer once (normalised, cut into words and
 * symbols, sentences and clauses, with code spans, negation cues and
 * function words marked); a pattern is cut the same way and matched token
 * by token, so each pattern costs one pass over the answer.
 *
 * The rules, and why:
 * - Whole words, case folded (beyond ASCII too: CAFÉ is café): `none` is
 *   not in `nonexistent`. A word
 *   of three letters or more also matches its plural (s, es, 's, y->ies);
 *   other inflections are the author's, with a trailing `*` (`amortis*`).
 * - Between two words of a phrase the text may have any punctuation, but
 *   not a sentence end: `reference count` is in "reference-count". A `...`
 *   stands for up to GAP_MAX words of the same clause, none of them a
 *   negation cue; the word `not` stands for any negation cue, so that a
 *   point that is a negative statement ("not ... parallel*") can be
 *   written; "(a|b)" and "(a )?" are choices, expanded into one pattern
 *   each.
 * - A match is negated when a negation cue (not, never, no, without,
 *   n't, rather than, instead of...) comes before it in the same clause,
 *   with at most NEG_WINDOW words between: "is not about identity". Clauses
 *   end at , : ; ( ) dashes and at but, while, because, so, which...: in
 *   "identity, not value" only value is negated. Cues in code spans
 *   (`if x is not None`) are code, not English.
 * - A point is hit by a match that is not negated and sits in a sentence:
 *   one that has a glue word (a function word or a verb) or
 *   SENTENCE_WORDS other words besides the match. "small int cache" on a
 *   line of its own says nothing.
 * - A contradiction or a misconception counts when it is asserted: not
 *   negated, and not in a clause that disowns it ("a common myth is
 *   that..."; rubric_text.c says which clauses do). Penalties need an
 *   assertion; credit needs one too.
 * - Keyword soup: prose in which fewer than SOUP_MIN_FUNCTION_PCT of the
 *   words are function words, or that has no verb, is a list of terms, not
 *   an explanation, and nothing it mentions is counted. In the bundled test
 *   set (tests/fixtures/explain) lists of keywords have at most 16%
 *   function words and the tersest right answer 29%; "identity equality
 *   cpython interning 256 cache" has none. Lists padded with articles
 *   ("the copies of the items, the shared list") have plenty, and fail
 *   for want of a verb (rubric_text.c says what counts as one). */
#include "rubric.h"
#include "rubric_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NEG_WINDOW 3             /* words allowed between a negation cue and a match */
#define GAP_MAX 6                /* words of the same clause a `...` in a pattern may skip */
#define GAP_TOKENS_MAX 24        /* tokens (words and symbols) a gap may skip */
#define PATTERN_TOKENS_MAX 32
#define PATTERN_GAPS_MAX 3
#define PATTERN_GROUPS_MAX 4
#define PATTERN_VARIANTS_MAX 64  /* patterns that the groups of one may expand to */
#define STR_(x) #x
#define STR(x) STR_(x)
#define PREFIX_MIN 3             /* letters before a `*` */
#define INFLECT_MIN 3            /* letters a word needs for its plural to match */
#define SENTENCE_WORDS 3         /* words besides a match that make a sentence without function words */
#define QUOTE_MAX 90             /* bytes of the answer quoted in a note */
/* Matching steps one answer may take (a step is about 35 ns): an answer
 * of a few KB takes tens of thousands with the bundled rubrics, 64 KiB of
 * random rubric words under 5 million; a rubric of patterns made to
 * backtrack (many groups and gaps) stops here, in about a third of a
 * second, and the answer fails. */
#define RUBRIC_STEPS_MAX 10000000L
#define SOUP_MIN_FUNCTION_PCT 20 /* at least this share of prose words are function words */

typedef struct {
    char buf[RUBRIC_PATTERN_MAX + 1];
    rubric_tok t[PATTERN_TOKENS_MAX];
    size_t n;
} pattern;

/* ---- patterns ---- */

static int word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

/* Regular-expression and glob habits that a pattern, whose symbols are
 * literal, would match only as typed (never, in practice): the author
 * meant something else. What to write instead, or NULL. s is one
 * variant, its groups expanded, so any '|' or '?' left is outside one.
 * Literal uses stay possible: Python's `a | b` and `d |= e` (the bar
 * between spaces or symbols), a subscript d[key], a list [ x ] with a
 * space, **kwargs; `id(` and `o(n` are calls and formulas, not groups. */
static const char *pattern_habit(const char *s)
{
    size_t n = strlen(s), opens = 0, closes = 0, i;
    int only_parens = n > 0;
    for (i = 0; i < n; i++) {
        opens += s[i] == '(';
        closes += s[i] == ')';
        if (s[i] != '(' && s[i] != ')' && s[i] != ' ')
            only_parens = 0;
    }
    if (only_parens && opens)
        return "an empty group: choices go in parentheses, (lazy|eager)";
    for (i = 0; i < n; i++) {
        char prev = i ? s[i - 1] : ' ', next = s[i + 1];
        int letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || (unsigned char)next >= 0x80;
        if (s[i] == '[' && letter && !word_byte(prev) && prev != ')' && prev != ']')
            return "'[' makes no choice: choices go in parentheses, (lazy|eager), an optional word is (the )?, "
                   "and a Python list that begins with a name takes a space, [ x ]";
        if (s[i] == '|' && (word_byte(prev) || word_byte(next) || prev == '(' || prev == ')' ||
                            next == '(' || next == ')')) {
            if (opens > closes)
                return "a '(' is not closed: choices go in parentheses, (lazy|eager)";
            if (closes > opens)
                return "a ')' has no '(': choices go in parentheses, (lazy|eager)";
            return "'|' outside a group: choices go in parentheses, (lazy|eager), with none inside";
        }
        if (s[i] == '?')
            return "a '?' follows a group only, to make it optional: (lazy )?";
        if (s[i] == '.' && next == '*')
            return "'.*' is no wildcard: '...' skips up to " STR(GAP_MAX) " words, and a '*' after three "
                   "letters ends a stem (laz*)";
        if (s[i] == '*' && (prev == ' ' || prev == '\t') && word_byte(next))
            return "a '*' ends a stem (laz*), it does not start one; for Python's *args write args, which "
                   "matches it";
    }
    return NULL;
}

static int pattern_compile(const char *src, pattern *p, char **err)
{
    size_t n = strlen(src);
    memset(p, 0, sizeof *p);
    if (n > RUBRIC_PATTERN_MAX) {
        if (err)
            *err = xasprintf("longer than %d bytes", RUBRIC_PATTERN_MAX);
        return -1;
    }
    const char *habit = pattern_habit(src);
    if (habit) {
        if (err)
            *err = xstrdup(habit);
        return -1;
    }
    size_t len;
    char *norm = rubric_normalise(src, n, &len);
    memcpy(p->buf, norm, len + 1);
    free(norm);
    size_t i = 0, gaps = 0;
    rubric_tok t;
    while (rubric_lex(p->buf, len, &i, &t)) {
        const char *s = p->buf + t.off;
        /* a word's trailing `*`: the word is a prefix */
        if (t.kind == RT_SYM && s[0] == '*' && p->n && p->t[p->n - 1].kind == RT_WORD &&
            !(t.flags & RT_SPACE) && (i >= len || p->buf[i] == ' ' || p->buf[i] == '\t' || p->buf[i] == '\n')) {
            rubric_tok *w = &p->t[p->n - 1];
            if (w->len < PREFIX_MIN) {
                if (err)
                    *err = xasprintf("a '*' needs at least %d letters before it", PREFIX_MIN);
                return -1;
            }
            w->flags |= RT_PREFIX;
            w->flags &= (unsigned short)~RT_INFLECT;
            continue;
        }
        /* `...` between spaces: a gap */
        if (t.kind == RT_SYM && s[0] == '.' && ((t.flags & RT_SPACE) || t.off == 0) && i + 1 < len && p->buf[i] == '.' &&
            p->buf[i + 1] == '.' && (i + 2 >= len || p->buf[i + 2] == ' ')) {
            if (!p->n || p->t[p->n - 1].kind == RT_GAP) {
                if (err)
                    *err = xstrdup(p->n ? "two '...' in a row" : "a '...' must come between words");
                return -1;
            }
            i += 2;
            t.kind = RT_GAP;
            gaps++;
        }
        /* thread-safe, i/o: the hyphen or slash inside a word is any punctuation */
        if (t.kind == RT_SYM && (s[0] == '-' || s[0] == '/') && !(t.flags & RT_SPACE) && p->n &&
            p->t[p->n - 1].kind == RT_WORD && i < len) {
            size_t k;
            if (rubric_word_at(p->buf, len, i, &k))
                continue;
        }
        if (p->n == PATTERN_TOKENS_MAX) {
            if (err)
                *err = xasprintf("more than %d words and symbols", PATTERN_TOKENS_MAX);
            return -1;
        }
        if (t.kind == RT_WORD) {
            int letters = t.len >= INFLECT_MIN;
            for (size_t k = 0; k < t.len && letters; k++) {
                char c = (char)rubric_fold((unsigned char)s[k]);
                /* a byte of a letter beyond ASCII counts: cafés */
                letters = (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
            }
            if (letters)
                t.flags |= RT_INFLECT;
        }
        p->t[p->n++] = t;
    }
    if (!p->n) {
        if (err)
            *err = xstrdup("no words or symbols");
        return -1;
    }
    if (p->t[p->n - 1].kind == RT_GAP) {
        if (err)
            *err = xstrdup("a '...' must come between words");
        return -1;
    }
    if (gaps > PATTERN_GAPS_MAX) {
        if (err)
            *err = xasprintf("more than %d '...'", PATTERN_GAPS_MAX);
        return -1;
    }
    return 0;
}

/* ---- groups: "(a|b)" and "(a )?" expand into one pattern per choice ---- */

/* The first group of s: parentheses around alternatives separated by |,
 * or followed by ? (optional). Other parentheses are literal: o(n^2),
 * id(a), hash((x, y)). */
static int find_group(const char *s, size_t *open, size_t *close, int *optional)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '(')
            continue;
        size_t j = i + 1;
        int bar = 0;
        while (s[j] && s[j] != ')' && s[j] != '(')
            bar |= s[j++] == '|';
        if (s[j] != ')' || !(bar || s[j + 1] == '?'))
            continue;
        *open = i;
        *close = j;
        *optional = s[j + 1] == '?';
        return 1;
    }
    return 0;
}

typedef struct {
    int (*fn)(const char *variant, void *ctx); /* nonzero stops the expansion */
    void *ctx;
    size_t n;                                  /* variants so far */
    const char *err;                           /* why the expansion stopped, or NULL */
} expansion;

/* Calls e->fn on every pattern that s stands for; 1 when stopped. */
static int expand(const char *s, expansion *e, int depth)
{
    size_t o, c;
    int opt;
    if (!find_group(s, &o, &c, &opt)) {
        if (++e->n > PATTERN_VARIANTS_MAX) {
            e->err = "its groups make more than " STR(PATTERN_VARIANTS_MAX) " patterns";
            return 1;
        }
        return e->fn(s, e->ctx) != 0;
    }
    if (depth == PATTERN_GROUPS_MAX) {
        e->err = "more than " STR(PATTERN_GROUPS_MAX) " groups";
        return 1;
    }
    /* the choices between the bars, then the empty one when optional;
     * a choice is never longer than the group it replaces */
    char buf[RUBRIC_PATTERN_MAX + 1];
    const char *tail = s + c + 1 + opt;
    for (size_t a = o + 1;;) {
        size_t b = a;
        while (b < c && s[b] != '|')
            b++;
        snprintf(buf, sizeof buf, "%.*s%.*s%s", (int)o, s, (int)(b - a), s + a, tail);
        if (expand(buf, e, depth + 1))
            return 1;
        if (b >= c)
            break;
        a = b + 1;
    }
    if (opt) {
        snprintf(buf, sizeof buf, "%.*s%s", (int)o, s, tail);
        if (expand(buf, e, depth + 1))
            return 1;
    }
    return 0;
}

typedef struct {
    char *err;
    char variant[RUBRIC_PATTERN_MAX + 1];
} check_ctx;

static int check_variant(const char *v, void *ctx)
{
    check_ctx *cc = ctx;
    pattern p;
    if (pattern_compile(v, &p, &cc->err) < 0) {
        snprintf(cc->variant, sizeof cc->variant, "%s", v);
        return 1;
    }
    return 0;
}

int rubric_pattern_check(const char *pattern_text, char **err)
{
    *err = NULL;
    if (!pattern_text)
        return *err = xstrdup("no pattern"), -1;
    size_t n = strlen(pattern_text);
    if (!util_utf8_valid(pattern_text, n)) {
        char *q = util_utf8_sanitize(pattern_text, n, NULL);
        *err = xasprintf("pattern \"%s\": not valid UTF-8", q);
        free(q);
        return -1;
    }
    if (n > RUBRIC_PATTERN_MAX) {
        size_t cut = QUOTE_MAX;
        while (cut > 0 && ((unsigned char)pattern_text[cut] & 0xC0) == 0x80)
            cut--;
        *err = xasprintf("pattern \"%.*s...\": longer than %d bytes", (int)cut, pattern_text,
                         RUBRIC_PATTERN_MAX);
        return -1;
    }
    check_ctx cc = { NULL, "" };
    expansion e = { check_variant, &cc, 0, NULL };
    expand(pattern_text, &e, 0);
    if (e.err)
        *err = xasprintf("pattern \"%s\": %s", pattern_text, e.err);
    else if (cc.err && strcmp(cc.variant, pattern_text) != 0)
        *err = xasprintf("pattern \"%s\": \"%s\": %s", pattern_text, cc.variant, cc.err);
    else if (cc.err)
        *err = xasprintf("pattern \"%s\": %s", pattern_text, cc.err);
    free(cc.err);
    return *err ? -1 : 0;
}

/* The pattern word w against the answer's word s (n bytes). */
static int word_eq(const pattern *p, const rubric_tok *w, const char *s, size_t n)
{
    const char *k = p->buf + w->off;
    size_t kl = w->len;
    if ((w->flags & RT_INFLECT) && k[kl - 1] == 'y' && n == kl + 2 && rubric_eq_fold(s, k, kl - 1) &&
        rubric_eq_fold(s + kl - 1, "ies", 3))
        return 1;
    if (n < kl || !rubric_eq_fold(s, k, kl))
        return 0;
    if (n == kl || (w->flags & RT_PREFIX))
        return 1;
    if (!(w->flags & RT_INFLECT))
        return 0;
    const char *r = s + kl;
    size_t rl = n - kl;
    return (rl == 1 && rubric_fold((unsigned char)r[0]) == 's') || (rl == 2 && rubric_eq_fold(r, "es", 2)) ||
           (rl == 2 && r[0] == '\'' && rubric_fold((unsigned char)r[1]) == 's');
}

/* Matches p from its token pi at the answer's token ti; prev is the
 * answer token matched by pi - 1. Fills pos[k] with the answer token that
 * pattern token k matched (a gap's entry is unused). Each call spends one
 * of *steps; none left, nothing matches. */
static int match_from(const pattern *p, size_t pi, const rubric_text *t, size_t ti, size_t prev, size_t *pos,
                      long *steps)
{
    if (pi == p->n)
        return 1;
    if (--*steps < 0)
        return 0;
    const rubric_tok *pt = &p->t[pi];
    if (pt->kind == RT_GAP) {
        size_t words = 0;
        for (size_t j = ti, n = 0; j < t->ntok && n <= GAP_TOKENS_MAX; j++, n++) {
            if (t->tok[j].clause != t->tok[prev].clause)
                break;
            if (match_from(p, pi + 1, t, j, prev, pos, steps)) {
                pos[pi] = prev;
                return 1;
            }
            /* a gap never skips a negation cue: "identity is not the same as equality" */
            if (t->tok[j].flags & RT_CUE)
                break;
            if (t->tok[j].kind == RT_WORD && ++words > GAP_MAX)
                break;
        }
        return 0;
    }
    size_t j = ti;
    if (pt->kind == RT_WORD) {
        if (pi > 0 && p->t[pi - 1].kind == RT_WORD)
            while (j < t->ntok && t->tok[j].kind == RT_SYM && t->tok[j].sent == t->tok[prev].sent)
                j++;
        if (j >= t->ntok || t->tok[j].kind != RT_WORD || (pi > 0 && t->tok[j].sent != t->tok[prev].sent))
            return 0;
        /* `not` in a pattern is any negation: no, never, n't, cannot, without... */
        int neg = pt->len == 3 && rubric_eq_fold(p->buf + pt->off, "not", 3) && (t->tok[j].flags & RT_CUE);
        if (!neg && !word_eq(p, pt, rubric_tk(t, j), t->tok[j].len))
            return 0;
    } else {
        if (j >= t->ntok || t->tok[j].kind != RT_SYM || t->tok[j].len != pt->len ||
            memcmp(rubric_tk(t, j), p->buf + pt->off, pt->len) != 0)
            return 0;
    }
    pos[pi] = j;
    return match_from(p, pi + 1, t, j + 1, j, pos, steps);
}

typedef struct {
    size_t first, last;
    const size_t *pos; /* the answer tokens the pattern's tokens matched */
    const pattern *p;
    size_t cue;        /* the negation cue's token when negated, else first */
    int negated, sentence, refuted;
} match;

/* Whether the match is negated, in a sentence, in a sentence that
 * disowns it. A sentence, for a hit, has a glue word besides the
 * pattern's own words, or SENTENCE_WORDS other words: "the gc module
 * collects cycles" is one, "- small int cache" is not. */
static void judge_match(const rubric_text *t, size_t first, const pattern *p, const size_t *pos, match *m)
{
    m->first = first;
    m->last = pos[p->n - 1];
    m->pos = pos;
    m->p = p;
    m->cue = first;
    m->negated = 0;
    size_t words = 0;
    for (size_t j = first; j-- > 0;) {
        const rubric_tok *k = &t->tok[j];
        if (k->clause != t->tok[first].clause)
            break;
        if ((k->flags & RT_CUE) && (words <= NEG_WINDOW || (k->flags & RT_WIDE))) {
            m->negated = 1;
            m->cue = j;
            break;
        }
        if (k->kind == RT_WORD)
            words++;
    }
    uint32_t sent = t->tok[first].sent;
    size_t glue = t->sent_glue[sent], other = t->sent_other[sent];
    for (size_t k = 0; k < p->n; k++) {
        const rubric_tok *w = &t->tok[pos[k]];
        if (p->t[k].kind != RT_WORD || w->sent != sent)
            continue;
        if (w->flags & RT_GLUE)
            glue--;
        else
            other--;
    }
    m->sentence = glue > 0 || other >= SENTENCE_WORDS;
    m->refuted = 0;
    for (uint32_t c = t->tok[first].clause; c <= t->tok[m->last].clause; c++)
        m->refuted |= t->clause_refuted[c];
}

/* Calls fn on every match of p in t, in order, until fn returns nonzero;
 * returns that value. */
static int each_match(const pattern *p, const rubric_text *t, int (*fn)(const rubric_text *, const match *, void *),
                      void *ctx, long *steps)
{
    size_t pos[PATTERN_TOKENS_MAX];
    for (size_t i = 0; i < t->ntok && *steps > 0; i++) {
        if (!match_from(p, 0, t, i, i, pos, steps))
            continue;
        match m;
        judge_match(t, i, p, pos, &m);
        int r = fn(t, &m, ctx);
        if (r)
            return r;
    }
    return 0;
}

typedef struct {
    const rubric_text *t;
    int (*fn)(const rubric_text *, const match *, void *);
    void *ctx;
    long *steps;
    int result;
} scan_ctx;

static int scan_variant(const char *v, void *ctx)
{
    scan_ctx *sc = ctx;
    pattern p;
    if (pattern_compile(v, &p, NULL) < 0)
        return 0;
    sc->result = each_match(&p, sc->t, sc->fn, sc->ctx, sc->steps);
    return sc->result != 0;
}

/* each_match over every pattern that pat stands for; patterns that
 * rubric_pattern_check refuses match nothing. */
static int scan(const char *pat, const rubric_text *t, int (*fn)(const rubric_text *, const match *, void *), void *ctx,
                long *steps)
{
    if (!pat || strlen(pat) > RUBRIC_PATTERN_MAX)
        return 0;
    scan_ctx sc = { t, fn, ctx, steps, 0 };
    expansion e = { scan_variant, &sc, 0, NULL };
    expand(pat, &e, 0);
    return sc.result;
}

/* The answer's words from token a to token b, cut at QUOTE_MAX bytes,
 * on one line and with no double quote, so that where a quote ends in a
 * message ("the answer says \"...\"") is known. */
static char *quote(const rubric_text *t, size_t a, size_t b)
{
    size_t s = t->tok[a].off, e = t->tok[b].off + t->tok[b].len;
    int cut = 0;
    if (e - s > QUOTE_MAX) {
        e = s + QUOTE_MAX;
        while (e > s && ((unsigned char)t->norm[e] & 0xC0) == 0x80)
            e--;
        cut = 1;
    }
    char *q = xmemdup(t->norm + s, e - s);
    for (char *c = q; *c; c++) {
        if (*c == '\n' || *c == '\t')
            *c = ' ';
        else if (*c == '"')
            *c = '\'';
    }
    if (cut) {
        char *r = xasprintf("%s...", q);
        free(q);
        q = r;
    }
    return q;
}

/* ---- judging ---- */

typedef struct {
    int found;
    char *negated;          /* quote of the first negated match */
    char *fragment;         /* quote of the first match outside a sentence */
} point_scan;

static int scan_point(const rubric_text *t, const match *m, void *ctx)
{
    point_scan *ps = ctx;
    if (m->negated) {
        if (!ps->negated)
            ps->negated = quote(t, m->cue, m->last);
        return 0;
    }
    if (!m->sentence) {
        if (!ps->fragment)
            ps->fragment = quote(t, m->first, m->last);
        return 0;
    }
    ps->found = 1;
    return 1;
}

typedef struct {
    char *said;
} assert_scan;

static int scan_assertion(const rubric_text *t, const match *m, void *ctx)
{
    assert_scan *as = ctx;
    if (m->negated || m->refuted)
        return 0;
    as->said = quote(t, m->first, m->last);
    return 1;
}

/* The first asserted match of any of the patterns, quoted, or NULL. */
static char *asserted(char *const *pats, size_t n, const rubric_text *t, long *steps)
{
    for (size_t i = 0; i < n; i++) {
        assert_scan as = { NULL };
        if (scan(pats[i], t, scan_assertion, &as, steps))
            return as.said;
    }
    return NULL;
}

void rubric_result_init(rubric_result *r)
{
    memset(r, 0, sizeof *r);
}

void rubric_result_free(rubric_result *r)
{
    for (size_t i = 0; i < r->npoints; i++)
        free(r->points[i].note);
    free(r->points);
    free(r->said);
    free(r->soup);
    rubric_result_init(r);
}

static size_t pct(size_t part, size_t whole)
{
    return whole ? part * 100 / whole : 0;
}

void rubric_judge(const rubric_point *points, size_t npoints, const rubric_misconception *mis,
                  size_t nmis, const char *answer, size_t len, rubric_result *r)
{
    rubric_result_free(r);
    if (!answer)
        len = 0;
    if (len > RUBRIC_TEXT_MAX) {
        len = RUBRIC_TEXT_MAX;
        r->truncated = 1;
    }
    long steps = RUBRIC_STEPS_MAX;
    rubric_text t;
    rubric_text_init(&t, answer ? answer : "", len);
    r->npoints = npoints;
    r->points = xcalloc(npoints + 1, sizeof *r->points);

    for (size_t i = 0; i < npoints; i++) {
        const rubric_point *rp = &points[i];
        point_scan ps = { 0, NULL, NULL };
        for (size_t k = 0; k < rp->nkeywords && !ps.found; k++)
            scan(rp->keywords[k], &t, scan_point, &ps, &steps);
        rubric_point_result *pr = &r->points[i];
        char *against = asserted(rp->contradicts, rp->ncontradicts, &t, &steps);
        if (against) {
            pr->note = xasprintf("contradicted: \"%s\"", against);
            free(against);
        } else if (ps.found) {
            pr->hit = 1;
            r->hits++;
        } else if (ps.negated) {
            pr->note = xasprintf("negated: \"%s\"", ps.negated);
        } else if (ps.fragment) {
            pr->note = xasprintf("not in a sentence: \"%s\"", ps.fragment);
        }
        free(ps.negated);
        free(ps.fragment);
    }

    for (size_t i = 0; i < nmis && !r->misconception; i++) {
        char *said = asserted(mis[i].keywords, mis[i].nkeywords, &t, &steps);
        if (said) {
            r->misconception = &mis[i];
            r->said = said;
        }
    }

    /* keyword soup: counted over prose, the words outside code spans */
    size_t words = 0, func = 0, verbs_seen = 0;
    for (size_t j = 0; j < t.ntok; j++) {
        const rubric_tok *k = &t.tok[j];
        if (k->kind != RT_WORD || (k->flags & RT_CODE))
            continue;
        words++;
        func += (k->flags & RT_FUNC) != 0;
        verbs_seen += (k->flags & RT_VERB) != 0;
    }
    if (steps < 0)
        r->cut_short = 1;
    if (r->hits) {
        if (!words)
            r->soup = xstrdup("the answer has no sentences, only code");
        else if (pct(func, words) < SOUP_MIN_FUNCTION_PCT)
            r->soup = xasprintf("the answer reads as a list of keywords, not sentences: %zu of its %zu "
                                "words are function words (is, of, the, when, because...)",
                                func, words);
        else if (!verbs_seen)
            r->soup = xstrdup("the answer reads as a list of keywords, not sentences: it has no verb");
    }
    if (r->soup) {
        for (size_t i = 0; i < npoints; i++) {
            if (!r->points[i].hit)
                continue;
            r->points[i].hit = 0;
            r->points[i].note = xstrdup("not counted: the answer is a list of keywords");
        }
        r->hits = 0;
    }
    rubric_text_release(&t);
}

typedef struct {
    rubric_found best;
} find_scan;

static int scan_find(const rubric_text *t, const match *m, void *ctx)
{
    (void)t;
    find_scan *fs = ctx;
    rubric_found f = m->negated ? RUBRIC_NEGATED : !m->sentence ? RUBRIC_NO_SENTENCE : RUBRIC_FOUND;
    if (f > fs->best)
        fs->best = f;
    return f == RUBRIC_FOUND;
}

rubric_found rubric_find(const char *pattern_text, const char *text, size_t len)
{
    if (len > RUBRIC_TEXT_MAX)
        len = RUBRIC_TEXT_MAX;
    rubric_text t;
    rubric_text_init(&t, text ? text : "", text ? len : 0);
    find_scan fs = { RUBRIC_ABSENT };
    long steps = RUBRIC_STEPS_MAX;
    scan(pattern_text, &t, scan_find, &fs, &steps);
    rubric_text_release(&t);
    return fs.best;
}
