/* plan.c - the per-batch work that does not depend on any answer: requires,
 * then each kind's own part (kind.h: predict truths, expected values).
 * Author code runs in children too. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "kind.h"
#include "libguard.h"
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
    /* a `raises` of a class new in a later Python: no answer can meet it
     * here, so the drill cannot be graded here, as with requires.python */
    unsigned long minor = (runner_python_hexversion() >> 16) & 0xff;
    for (size_t i = 0; i < dr->ntests; i++) {
        const drill_test *t = &dr->tests[i];
        int since = t->raises ? catalog_builtin_exception_since(t->raises) : 0;
        if ((unsigned long)since <= minor)
            continue;
        dr->skip_reason = t->hidden ? xasprintf("needs Python >=3.%d (a hidden test expects an exception class "
                                                "new in 3.%d; this is %s)", since, since, runner_python_version())
                                    : xasprintf("needs Python >=3.%d (test \"%s\" expects %s, new in 3.%d; this "
                                                "is %s)", since, t->name, t->raises, since, runner_python_version());
        return;
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
        /* A module the sandbox refuses on every machine (ctypes): not one
         * this machine lacks, but a drill that can never run anywhere,
         * so the pack's mistake (check fails it), as well as skipped. */
        if (o->kind == OUT_RAISED && o->denied) {
            diag_add(d, "%s: drill %s: error: requires.modules names %s, which the sandbox never lets code "
                        "import (%s): the drill could never run; make it a choice or explain drill",
                     dr->pack_path, dr->id, dr->req_modules[i], o->exc_msg ? o->exc_msg : "denied");
            *rc = -1;
        }
        dr->skip_reason = o->kind == OUT_RAISED
                              ? xasprintf("needs module %s (%s: %s)", dr->req_modules[i], o->exc_type,
                                          o->exc_msg ? o->exc_msg : "")
                              : xasprintf("needs module %s (%s)", dr->req_modules[i],
                                          r.message ? r.message : "could not import it");
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
    const kind_ops *ops = kind_get(dr->kind);
    static const kind_env env = { .run = runner_run };
    if (ops && ops->plan && ops->plan(dr, &env, d) < 0)
        rc = -1;
    /* What the tests import is loaded now, before any answer, so that the
     * library guard holds it as loaded (libguard.h). */
    if (dr->ntests) {
        const char **srcs = xcalloc(2 * dr->ntests, sizeof *srcs);
        for (size_t i = 0; i < dr->ntests; i++) {
            srcs[2 * i] = dr->tests[i].setup;
            srcs[2 * i + 1] = dr->tests[i].expr;
        }
        if (libguard_preload(srcs, 2 * dr->ntests) < 0)
            rc = -1;
        free(srcs);
    }
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
