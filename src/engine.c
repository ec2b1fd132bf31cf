/* engine.c - the door to grading: see engine.h. */
#include "engine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "libguard.h"
#include "plan.h"
#include "pool.h"
#include "runner.h"
#include "sandbox.h"
#include "util.h"

/* Verdicts taken from the pool per step. */
#define RESULTS_PER_STEP 64

int engine_start(char **err, char **warning)
{
    return runner_start(err, warning);
}

const char *engine_python_version(void)
{
    return runner_python_version();
}

unsigned long engine_python_hexversion(void)
{
    return runner_python_hexversion();
}

const char *engine_sandbox_features(void)
{
    return sandbox_features();
}

int engine_plan(catalog *c, diag *d)
{
    return plan_prepare(c, d);
}

int engine_plan_drill(drill *dr, diag *d)
{
    return plan_drill(dr, d);
}

/* The visible tests of d, as a run mask (caller frees), or NULL for all. */
static unsigned char *visible_mask(const drill *d, int visible_only)
{
    if (!visible_only)
        return NULL;
    unsigned char *mask = xcalloc(d->ntests ? d->ntests : 1, 1);
    for (size_t i = 0; i < d->ntests; i++)
        mask[i] = !d->tests[i].hidden;
    return mask;
}

/* Judges what needs no child; 1 if d needs one for this answer. */
static int judge_inline(const drill *d, const char *answer, drill_verdict *v)
{
    drill_verdict_init(v, d);
    if (d->skip_reason) {
        grade_skipped(d, v);
        return 0;
    }
    /* A test whose expected value could not be had (reported when the
     * pack was loaded, exit 2) grades no one: the drill is left out, as
     * a skipped one is, rather than failing every answer. */
    for (size_t i = 0; i < d->ntests; i++)
        if (d->tests[i].expect_error) {
            grade_skipped(d, v);
            free(v->message);
            /* a hidden test's expression and name stay out of every report,
             * this one included: what is wrong was said when the pack loaded */
            v->message = d->tests[i].hidden
                             ? xstrdup("not graded: the drill is broken (a hidden test cannot be run here; "
                                       "pydrill check names it)")
                             : xasprintf("not graded: the drill is broken (test \"%s\": %s)", d->tests[i].name,
                                         d->tests[i].expect_error);
            return 0;
        }
    /* So does a predict drill whose truth could not be had (its snippet
     * over its limit on this machine): what every answer would be
     * compared with is missing, and no answer is at fault. */
    if (kind_get(d->kind)->has_truth && !d->truth) {
        grade_skipped(d, v);
        free(v->message);
        v->message = xasprintf("not graded: the drill is broken (%s)",
                               d->truth_error ? d->truth_error : "its expected output could not be computed");
        return 0;
    }
    /* SPEC 2.6: no answer is `missing`; an empty or blank one is no answer
     * either, here as in a batch and the quiz */
    if (!answer || !answer[strspn(answer, " \t\r\n\f\v")]) {
        grade_missing(d, v);
        return 0;
    }
    const kind_ops *ops = kind_get(d->kind);
    if (!ops->runs_answer) {
        ops->judge(d, answer, v);
        return 0;
    }
    return 1;
}

char *engine_unguarded_imports(const drill_test *t)
{
    char *a = libguard_unguarded(t->setup), *b = libguard_unguarded(t->expr);
    if (!a || !b)
        return a ? a : b;
    char *both = xasprintf("%s, %s", a, b);
    free(a);
    free(b);
    return both;
}

size_t engine_internal_failures(const char **last)
{
    return runner_internal_failures(last);
}

int engine_runs_answer(const drill *d)
{
    return kind_get(d->kind)->runs_answer;
}

void engine_judge(const drill *d, const char *answer, int visible_only, drill_verdict *v)
{
    if (!judge_inline(d, answer, v))
        return;
    char *code = kind_answer_code(d, answer, v);
    if (!code)
        return;
    unsigned char *mask = visible_mask(d, visible_only);
    runner_job job;
    run_result r;
    grade_make_job(d, code, mask, &job);
    runner_run(&job, &r);
    grade_tests(d, &r, mask, v);
    run_result_free(&r);
    free(mask);
    free(code);
}

/* ---- tickets ---- */

struct engine_ticket {
    const drill *d;
    runner_task *task;
    runner_job job;
    char *code;
    unsigned char *mask;
    /* after a process died in a test, the tests after it run in another
     * (runner_tests_resume): what the runs so far found, and the job of
     * the one running now */
    run_result sofar;
    int have_sofar;
    runner_job rest;
    unsigned char *rest_mask;
};

engine_ticket *engine_submit(const drill *d, const char *answer, int visible_only, drill_verdict *v)
{
    if (!judge_inline(d, answer, v))
        return NULL;
    char *code = kind_answer_code(d, answer, v);
    if (!code)
        return NULL;
    engine_ticket *t = xcalloc(1, sizeof *t);
    t->d = d;
    t->code = code;
    t->mask = visible_mask(d, visible_only);
    grade_make_job(d, t->code, t->mask, &t->job);
    t->job.tracebacks = 1; /* the quiz shows the first one */
    t->task = runner_spawn(&t->job);
    return t;
}

int engine_ticket_pollfds(engine_ticket *t, struct pollfd *p, int max)
{
    return runner_task_pollfds(t->task, p, max);
}

int engine_ticket_timeout(engine_ticket *t)
{
    return runner_task_timeout(t->task);
}

static void ticket_free(engine_ticket *t)
{
    if (t->have_sofar)
        run_result_free(&t->sofar);
    free(t->rest_mask);
    free(t->code);
    free(t->mask);
    free(t);
}

/* What a candidate may see of hidden tests: their name and status. */
static void strip_hidden(drill_verdict *v)
{
    for (size_t i = 0; i < v->ntests; i++) {
        test_verdict *tv = &v->tests[i];
        if (!tv->hidden)
            continue;
        free(tv->expected);
        free(tv->got);
        free(tv->message);
        tv->expected = tv->got = tv->message = NULL;
    }
}

int engine_ticket_step(engine_ticket *t, drill_verdict *v)
{
    if (!runner_task_step(t->task))
        return 0;
    run_result r;
    runner_task_finish(t->task, &r);
    t->task = NULL;
    unsigned char *next = NULL;
    int again = runner_tests_resume(t->have_sofar ? &t->rest : &t->job, &r, &next);
    if (!t->have_sofar) {
        t->sofar = r;
        t->have_sofar = 1;
    } else {
        runner_tests_merge(&t->sofar, &r, &t->job, t->rest_mask);
        run_result_free(&r);
    }
    free(t->rest_mask);
    t->rest_mask = next;
    if (again) {
        t->rest = t->job;
        t->rest.run_mask = t->rest_mask;
        t->task = runner_spawn(&t->rest);
        return 0;
    }
    grade_tests(t->d, &t->sofar, t->mask, v);
    if (v->time_ms <= 0)
        v->time_ms = t->sofar.time_ms;
    strip_hidden(v);
    ticket_free(t);
    return 1;
}

void engine_ticket_cancel(engine_ticket *t)
{
    if (!t)
        return;
    if (t->task)
        runner_task_cancel(t->task);
    ticket_free(t);
}

/* ---- traces ---- */

struct engine_tracing {
    const drill *d;
    const char *code;
    runner_job job;
    runner_task *task;
};

engine_tracing *engine_trace_start(const drill *d, const char *code, char **err)
{
    if (!code)
        code = d->code;
    if (!code) {
        *err = xasprintf("drill %s has no code to trace: give the code to trace with --code FILE", d->id);
        return NULL;
    }
    engine_tracing *t = xcalloc(1, sizeof *t);
    t->d = d;
    t->code = code;
    t->job = (runner_job){
        .kind = JOB_TRACE,
        .limits = d->limits,
        .source = code,
        .repl = d->repl, /* only a predict drill has a mode */
    };
    t->task = runner_spawn(&t->job);
    return t;
}

int engine_trace_pollfds(engine_tracing *t, struct pollfd *p, int max)
{
    return runner_task_pollfds(t->task, p, max);
}

int engine_trace_timeout(engine_tracing *t)
{
    return runner_task_timeout(t->task);
}

int engine_trace_step(engine_tracing *t)
{
    return runner_task_step(t->task);
}

char *engine_trace_finish(engine_tracing *t)
{
    run_result r;
    runner_task_finish(t->task, &r);
    tracedoc_run run = {
        .drill = t->d->id,
        .python = runner_python_version(),
        .code = t->code,
        .status = run_status_name(r.status),
        .message = r.message,
        .records = r.trace,
        .records_len = r.trace_len,
        .out = r.out,
    };
    char *json = tracedoc_build(&run);
    run_result_free(&r);
    free(t);
    return json;
}

void engine_trace_cancel(engine_tracing *t)
{
    if (!t)
        return;
    runner_task_cancel(t->task);
    free(t);
}

int engine_trace(const drill *d, const char *code, char **json, char **err)
{
    *json = NULL;
    engine_tracing *t = engine_trace_start(d, code, err);
    if (!t)
        return -1;
    while (runner_wait_any(&t->task, 1, -1) < 0)
        ;
    *json = engine_trace_finish(t);
    return 0;
}

/* ---- batches ---- */

typedef struct {
    size_t id;
    submission_verdict *sv;
    size_t remaining; /* drills waiting for a worker */
    int used;
} inflight;

struct engine_batch {
    const catalog *c;
    pool *pool;
    inflight *slots; /* a pool ticket is an index here */
    size_t nslots;
    size_t *free_slots;
    size_t nfree;
    size_t busy;
    size_t *done; /* ids complete, not yet taken */
    size_t ndone, done_cap;
    size_t graded; /* answers of the kinds children grade, judged so far */
};

engine_batch *engine_batch_start(const catalog *c, int workers, char **err)
{
    engine_batch *b = xcalloc(1, sizeof *b);
    b->c = c;
    b->pool = pool_start(c, workers, err);
    if (!b->pool) {
        free(b);
        return NULL;
    }
    return b;
}

static void mark_done(engine_batch *b, size_t id)
{
    if (b->ndone == b->done_cap) {
        b->done_cap = b->done_cap ? b->done_cap * 2 : 16;
        b->done = xrealloc(b->done, b->done_cap * sizeof *b->done);
    }
    b->done[b->ndone++] = id;
}

static size_t take_slot(engine_batch *b)
{
    if (b->nfree)
        return b->free_slots[--b->nfree];
    b->slots = xrealloc(b->slots, (b->nslots + 1) * sizeof *b->slots);
    b->free_slots = xrealloc(b->free_slots, (b->nslots + 1) * sizeof *b->free_slots);
    memset(&b->slots[b->nslots], 0, sizeof *b->slots);
    return b->nslots++;
}

void engine_batch_add(engine_batch *b, size_t id, const submission *s, submission_verdict *sv)
{
    const catalog *c = b->c;
    sv->ndrills = c->ndrills;
    sv->drills = xcalloc(c->ndrills ? c->ndrills : 1, sizeof *sv->drills);
    size_t slot = take_slot(b);
    inflight *f = &b->slots[slot];
    f->id = id;
    f->sv = sv;
    f->remaining = 0;
    f->used = 1;
    b->busy++;
    for (size_t d = 0; d < c->ndrills; d++) {
        const drill *dr = &c->drills[d];
        const char *ans = submission_get(s, dr->id);
        char *code = judge_inline(dr, ans, &sv->drills[d]) ? kind_answer_code(dr, ans, &sv->drills[d]) : NULL;
        if (code) {
            pool_submit(b->pool, slot, d, code);
            f->remaining++;
            free(code);
        } else if (kind_get(dr->kind)->runs_answer && !dr->skip_reason) {
            b->graded++;
        }
    }
    if (f->remaining == 0) {
        f->used = 0;
        b->busy--;
        b->free_slots[b->nfree++] = slot;
        mark_done(b, id);
    }
}

size_t engine_batch_graded(const engine_batch *b)
{
    return b->graded;
}

size_t engine_batch_inflight(const engine_batch *b)
{
    return b->busy;
}

static void take_results(engine_batch *b)
{
    pool_result res[RESULTS_PER_STEP];
    size_t n;
    while ((n = pool_step(b->pool, res, RESULTS_PER_STEP)) > 0) {
        for (size_t i = 0; i < n; i++) {
            inflight *f = res[i].ticket < b->nslots ? &b->slots[res[i].ticket] : NULL;
            if (!f || !f->used || res[i].drill >= f->sv->ndrills) {
                drill_verdict_free(&res[i].v);
                continue;
            }
            drill_verdict *v = &f->sv->drills[res[i].drill];
            drill_verdict_free(v);
            *v = res[i].v;
            if (v->internal && !f->sv->error)
                /* the submission is reported as not graded (exit 2), so
                 * that no candidate is marked down for the grader's failure */
                f->sv->error = xasprintf("pydrill could not grade %s: %s (a failure of the grader's, "
                                         "not of the answer; grade it again)",
                                         v->drill ? v->drill->id : "a drill",
                                         v->message ? v->message : "unknown reason");
            b->graded++;
            if (--f->remaining == 0) {
                f->used = 0;
                b->busy--;
                b->free_slots[b->nfree++] = res[i].ticket;
                mark_done(b, f->id);
            }
        }
        if (n < RESULTS_PER_STEP)
            break;
    }
}

size_t engine_batch_wait(engine_batch *b, size_t *ids, size_t max, int timeout_ms)
{
    take_results(b);
    if (!b->ndone && b->busy) {
        struct pollfd pfds[256];
        int n = pool_pollfds(b->pool, pfds, (int)ARRAY_SIZE(pfds));
        if (poll(pfds, (nfds_t)n, timeout_ms) < 0 && errno != EINTR)
            return 0;
        take_results(b);
    }
    size_t n = b->ndone < max ? b->ndone : max;
    if (n) {
        memcpy(ids, b->done, n * sizeof *ids);
        memmove(b->done, b->done + n, (b->ndone - n) * sizeof *b->done);
        b->ndone -= n;
    }
    return n;
}

void engine_batch_free(engine_batch *b)
{
    if (!b)
        return;
    pool_stop(b->pool);
    free(b->slots);
    free(b->free_slots);
    free(b->done);
    free(b);
}
