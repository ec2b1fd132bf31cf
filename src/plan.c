/* plan.c - the per-batch work that does not depend on any answer: requires,
 * expected values and predict truths. Author code runs in children too. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "pyversion.h"
#include "runner.h"
#include "util.h"

static void requires(drill *dr, diag *d, int *rc)
{
    char *err = NULL;
    if (dr->req_python) {
        int s = pyversion_satisfies(dr->req_python, runner_python_hexversion(), &err);
        if (s < 0) {
            diag_add(d, "%s: drill %s: error: %s", dr->pack_path, dr->id, err);
            free(err);
            *rc = -1;
            return;
        }
        if (!s) {
            dr->skip_reason = xasprintf("needs Python %s (this is %s)", dr->req_python,
                                        runner_python_version());
            return;
        }
    }
    if (!dr->nreq_modules)
        return;
    runner_job job = { .kind = JOB_PROBE, .limits = dr->limits,
                       .exprs = (const char *const *)dr->req_modules, .nexprs = dr->nreq_modules };
    run_result r;
    runner_run(&job, &r);
    for (size_t i = 0; i < dr->nreq_modules && !dr->skip_reason; i++) {
        const test_outcome *o = &r.outcomes[i];
        if (o->kind == OUT_VALUE)
            continue;
        dr->skip_reason = o->kind == OUT_RAISED
                              ? xasprintf("needs module %s (%s: %s)", dr->req_modules[i], o->exc_type,
                                          o->exc_msg ? o->exc_msg : "")
                              : xasprintf("needs module %s (%s)", dr->req_modules[i],
                                          r.message ? r.message : "could not import it");
    }
    run_result_free(&r);
}

static void expected_values(drill *dr, diag *d, int *rc)
{
    size_t n = 0;
    const char **exprs = xcalloc(dr->ntests ? dr->ntests : 1, sizeof *exprs);
    size_t *which = xcalloc(dr->ntests ? dr->ntests : 1, sizeof *which);
    for (size_t i = 0; i < dr->ntests; i++) {
        drill_test *t = &dr->tests[i];
        value_free(t->expect_value);
        t->expect_value = NULL;
        free(t->expect_error);
        t->expect_error = NULL;
        if (t->expect) {
            which[n] = i;
            exprs[n++] = t->expect;
        }
    }
    if (n) {
        runner_job job = { .kind = JOB_EVAL, .limits = dr->limits, .exprs = exprs, .nexprs = n };
        run_result r;
        runner_run(&job, &r);
        for (size_t k = 0; k < n; k++) {
            drill_test *t = &dr->tests[which[k]];
            test_outcome *o = &r.outcomes[k];
            if (o->kind == OUT_VALUE) {
                t->expect_value = o->value;
                o->value = NULL;
                continue;
            }
            if (o->kind == OUT_RAISED)
                t->expect_error = xasprintf("expect `%s` raised %s: %s", t->expect, o->exc_type,
                                            o->exc_msg ? o->exc_msg : "");
            else if (o->kind == OUT_NOTPLAIN)
                t->expect_error = xasprintf("expect `%s` is not a plain value: %s", t->expect, o->reason);
            else
                t->expect_error = xasprintf("expect `%s` could not be evaluated: %s", t->expect,
                                            r.message ? r.message : run_status_name(r.status));
            diag_add(d, "%s: drill %s: error: test \"%s\": %s", dr->pack_path, dr->id, t->name,
                     t->expect_error);
            *rc = -1;
        }
        run_result_free(&r);
    }
    free(exprs);
    free(which);
}

static void predict_truth(drill *dr, diag *d, int *rc)
{
    free(dr->truth);
    free(dr->truth_error);
    dr->truth = dr->truth_error = NULL;
    runner_job job = { .kind = JOB_PREDICT, .limits = dr->limits, .source = dr->code, .repl = dr->repl };
    run_result r;
    runner_run(&job, &r);
    if (r.status == RUN_OK && r.out) {
        dr->truth = grade_normalize_output(r.out, r.out_len);
    } else {
        dr->truth_error = xasprintf("the snippet did not run to the end: %s",
                                    r.message ? r.message : run_status_name(r.status));
        diag_add(d, "%s: drill %s: error: %s", dr->pack_path, dr->id, dr->truth_error);
        *rc = -1;
    }
    run_result_free(&r);
}

int plan_drill(drill *dr, diag *d)
{
    int rc = 0;
    free(dr->skip_reason);
    dr->skip_reason = NULL;
    requires(dr, d, &rc);
    if (dr->skip_reason || rc < 0)
        return rc;
    if (dr->kind == KIND_FIX || dr->kind == KIND_WRITE)
        expected_values(dr, d, &rc);
    else if (dr->kind == KIND_PREDICT && dr->code)
        predict_truth(dr, d, &rc);
    return rc;
}

int plan_prepare(catalog *c, diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < c->ndrills; i++)
        if (plan_drill(&c->drills[i], d) < 0)
            rc = -1;
    return rc;
}
