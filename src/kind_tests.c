/* kind_tests.c - what the kinds graded by tests share (fix, write,
 * parsons): reading the tests, planning their expected values, and the
 * proofs `check` makes with answers (the solution passes, the starter and
 * the wrong answers fail). */
#define _GNU_SOURCE
#include "kind_tests.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "runner.h"
#include "textdiff.h"
#include "util.h"

/* how many failing tests a `check` message names before "and N more" */
#define KIND_TESTS_FAILURES_SHOWN 3

static const char *const test_fields[] = { "name", "setup", "expr", "expect", "raises",
                                           "stdout", "tolerance", "hidden", NULL };

static void vparse_test(vctx *v, const cJSON *j, drill_test *t)
{
    vscope saved = vfields(v, j, test_fields);
    t->name = vget_str(v, j, "name", V_REQUIRED | V_NONEMPTY);
    t->setup = vget_str(v, j, "setup", 0);
    t->expr = vget_str(v, j, "expr", V_REQUIRED | V_NONEMPTY);
    t->expect = vget_str(v, j, "expect", V_NONEMPTY);
    t->raises = vget_str(v, j, "raises", V_NONEMPTY);
    int has_expect = cJSON_HasObjectItem(j, "expect"), has_raises = cJSON_HasObjectItem(j, "raises");
    if (has_expect && has_raises)
        verr(v, NULL, "give either \"expect\" or \"raises\", not both");
    else if (!has_expect && !has_raises)
        vmissing(v, "expect", "raises");
    if (t->raises && !catalog_builtin_exception(t->raises)) {
        const char *guess = catalog_builtin_exception_like(t->raises);
        if (guess)
            verr(v, "raises", "%s is not a built-in exception class (did you mean \"%s\"?)",
                 vquote(v, t->raises), guess);
        else
            verr(v, "raises", "%s is not a built-in exception class, and raises names only those; to test "
                 "for a class of the answer's own, catch it in setup and check what was caught in expr",
                 vquote(v, t->raises));
    }
    t->stdout_expect = vget_str(v, j, "stdout", 0);
    const cJSON *tol = vget(v, j, "tolerance", J_NUM, 0);
    if (tol) {
        if (!isfinite(tol->valuedouble)) /* 1e400 reads as inf */
            verr(v, "tolerance", "must be a finite number >= 0, found %g", tol->valuedouble);
        else if (tol->valuedouble < 0)
            verr(v, "tolerance", "must be a number >= 0, found %g", tol->valuedouble);
        else
            t->tolerance = tol->valuedouble;
    }
    const cJSON *hid = vget(v, j, "hidden", J_BOOL, 0);
    t->hidden = hid && cJSON_IsTrue(hid);
    v->scope = saved;
}

static int cmp_test_names(const void *a, const void *b, void *arg)
{
    const drill_test *tests = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int r = strcmp(tests[i].name ? tests[i].name : "", tests[j].name ? tests[j].name : "");
    return r ? r : (i < j ? -1 : i > j);
}

/* Sorting, not pairwise comparison: a pack may hold 100,000 tests. */
static void vcheck_test_names(vctx *v, const drill_test *tests, size_t n)
{
    if (n < 2)
        return;
    size_t *order = xmalloc(n * sizeof *order), *first = xmalloc(n * sizeof *first);
    for (size_t i = 0; i < n; i++)
        order[i] = first[i] = i;
    qsort_r(order, n, sizeof *order, cmp_test_names, (void *)tests);
    for (size_t k = 1; k < n; k++) {
        const char *a = tests[order[k]].name, *b = tests[order[k - 1]].name;
        if (a && b && strcmp(a, b) == 0)
            first[order[k]] = first[order[k - 1]];
    }
    for (size_t i = 0; i < n; i++) {
        if (first[i] == i)
            continue;
        size_t mark = vpush_index(v, i);
        verr(v, "name", "duplicate test name %s (first in /tests/%zu)", vquote(v, tests[i].name),
             first[i]);
        vpop(v, mark);
    }
    free(order);
    free(first);
}

static void parse_tests(vctx *v, const cJSON *obj, drill *dr)
{
    const cJSON *arr = vget(v, obj, "tests", J_ARR, V_REQUIRED);
    if (!arr)
        return;
    size_t mark = vpush(v, "tests");
    int count = cJSON_GetArraySize(arr);
    if (count == 0)
        verr(v, NULL, "must have at least one test");
    dr->tests = xcalloc((size_t)count + 1, sizeof *dr->tests);
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m2 = vpush_index(v, i);
        if (cJSON_IsObject(it))
            vparse_test(v, it, &dr->tests[i]);
        else
            verr(v, NULL, "expected a test (an object), found %s", jsontext_type_name(it));
        vpop(v, m2);
    }
    dr->ntests = i;
    vcheck_test_names(v, dr->tests, dr->ntests);
    vpop(v, mark);
}


void kind_tests_parse(vctx *v, const cJSON *obj, drill *dr, int with_solution)
{
    parse_tests(v, obj, dr);
    if (!with_solution)
        return;
    dr->solution = vget_str(v, obj, "solution", V_REQUIRED | V_NONEMPTY);
    dr->wrong = vget_strv(v, obj, "wrong", V_NONEMPTY, &dr->nwrong);
}

/* A Python expression that compiles src in mode ('eval' or 'exec') and is
 * None, or raises SyntaxError: src as a bytes literal, every byte that
 * could end or bend it escaped. Caller frees. */
static char *compile_probe(const char *src, const char *mode)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "compile(b'");
    for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
        if (*p >= ' ' && *p < 0x7F && *p != '\\' && *p != '\'')
            sbuf_addch(&sb, (char)*p);
        else
            sbuf_addf(&sb, "\\x%02x", *p);
    }
    sbuf_addf(&sb, "', '<test>', '%s') and None", mode);
    return sbuf_detach(&sb, NULL);
}

/* "invalid syntax (<test>, line 1)" as "line 1: invalid syntax". */
static char *syntax_text(const char *msg)
{
    const char *tail = msg ? strstr(msg, " (<test>, line ") : NULL;
    if (!tail || tail[strlen(tail) - 1] != ')')
        return xstrdup(msg ? msg : "invalid syntax");
    const char *num = tail + strlen(" (<test>, line ");
    return xasprintf("line %.*s: %.*s", (int)(strlen(num) - 1), num, (int)(tail - msg), msg);
}

/* Each test's `expect`, evaluated once, in a child like an answer, before
 * any answer is graded; and each test's `expr` compiled as an expression
 * there too, so that a statement (`r = f(1)`) is the pack's error, said
 * where it is written, rather than every answer's: a test that cannot
 * grade leaves its drill out (engine.c), as a broken expect does. */
int kind_tests_plan(drill *dr, const kind_env *env, diag *d)
{
    int rc = 0;
    size_t n = 0, nexpects;
    size_t cap = 3 * dr->ntests + 1;
    const char **exprs = xcalloc(cap, sizeof *exprs);
    char **probes = xcalloc(cap, sizeof *probes);
    size_t *which = xcalloc(cap, sizeof *which);
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
    nexpects = n;
    for (size_t i = 0; i < dr->ntests; i++) {
        if (!dr->tests[i].expr)
            continue;
        which[n] = i;
        exprs[n] = probes[n] = compile_probe(dr->tests[i].expr, "eval");
        n++;
        exprs[n] = probes[n] = compile_probe(dr->tests[i].expr, "exec");
        n++;
    }
    if (n) {
        runner_job job = { .kind = JOB_EVAL, .limits = dr->limits, .exprs = exprs, .nexprs = n };
        run_result r;
        env->run(&job, &r);
        for (size_t k = 0; k < nexpects; k++) {
            drill_test *t = &dr->tests[which[k]];
            test_outcome *o = &r.outcomes[k];
            if (o->kind == OUT_VALUE) {
                t->expect_value = o->value;
                o->value = NULL;
                continue;
            }
            /* the author's text is quoted in part: an expect may be 600 KB */
            char *src = vctx_excerpt(t->expect), *name = vctx_excerpt(t->name);
            if (o->kind == OUT_RAISED)
                t->expect_error = xasprintf("expect `%s` raised %s: %s", src, o->exc_type,
                                            o->exc_msg ? o->exc_msg : "");
            else if (o->kind == OUT_NOTPLAIN)
                t->expect_error = xasprintf("expect `%s` is not a plain value: %s", src, o->reason);
            else
                t->expect_error = xasprintf("expect `%s` could not be evaluated: %s", src,
                                            r.message ? r.message : run_status_name(r.status));
            diag_add(d, "%s: drill %s: error: test \"%s\": %s", dr->pack_path, dr->id, name, t->expect_error);
            free(src);
            free(name);
            rc = -1;
        }
        for (size_t k = nexpects; k + 1 < n; k += 2) {
            drill_test *t = &dr->tests[which[k]];
            const test_outcome *as_expr = &r.outcomes[k], *as_stmt = &r.outcomes[k + 1];
            /* only a SyntaxError says something of the text; anything
             * else (the child lost) leaves the test to run as it is */
            if (as_expr->kind != OUT_RAISED || !as_expr->exc_type || strcmp(as_expr->exc_type, "SyntaxError"))
                continue;
            char *src = vctx_excerpt(t->expr), *why;
            if (as_stmt->kind == OUT_VALUE)
                why = xasprintf("not an expression: `%s` is a statement; expr is what the test compares "
                                "(a statement goes in setup)", src);
            else {
                char *where = syntax_text(as_expr->exc_msg);
                why = xasprintf("expr `%s` does not compile: %s", src, where);
                free(where);
            }
            diag_add(d, "%s: /drills/%zu/tests/%zu/expr: error: %s", dr->pack_path, dr->index, which[k], why);
            if (!t->expect_error)
                t->expect_error = why;
            else
                free(why);
            free(src);
            rc = -1;
        }
        run_result_free(&r);
    }
    for (size_t k = 0; k < n; k++)
        free(probes[k]);
    free(probes);
    free(exprs);
    free(which);
    return rc;
}

char *kind_tests_code_of(const drill *d, const char *answer, char **err)
{
    (void)d, (void)err;
    return xstrdup(answer);
}

/* The tests an answer fails, each with its own status and message, hidden
 * ones named too: `check` speaks to the author, who may see them. The
 * drill's status is the worst of its tests', so it would label one test
 * with another's. */
static char *failures_text(const drill_verdict *v)
{
    sbuf sb;
    sbuf_init(&sb);
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        if (t->st == ST_PASS)
            continue;
        if (shown == KIND_TESTS_FAILURES_SHOWN) {
            more++;
            continue;
        }
        char *name = vctx_excerpt(t->name);
        sbuf_addf(&sb, "%s%stest \"%s\" (%s)", shown ? "; and " : "", t->hidden ? "hidden " : "", name,
                  status_name(t->st));
        if (t->message)
            sbuf_addf(&sb, ": %s", t->message);
        /* "expected 'café', got 'café'": say where they differ */
        char *where = t->st == ST_FAIL && t->expected && t->got
                          ? textdiff_hidden(t->expected, strlen(t->expected), t->got, strlen(t->got))
                          : NULL;
        if (where)
            sbuf_addf(&sb, " (%s)", where);
        free(where);
        free(name);
        shown++;
    }
    if (more)
        sbuf_addf(&sb, "; and %zu more", more);
    if (!shown) {
        sbuf_release(&sb);
        return NULL;
    }
    return sbuf_detach(&sb, NULL);
}

int kind_tests_passes(const drill *d, const char *answer, const char *what, const kind_check_env *env, diag *dg)
{
    drill_verdict v;
    env->judge(d, answer, &v);
    int ok = v.st == ST_PASS;
    char *which = NULL;
    if (ok) {
        /* nothing to say */
    } else if (v.st == ST_SYNTAX) { /* each test says only "does not compile"; the drill says where */
        diag_add(dg, "%s: drill %s: error: %s does not compile: %s", d->pack_path, d->id, what,
                 v.message ? v.message : "");
    } else if ((which = failures_text(&v)) != NULL) {
        diag_add(dg, "%s: drill %s: error: %s fails %s", d->pack_path, d->id, what, which);
    } else {
        diag_add(dg, "%s: drill %s: error: %s does not pass (%s): %s", d->pack_path, d->id, what,
                 status_name(v.st), v.message ? v.message : "");
    }
    free(which);
    drill_verdict_free(&v);
    return ok;
}

static int fails(const drill *d, const char *answer, const char *what, int must_compile, const kind_check_env *env,
                 diag *dg)
{
    drill_verdict v;
    env->judge(d, answer, &v);
    int ok = v.st != ST_PASS && !(must_compile && v.st == ST_SYNTAX);
    if (v.st == ST_PASS)
        diag_add(dg, "%s: drill %s: error: %s already passes every test", d->pack_path, d->id, what);
    else if (!ok)
        diag_add(dg, "%s: drill %s: error: %s does not compile: %s", d->pack_path, d->id, what,
                 v.message ? v.message : "");
    drill_verdict_free(&v);
    return ok;
}

int kind_tests_fails(const drill *d, const char *answer, const char *what, const kind_check_env *env, diag *dg)
{
    return fails(d, answer, what, 0, env, dg);
}

int kind_tests_starter_fails(const drill *d, const char *code, const char *what, const kind_check_env *env,
                             diag *dg)
{
    return fails(d, code, what, 1, env, dg);
}

/* Whether a failing answer fails only for a reason no test is about: a
 * NameError (a misspelt name: a right answer spelt wrong fails so too)
 * or a crash in every test it fails; or a limit
 * (time, memory, output) in every test, passing none (`while True: pass`;
 * an answer that is right but too slow passes the small tests, and its
 * timeout in the big one is the proof). */
static int fails_unrelated(const drill_verdict *v)
{
    size_t failing = 0, limits = 0;
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        if (t->st == ST_PASS)
            continue;
        failing++;
        if (t->st == ST_TIMEOUT || t->st == ST_MEMORY || t->st == ST_OUTPUT)
            limits++;
        else if (t->st != ST_CRASH && /* denied is the proof a cheat is caught */
                 !(t->st == ST_ERROR && t->got && !strncmp(t->got, "NameError:", strlen("NameError:"))))
            return 0;
    }
    return failing > 0 && (limits == 0 || failing == v->ntests);
}

/* Each `wrong` answer must fail at least one test: the proof that the
 * tests catch the mistakes the drill is about. One that does not compile,
 * or fails only for a reason no test is about, proves nothing, so it is
 * reported too, with how it failed. */
int kind_tests_wrong_fail(const drill *d, const kind_check_env *env, diag *dg)
{
    int ok = 1;
    for (size_t i = 0; i < d->nwrong; i++) {
        drill_verdict v;
        env->judge(d, d->wrong[i], &v);
        char *how = NULL;
        if (v.st == ST_PASS) {
            diag_add(dg, "%s: drill %s: error: wrong answer %zu passes every test", d->pack_path, d->id, i);
            ok = 0;
        } else if (v.st == ST_SYNTAX) {
            diag_add(dg, "%s: drill %s: error: wrong answer %zu does not compile, so it proves nothing: %s",
                     d->pack_path, d->id, i, v.message ? v.message : "");
            ok = 0;
        } else if (fails_unrelated(&v) && (how = failures_text(&v)) != NULL) {
            diag_add(dg, "%s: drill %s: error: wrong answer %zu proves nothing: it fails only for a reason no "
                         "test is about (a misspelt name, a hang, a crash): %s; make it fail by the mistake "
                         "the drill is about",
                     d->pack_path, d->id, i, how);
            ok = 0;
        }
        free(how);
        drill_verdict_free(&v);
    }
    return ok;
}

void kind_tests_show(const drill *d, int solution, FILE *out)
{
    size_t hidden = 0;
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->ntests; i++) {
        const drill_test *t = &d->tests[i];
        if (t->hidden && !solution) {
            hidden++;
            continue;
        }
        if (!sb.len)
            sbuf_addstr(&sb, "\nTests:\n");
        /* each part of several lines goes on under its own first line */
        sbuf_addf(&sb, "    %s%s: ", t->name, t->hidden ? " (hidden)" : "");
        if (t->setup) {
            sbuf_addstr(&sb, "after `");
            kind_show_hanging(&sb, t->setup);
            sbuf_addstr(&sb, "`, ");
        }
        sbuf_addch(&sb, '`');
        kind_show_hanging(&sb, t->expr);
        if (t->raises) {
            sbuf_addf(&sb, "` raises %s\n", t->raises);
        } else {
            sbuf_addstr(&sb, "` == ");
            kind_show_hanging(&sb, t->expect);
            sbuf_addch(&sb, '\n');
        }
        /* blank lines at either end are dropped when output is compared
         * (SPEC 3.2): "" or "\n" asks for no output at all */
        if (t->stdout_expect && !t->stdout_expect[strspn(t->stdout_expect, " \t\r\n")]) {
            sbuf_addstr(&sb, "        and prints nothing\n");
        } else if (t->stdout_expect) {
            sbuf_addstr(&sb, "        and prints: ");
            kind_show_hanging(&sb, t->stdout_expect);
            sbuf_addch(&sb, '\n');
        }
    }
    if (hidden)
        sbuf_addf(&sb, "    and %zu hidden test%s\n", hidden, hidden == 1 ? "" : "s");
    /* the author's proofs that the tests catch the mistakes: theirs to
     * review with the solution, never a candidate's to see */
    for (size_t i = 0; solution && i < d->nwrong; i++) {
        sbuf_addf(&sb, "\nWrong answer %zu (must fail a test):\n", i);
        for (const char *p = d->wrong[i]; *p;) {
            size_t n = strcspn(p, "\n");
            sbuf_addf(&sb, "%s%.*s\n", n ? "    " : "", (int)n, p);
            p += n + (p[n] == '\n');
        }
    }
    fputs(sb.buf ? sb.buf : "", out);
    sbuf_release(&sb);
}
