/* grade.c - verdicts (SPEC 3): statuses, scores and comparisons.
 *
 * Everything here is trusted C working on what a child reported: no Python
 * object is ever consulted. Text that comes from an answer (its output, its
 * exception messages) is cut and made valid UTF-8 before it is stored, so
 * the report layer can put it into JSON, XML or a terminal as it is. */
#define _GNU_SOURCE /* memrchr */
#include "grade.h"

#include <stdlib.h>
#include <string.h>

#include "printed.h"
#include "rubric.h"
#include "runner.h"
#include "util.h"

#define GRADE_REPR_MAX 2000   /* expected / got */
#define GRADE_LINE_MAX 200    /* one line quoted in a message */
#define GRADE_STREAM_MAX 4096 /* the answer's stdout / stderr kept */

static const char *const status_names[] = {
    [ST_PASS] = "pass",       [ST_FAIL] = "fail",       [ST_ERROR] = "error",
    [ST_SYNTAX] = "syntax",   [ST_TIMEOUT] = "timeout", [ST_MEMORY] = "memory",
    [ST_OUTPUT] = "output",   [ST_DENIED] = "denied",   [ST_CRASH] = "crash",
    [ST_SKIPPED] = "skipped", [ST_MISSING] = "missing",
};

const char *status_name(status s)
{
    if ((unsigned)s < ARRAY_SIZE(status_names) && status_names[s])
        return status_names[s];
    return "unknown";
}

int status_parse(const char *s, status *out)
{
    for (size_t i = 0; s && i < ARRAY_SIZE(status_names); i++) {
        if (status_names[i] && strcmp(s, status_names[i]) == 0) {
            *out = (status)i;
            return 0;
        }
    }
    return -1;
}

/* Higher decides. skipped and missing are drill-level statuses that never
 * meet test statuses; they rank just above pass so that any real problem
 * wins over them. */
static int status_rank(status s)
{
    switch (s) {
    case ST_PASS: return 0;
    case ST_SKIPPED: return 1;
    case ST_MISSING: return 2;
    case ST_FAIL: return 3;
    case ST_ERROR: return 4;
    case ST_OUTPUT: return 5;
    case ST_TIMEOUT: return 6;
    case ST_MEMORY: return 7;
    case ST_CRASH: return 8;
    case ST_DENIED: return 9;
    case ST_SYNTAX: return 10;
    }
    return 8; /* an out-of-range value is treated as a crash */
}

status status_worst(status a, status b)
{
    return status_rank(b) > status_rank(a) ? b : a;
}

void drill_verdict_init(drill_verdict *v, const drill *d)
{
    memset(v, 0, sizeof(*v));
    v->drill = d;
    v->st = ST_MISSING;
}

/* Cleared as they are freed: a verdict carries the answer's words, and a
 * worker's next child is forked from the heap it was in. */
static void test_verdict_release(test_verdict *t)
{
    util_free_wiped(t->name);
    util_free_wiped(t->expected);
    util_free_wiped(t->got);
    util_free_wiped(t->message);
}

void drill_verdict_free(drill_verdict *v)
{
    for (size_t i = 0; i < v->ntests; i++)
        test_verdict_release(&v->tests[i]);
    free(v->tests);
    for (size_t i = 0; i < v->npoints; i++) {
        util_free_wiped(v->points[i].point);
        util_free_wiped(v->points[i].note);
    }
    free(v->points);
    util_free_wiped(v->message);
    util_free_wiped(v->out);
    util_free_wiped(v->err);
    util_free_wiped(v->traceback);
    drill_verdict_init(v, v->drill);
}

/* Each grade_* call starts from a clean verdict, so grading the same
 * verdict twice (run --watch) does not leak. */
static void verdict_reset(drill_verdict *v, const drill *d)
{
    drill_verdict_free(v);
    drill_verdict_init(v, d);
}

/* sbuf_detach() leaves sb re-initialised (owning a fresh buffer); this
 * hands the text over and frees what is left. */
static char *take(sbuf *sb, size_t *len)
{
    char *s = sbuf_detach(sb, len);
    sbuf_release(sb);
    return s;
}

/* ---- text helpers ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    uint32_t cp;
    return util_utf8_decode(s, n, &cp, 0);
}

/* Appends n bytes to sb as valid UTF-8 without NULs: each bad byte (and
 * NUL) becomes U+FFFD. */
static void add_clean(sbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = p[i] ? utf8_seq(p + i, n - i) : 0;
        if (k) {
            sbuf_add(sb, p + i, k);
            i += k;
        } else {
            sbuf_addstr(sb, "\xEF\xBF\xBD");
            i++;
        }
    }
}

/* Moves back from off to the start of a UTF-8 character. */
static size_t utf8_floor(const char *s, size_t off)
{
    while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
        off--;
    return off;
}

static int is_trail_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A Python-like quoted string, cut to about max bytes. Caller frees. */
static char *quote(const char *s, size_t len, size_t max)
{
    sbuf clean;
    sbuf_init(&clean);
    add_clean(&clean, s, len);
    value v = { .type = VAL_STR, .text = clean.buf, .len = clean.len };
    char *r = value_repr(&v, max);
    sbuf_release(&clean);
    return r;
}

static char *repr_or_null(const value *v)
{
    return v ? value_repr(v, GRADE_REPR_MAX) : NULL;
}

/* ---- predict ---- */

void grade_predict(const drill *d, const char *answer, drill_verdict *v)
{
    verdict_reset(v, d);
    if (!d->truth) {
        v->st = ST_ERROR;
        v->score = 0;
        v->message = xstrdup(d->truth_error ? d->truth_error
                                            : "the expected output could not be computed");
        return;
    }
    printed_cmp c;
    printed_cmp_init(&c, d->truth, answer);
    if (c.max == 0 || c.equal == c.max) {
        v->st = ST_PASS;
        v->score = 1.0;
        printed_cmp_free(&c);
        return;
    }
    v->st = ST_FAIL;
    v->score = (double)c.equal / (double)c.max;
    size_t i = c.first_diff;
    char *exp = i < c.ntruth ? quote(c.truth[i].s, c.truth[i].len, GRADE_LINE_MAX)
                             : xstrdup("nothing");
    char *got = i < c.nanswer ? quote(c.answer[i].s, c.answer[i].len, GRADE_LINE_MAX)
                              : xstrdup("nothing");
    v->message = xasprintf("%zu of %zu lines right; line %zu: expected %s, got %s", c.equal,
                           c.max, i + 1, exp, got);
    free(exp);
    free(got);
    printed_cmp_free(&c);
}

/* ---- choice ---- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int is_choice_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 'x' for printable ASCII, else a hex escape, for error messages. */
static char *show_char(unsigned char c)
{
    if (c > 0x20 && c < 0x7F)
        return xasprintf("'%c'", c);
    return xasprintf("byte 0x%02x", c);
}

int grade_parse_choice(const char *answer, size_t nchoices, int **idx, size_t *n, char **err)
{
    *idx = NULL;
    *n = 0;
    *err = NULL;
    if (nchoices > GRADE_MAX_CHOICES)
        nchoices = GRADE_MAX_CHOICES;
    char last = (char)('a' + (nchoices ? nchoices - 1 : 0));
    int seen[GRADE_MAX_CHOICES] = { 0 };
    size_t count = 0;
    const char *p = answer ? answer : "";
    while (*p) {
        if (is_choice_sep(*p)) {
            p++;
            continue;
        }
        unsigned char c = (unsigned char)*p;
        char lc = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        if (lc < 'a' || lc > 'z') {
            char *sc = show_char(c);
            *err = xasprintf("unexpected %s: answer with letters a-%c", sc, last);
            free(sc);
            return -1;
        }
        if (p[1] && !is_choice_sep(p[1])) {
            char *sc = show_char((unsigned char)p[1]);
            *err = xasprintf("unexpected %s after '%c': separate letters with commas or spaces",
                             sc, *p);
            free(sc);
            return -1;
        }
        if ((size_t)(lc - 'a') >= nchoices) {
            *err = xasprintf("there is no choice '%c' (choices are a-%c)", lc, last);
            return -1;
        }
        if (!seen[lc - 'a']) {
            seen[lc - 'a'] = 1;
            count++;
        }
        p++;
    }
    if (count == 0) {
        *err = xasprintf("no choice given: answer with letters a-%c", last);
        return -1;
    }
    *idx = xcalloc(count, sizeof(int));
    for (size_t i = 0; i < GRADE_MAX_CHOICES; i++)
        if (seen[i])
            (*idx)[(*n)++] = (int)i;
    return 0;
}

static char *letters(const int *idx, size_t n)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < n; i++)
        sbuf_addf(&sb, "%s%c", i ? ", " : "", 'a' + idx[i]);
    return take(&sb, NULL);
}

void grade_choice(const drill *d, const char *answer, drill_verdict *v)
{
    verdict_reset(v, d);
    int *idx = NULL;
    size_t n = 0;
    char *err = NULL;
    /* the drill's own answer, sorted, whatever order the loader kept */
    int *right = xcalloc(d->nanswer ? d->nanswer : 1, sizeof(int));
    if (d->nanswer)
        memcpy(right, d->answer, d->nanswer * sizeof(int));
    qsort(right, d->nanswer, sizeof(int), cmp_int);
    char *want = letters(right, d->nanswer);

    v->st = ST_FAIL;
    v->score = 0;
    if (grade_parse_choice(answer, d->nchoices, &idx, &n, &err) < 0) {
        v->message = xasprintf("%s; the right answer is %s", err, want);
        goto end;
    }
    if (n == d->nanswer && memcmp(idx, right, n * sizeof(int)) == 0) {
        v->st = ST_PASS;
        v->score = 1.0;
        goto end;
    }
    char *got = letters(idx, n);
    v->message = xasprintf("you chose %s; the right answer is %s", got, want);
    free(got);
end:
    free(idx);
    free(err);
    free(right);
    free(want);
}

/* ---- explain ---- */

void grade_explain(const drill *d, const char *answer, drill_verdict *v)
{
    verdict_reset(v, d);
    const char *a = answer ? answer : "";
    rubric_result r;
    rubric_result_init(&r);
    rubric_judge(d->rubric, d->nrubric, d->misconceptions, d->nmisconceptions, a, strlen(a), &r);

    v->npoints = d->nrubric;
    v->points = xcalloc(d->nrubric + 1, sizeof *v->points);
    sbuf missed;
    sbuf_init(&missed);
    for (size_t i = 0; i < d->nrubric; i++) {
        point_verdict *p = &v->points[i];
        p->point = xstrdup(d->rubric[i].point ? d->rubric[i].point : "?");
        p->hit = r.points[i].hit;
        p->note = r.points[i].note;
        r.points[i].note = NULL;
        if (!p->hit)
            sbuf_addf(&missed, "%s%s%s%s%s", missed.len ? "; " : "", p->point, p->note ? " (" : "",
                      p->note ? p->note : "", p->note ? ")" : "");
    }
    /* compare counts, not quotients: 3 of 5 against 0.6 must pass even
     * though neither side is exact in binary */
    double need = d->pass_score * (double)d->nrubric;
    int enough = (double)r.hits + 1e-9 >= need;
    v->st = enough && !r.misconception && !r.soup && !r.cut_short ? ST_PASS : ST_FAIL;
    /* A failed answer scores below the pass mark, whatever it hit: the
     * gradebooks carry the score alone. The points made still count, up
     * to the most that fails. */
    size_t counted = r.hits;
    while (v->st == ST_FAIL && counted > 0 && (double)counted + 1e-9 >= need)
        counted--;
    v->score = d->nrubric ? (double)counted / (double)d->nrubric : 1.0;

    sbuf msg;
    sbuf_init(&msg);
    if (r.misconception)
        sbuf_addf(&msg, "misconception: %s (the answer says \"%s\"); ", r.misconception->feedback,
                  r.said);
    if (r.soup)
        sbuf_addf(&msg, "%s; ", r.soup);
    if (r.truncated)
        sbuf_addf(&msg, "only the first %d bytes were read; ", RUBRIC_TEXT_MAX);
    if (r.cut_short)
        sbuf_addstr(&msg, "the rubric took too long to apply to this answer, which fails; ");
    if (missed.len || msg.len)
        sbuf_addf(&msg, "%zu of %zu points", r.hits, d->nrubric);
    if (counted < r.hits)
        sbuf_addf(&msg, ", %zu counted: an answer that fails scores below the pass mark", counted);
    if (missed.len)
        sbuf_addf(&msg, "; missed: %s", missed.buf);
    if (msg.len)
        v->message = take(&msg, NULL);
    sbuf_release(&msg);
    sbuf_release(&missed);
    rubric_result_free(&r);
}

/* ---- missing / skipped ---- */

void grade_missing(const drill *d, drill_verdict *v)
{
    verdict_reset(v, d);
    v->st = ST_MISSING;
    v->score = 0;
    v->message = xstrdup("no answer");
}

void grade_skipped(const drill *d, drill_verdict *v)
{
    verdict_reset(v, d);
    v->st = ST_SKIPPED;
    v->score = 0;
    v->message = xstrdup(d->skip_reason ? d->skip_reason : "requirements not met");
}

/* ---- fix / write ---- */

void grade_make_job(const drill *d, const char *code, const unsigned char *run_mask, runner_job *job)
{
    memset(job, 0, sizeof(*job));
    job->kind = JOB_TESTS;
    job->limits = d->limits;
    job->source = code ? code : "";
    job->tests = d->tests;
    job->ntests = d->ntests;
    job->run_mask = run_mask;
}

static status run_status_to_status(run_status s)
{
    switch (s) {
    case RUN_OK: return ST_PASS;
    case RUN_TIMEOUT: return ST_TIMEOUT;
    case RUN_MEMORY: return ST_MEMORY;
    case RUN_OUTPUT: return ST_OUTPUT;
    case RUN_DENIED: return ST_DENIED;
    case RUN_CRASH: return ST_CRASH;
    }
    return ST_CRASH;
}

static const char *run_default_message(run_status s)
{
    switch (s) {
    case RUN_TIMEOUT: return "over the time limit";
    case RUN_MEMORY: return "over the memory limit";
    case RUN_OUTPUT: return "printed more than the output limit";
    case RUN_DENIED: return "tried something outside the sandbox";
    default: return "the process running the answer died";
    }
}

static char *run_message(const run_result *r)
{
    return xstrdup(r->message && *r->message ? r->message : run_default_message(r->status));
}

static char *exc_text(const test_outcome *o)
{
    const char *type = o->exc_type && *o->exc_type ? o->exc_type : "Exception";
    sbuf sb;
    sbuf_init(&sb);
    if (o->exc_msg && *o->exc_msg) {
        sbuf_addf(&sb, "%s: ", type);
        add_clean(&sb, o->exc_msg, strlen(o->exc_msg));
    } else {
        sbuf_addstr(&sb, type);
    }
    if (sb.len > GRADE_REPR_MAX) {
        sb.len = utf8_floor(sb.buf, GRADE_REPR_MAX);
        sb.buf[sb.len] = '\0';
        sbuf_addstr(&sb, "...");
    }
    return take(&sb, NULL);
}

/* Matched by the built-in classes the child found among the exception's
 * real bases, never by its type's name: a class of the answer's named
 * TypeError is not TypeError. */
static int raised_matches(const drill_test *t, const test_outcome *o)
{
    if (!t->raises)
        return 0;
    for (size_t i = 0; i < o->nexc_builtins; i++)
        if (o->exc_builtins[i] && strcmp(o->exc_builtins[i], t->raises) == 0)
            return 1;
    return 0;
}

/* Compares what setup+expr printed with the test's `stdout`; on a
 * mismatch turns a passing test into a failing one. */
static void check_stdout(const drill_test *t, const test_outcome *o, test_verdict *tv)
{
    if (!t->stdout_expect || tv->st != ST_PASS)
        return;
    size_t gl, el;
    char *got = printed_normalize(o->out, o->out ? o->out_len : 0, &gl);
    char *exp = printed_normalize(t->stdout_expect, strlen(t->stdout_expect), &el);
    if (gl != el || memcmp(got, exp, gl) != 0) {
        char *qg = quote(got, gl, GRADE_REPR_MAX / 2);
        char *qe = quote(exp, el, GRADE_REPR_MAX / 2);
        tv->st = ST_FAIL;
        free(tv->message);
        tv->message = xasprintf("printed %s, expected %s", qg, qe);
        free(qg);
        free(qe);
    }
    free(got);
    free(exp);
}

/* A MemoryError the memory limit caused: the child reports every
 * MemoryError as that limit, and the run then ends `memory`. The test it
 * ended is `memory` too, so that the answer's status is one its tests
 * have (SPEC 3.1). */
static int hit_memory_limit(const test_outcome *o, const run_result *r)
{
    if (o->kind != OUT_RAISED || r->status != RUN_MEMORY)
        return 0;
    for (size_t i = 0; i < o->nexc_builtins; i++)
        if (o->exc_builtins[i] && strcmp(o->exc_builtins[i], "MemoryError") == 0)
            return 1;
    return 0;
}

static void grade_one(const drill_test *t, const test_outcome *o, const run_result *r,
                      test_verdict *tv)
{
    static const test_outcome notrun = { .kind = OUT_NOTRUN };
    if (!o)
        o = &notrun;
    tv->name = xstrdup(t->name ? t->name : "");
    tv->hidden = t->hidden;
    if (t->raises)
        tv->expected = xasprintf("raises %s", t->raises);
    else
        tv->expected = repr_or_null(t->expect_value);

    if (r->syntax) {
        tv->st = ST_SYNTAX;
        tv->message = xstrdup("the answer does not compile");
        return;
    }
    switch (o->kind) {
    case OUT_NOTRUN:
        if (o->ended != RUN_OK) {
            /* the process died in this test (and the tests after it ran
             * in a fresh one) */
            tv->st = run_status_to_status(o->ended);
            tv->message = xstrdup(o->ended_msg && *o->ended_msg ? o->ended_msg : run_default_message(o->ended));
        } else if (r->status == RUN_OK) {
            tv->st = ST_CRASH;
            tv->message = xstrdup("no result for this test");
        } else {
            tv->st = run_status_to_status(r->status);
            tv->message = run_message(r);
        }
        return;
    case OUT_RAISED:
        if (raised_matches(t, o) && !o->in_answer) {
            tv->st = ST_PASS;
            break;
        }
        tv->got = exc_text(o);
        if (hit_memory_limit(o, r)) {
            tv->st = ST_MEMORY;
            tv->message = run_message(r);
            break;
        }
        /* SystemExit and KeyboardInterrupt land here too: leaving early is
         * never a pass unless the test asked for exactly that */
        tv->st = ST_ERROR;
        tv->message = o->in_answer ? xasprintf("%s (raised while the answer's code was loading, before "
                                               "the test ran)", tv->got)
                                   : xstrdup(tv->got);
        break;
    case OUT_NOTPLAIN: {
        const char *why = o->reason && *o->reason ? o->reason : "unknown type";
        tv->st = ST_FAIL;
        tv->got = xstrdup(why);
        if (t->raises)
            tv->message = xasprintf("expected %s to be raised, got a value that is "
                                    "not a plain value: %s", t->raises, why);
        else
            tv->message = xasprintf("not a plain value: %s", why);
        break;
    }
    case OUT_VALUE:
        tv->got = repr_or_null(o->value);
        if (!o->value) {
            tv->st = ST_CRASH;
            tv->message = xstrdup("no value in the result for this test");
        } else if (t->raises) {
            tv->st = ST_FAIL;
            tv->message = xasprintf("expected %s to be raised, got value %s", t->raises, tv->got);
        } else if (t->expect_error || !t->expect_value) {
            tv->st = ST_ERROR;
            tv->message = xstrdup(t->expect_error ? t->expect_error
                                                  : "the expected value is not available");
        } else if (value_equal(t->expect_value, o->value, t->tolerance)) {
            tv->st = ST_PASS;
        } else {
            tv->st = ST_FAIL;
            tv->message = xasprintf("expected %s, got %s", tv->expected, tv->got);
        }
        break;
    default:
        tv->st = ST_CRASH;
        tv->message = xstrdup("unknown result for this test");
        return;
    }
    check_stdout(t, o, tv);
    if (o->denied) {
        /* tried, caught the PermissionError and went on: still no pass */
        tv->st = ST_DENIED;
        free(tv->message);
        tv->message = xasprintf("denied: %s", o->denied);
    }
}

/* The drill's message when the run as a whole ended badly. A hidden test's
 * inputs reach the answer, which can put them into what it tries (a path
 * it opens) or into how it ends (an exit status): so when an ending came
 * in a hidden test (one without a result, one the process died in, one
 * with a denial), or came after the tests with a hidden one among them,
 * only the kind of ending is said. Visible tests run first: an ending
 * that a visible test met came before any hidden input was handed over,
 * and is said in full. */
static char *run_message_shown(const drill *d, const run_result *r, const unsigned char *run_mask)
{
    int hidden_ran = 0, event = 0, hidden_event = 0, visible_event = 0;
    for (size_t i = 0; i < d->ntests; i++) {
        if (run_mask && !run_mask[i])
            continue;
        const test_outcome *o = i < r->noutcomes && r->outcomes ? &r->outcomes[i] : NULL;
        int here = !o || o->kind == OUT_NOTRUN || o->ended != RUN_OK || (r->status == RUN_DENIED && o->denied) ||
                   hit_memory_limit(o, r);
        event |= here;
        hidden_event |= here && d->tests[i].hidden;
        visible_event |= here && !d->tests[i].hidden;
        hidden_ran |= d->tests[i].hidden;
    }
    if ((hidden_event && !visible_event) || (!event && hidden_ran))
        return xasprintf("%s, in a hidden test (what it did is not shown)", run_default_message(r->status));
    return run_message(r);
}

/* The answer's stdout: the first GRADE_STREAM_MAX bytes. */
static char *trim_head(const char *s, size_t len)
{
    if (!s)
        return NULL;
    while (len > 0 && (is_trail_space(s[len - 1]) || s[len - 1] == '\n'))
        len--;
    if (len == 0)
        return NULL;
    sbuf sb;
    sbuf_init(&sb);
    size_t keep = len;
    if (len > GRADE_STREAM_MAX) {
        keep = utf8_floor(s, GRADE_STREAM_MAX);
        const char *nl = memrchr(s, '\n', keep);
        if (nl && (size_t)(nl - s) > keep / 2)
            keep = (size_t)(nl - s);
    }
    add_clean(&sb, s, keep);
    if (keep < len)
        sbuf_addf(&sb, "\n... (%zu more bytes)", len - keep);
    return take(&sb, NULL);
}

/* The answer's stderr: the last GRADE_STREAM_MAX bytes, where a traceback
 * says what went wrong. */
static char *trim_tail(const char *s, size_t len)
{
    if (!s)
        return NULL;
    while (len > 0 && (is_trail_space(s[len - 1]) || s[len - 1] == '\n'))
        len--;
    if (len == 0)
        return NULL;
    sbuf sb;
    sbuf_init(&sb);
    size_t from = 0;
    if (len > GRADE_STREAM_MAX) {
        from = len - GRADE_STREAM_MAX;
        const char *nl = memchr(s + from, '\n', GRADE_STREAM_MAX / 2);
        if (nl)
            from = (size_t)(nl - s) + 1;
        while (from < len && ((unsigned char)s[from] & 0xC0) == 0x80)
            from++;
        sbuf_addf(&sb, "... (%zu bytes before)\n", from);
    }
    add_clean(&sb, s + from, len - from);
    return take(&sb, NULL);
}

void grade_tests(const drill *d, const run_result *r, const unsigned char *run_mask, drill_verdict *v)
{
    verdict_reset(v, d);
    size_t graded = 0, passed = 0;
    v->tests = xcalloc(d->ntests ? d->ntests : 1, sizeof(*v->tests));
    status st = ST_PASS;
    for (size_t i = 0; i < d->ntests; i++) {
        if (run_mask && !run_mask[i])
            continue;
        const test_outcome *o = i < r->noutcomes && r->outcomes ? &r->outcomes[i] : NULL;
        test_verdict *tv = &v->tests[graded++];
        grade_one(&d->tests[i], o, r, tv);
        if (tv->st == ST_PASS)
            passed++;
        st = status_worst(st, tv->st);
    }
    v->ntests = graded;

    if (r->syntax) {
        st = ST_SYNTAX;
        v->message = xasprintf("line %d, column %d: %s", r->syntax_line, r->syntax_col,
                               r->syntax_msg && *r->syntax_msg ? r->syntax_msg : "invalid syntax");
    } else if (r->status != RUN_OK) {
        /* tests that finished before the kill keep their status, but the
         * answer as a whole never passes a run that was killed */
        st = status_worst(st, run_status_to_status(r->status));
        /* pydrill's own failure carries nothing of the answer's */
        v->message = r->internal ? run_message(r) : run_message_shown(d, r, run_mask);
    }
    v->st = st;
    v->internal = r->internal;
    if (graded)
        v->score = (double)passed / (double)graded;
    else
        v->score = st == ST_PASS ? 1.0 : 0.0;
    v->time_ms = r->time_ms;
    v->out = trim_head(r->out, r->out ? r->out_len : 0);
    v->err = trim_tail(r->err, r->err ? r->err_len : 0);
    for (size_t i = 0; i < r->noutcomes && i < d->ntests; i++) {
        const test_outcome *o = &r->outcomes[i];
        if ((!run_mask || run_mask[i]) && !d->tests[i].hidden && o->kind == OUT_RAISED && o->traceback &&
            *o->traceback) {
            v->traceback = trim_tail(o->traceback, strlen(o->traceback));
            break;
        }
    }
}

/* ---- submissions ---- */

void submission_verdict_init(submission_verdict *s)
{
    memset(s, 0, sizeof(*s));
    diag_init(&s->warnings);
}

void submission_verdict_free(submission_verdict *s)
{
    for (size_t i = 0; i < s->ndrills; i++)
        drill_verdict_free(&s->drills[i]);
    free(s->drills);
    free(s->candidate);
    free(s->source);
    free(s->error);
    diag_free(&s->warnings);
    submission_verdict_init(s);
}

void submission_verdict_total(submission_verdict *s)
{
    s->score = 0;
    s->max = 0;
    s->passed = 0;
    for (size_t i = 0; i < s->ndrills; i++) {
        const drill_verdict *v = &s->drills[i];
        if (v->st == ST_SKIPPED)
            continue;
        s->score += v->score;
        s->max += 1;
        if (v->st == ST_PASS)
            s->passed++;
    }
}
