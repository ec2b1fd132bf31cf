/* test_grade.c - statuses, scores and verdicts (SPEC 3), with drills,
 * values and run results built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "kind.h"
#include "runner.h"
#include "util.h"

/* ---- hand-built values ---- */

#define INT(name, s) value name = { .type = VAL_INT, .text = (char *)(s), .len = sizeof(s) - 1 }
#define FLT(name, x) value name = { .type = VAL_FLOAT, .f = (x) }

static void assert_has(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("expected \"%s\" in \"%s\"", needle, hay ? hay : "(null)");
}

static test_outcome val_out(value *v)
{
    return (test_outcome){ .kind = OUT_VALUE, .value = v };
}

static test_outcome raised_out(char *type, char *msg, char **builtins, size_t nb)
{
    return (test_outcome){ .kind = OUT_RAISED, .exc_type = type, .exc_msg = msg,
                           .exc_builtins = builtins, .nexc_builtins = nb };
}

static run_result ok_run(test_outcome *o, size_t n)
{
    run_result r;
    memset(&r, 0, sizeof(r));
    r.status = RUN_OK;
    r.outcomes = o;
    r.noutcomes = n;
    r.time_ms = 1.5;
    return r;
}

static drill mk_drill(drill_kind k, drill_test *t, size_t n)
{
    drill d;
    memset(&d, 0, sizeof(d));
    d.id = "d";
    d.kind = k;
    d.tests = t;
    d.ntests = n;
    d.limits = (drill_limits){ 1234, 64, 8 };
    d.pass_score = 0.6;
    return d;
}

/* ---- statuses ---- */

static void test_status_names(void **state)
{
    static const char *names[] = { "pass", "fail", "error", "syntax", "timeout", "memory",
                                   "output", "denied", "crash", "skipped", "missing" };
    static const status sts[] = { ST_PASS, ST_FAIL, ST_ERROR, ST_SYNTAX, ST_TIMEOUT, ST_MEMORY,
                                  ST_OUTPUT, ST_DENIED, ST_CRASH, ST_SKIPPED, ST_MISSING };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        status s = ST_PASS;
        assert_string_equal(status_name(sts[i]), names[i]);
        assert_int_equal(status_parse(names[i], &s), 0);
        assert_int_equal(s, sts[i]);
    }
    status s;
    assert_int_equal(status_parse("PASS", &s), -1);
    assert_int_equal(status_parse("passed", &s), -1);
    assert_int_equal(status_parse("", &s), -1);
}

static void test_status_worst_precedence(void **state)
{
    /* SPEC 3.1, strongest first */
    static const status order[] = { ST_SYNTAX, ST_DENIED, ST_CRASH, ST_MEMORY, ST_TIMEOUT,
                                    ST_OUTPUT, ST_ERROR, ST_FAIL, ST_PASS };
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        assert_int_equal(status_worst(order[i], order[i]), order[i]);
        for (size_t j = i + 1; j < ARRAY_SIZE(order); j++) {
            assert_int_equal(status_worst(order[i], order[j]), order[i]);
            assert_int_equal(status_worst(order[j], order[i]), order[i]);
        }
    }
}

/* ---- predict ---- */

static void test_predict_verdicts(void **state)
{
    drill d = mk_drill(KIND_PREDICT, NULL, 0);
    d.truth = "[1]\n[1, 2]\nTrue";
    drill_verdict v;
    drill_verdict_init(&v, &d);

    grade_predict(&d, "\n[1]\n[1, 2]   \nTrue\n\n", &v);
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 1.0);
    assert_ptr_equal(v.drill, &d);

    grade_predict(&d, "[1]\n[2]\nTrue", &v); /* reusing v must not leak */
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 2.0 / 3.0);
    assert_has(v.message, "line 2");
    assert_has(v.message, "[1, 2]");
    assert_has(v.message, "[2]");

    grade_predict(&d, "[1]\n[1, 2]", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_has(v.message, "line 3");
    assert_has(v.message, "True");

    grade_predict(&d, "", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);

    d.truth = NULL;
    d.truth_error = "predict snippet timed out";
    grade_predict(&d, "[1]", &v);
    assert_int_equal(v.st, ST_ERROR);
    assert_true(v.score == 0.0);
    assert_string_equal(v.message, "predict snippet timed out");
    drill_verdict_free(&v);
}

/* ---- choice ---- */

static void check_choice(const char *in, size_t nchoices, const int *want, size_t nwant)
{
    int *idx = NULL;
    size_t n = 99;
    char *err = NULL;
    if (grade_parse_choice(in, nchoices, &idx, &n, &err) != 0)
        fail_msg("\"%s\": %s", in, err);
    assert_null(err);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(idx[i], want[i]);
    free(idx);
}

static void check_choice_err(const char *in, size_t nchoices, const char *msg_part)
{
    int *idx = (int *)1;
    size_t n = 99;
    char *err = NULL;
    assert_int_equal(grade_parse_choice(in, nchoices, &idx, &n, &err), -1);
    assert_null(idx);
    assert_int_equal(n, 0);
    assert_has(err, msg_part);
    free(err);
}

static void test_parse_choice(void **state)
{
    check_choice("A, c", 4, (int[]){ 0, 2 }, 2);
    check_choice("b c", 4, (int[]){ 1, 2 }, 2);
    check_choice("b,,c", 4, (int[]){ 1, 2 }, 2);
    check_choice("c,a,C", 4, (int[]){ 0, 2 }, 2); /* sorted, duplicates merged */
    check_choice("  b\n", 4, (int[]){ 1 }, 1);
    check_choice("h", 8, (int[]){ 7 }, 1);
    check_choice_err("z", 4, "'z'");
    check_choice_err("e", 4, "a-d");
    check_choice_err("i", 8, "'i'");
    check_choice_err("", 4, "no choice");
    check_choice_err(" , ", 4, "no choice");
    check_choice_err("ab", 4, "unexpected");
    check_choice_err("b;c", 4, "unexpected");
    check_choice_err("1", 4, "unexpected");
    check_choice_err("\xc3\xa9", 4, "unexpected");
}

static void test_choice_verdicts(void **state)
{
    static char *choices[] = { "w", "x", "y", "z" };
    static int answer[] = { 0, 2 };
    drill d = mk_drill(KIND_CHOICE, NULL, 0);
    d.choices = choices;
    d.nchoices = 4;
    d.answer = answer;
    d.nanswer = 2;
    drill_verdict v;
    drill_verdict_init(&v, &d);

    grade_choice(&d, "C a", &v);
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 1.0);

    grade_choice(&d, "a", &v); /* a subset is wrong */
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);
    assert_has(v.message, "a, c");

    grade_choice(&d, "a,b,c", &v); /* a superset too */
    assert_int_equal(v.st, ST_FAIL);

    grade_choice(&d, "q", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);
    assert_has(v.message, "'q'");
    assert_has(v.message, "a, c");
    drill_verdict_free(&v);
}

/* ---- explain ---- */

static void test_explain(void **state)
{
    static char *k0[] = { "reference count", "refcount" };
    static char *k1[] = { "cycle" };
    static char *k2[] = { "GIL" };
    static char *k3[] = { "caf\xc3\xa9" };
    static char *k4[] = { "weakref" };
    static rubric_point rubric[] = {
        { "counts references", k0, 2, NULL, 0 }, { "cycle collector", k1, 1, NULL, 0 },
        { "the GIL", k2, 1, NULL, 0 },           { "the cafe", k3, 1, NULL, 0 },
        { "weak references", k4, 1, NULL, 0 },
    };
    drill d = mk_drill(KIND_EXPLAIN, NULL, 0);
    d.rubric = rubric;
    d.nrubric = 5;
    d.pass_score = 0.6;
    drill_verdict v;
    drill_verdict_init(&v, &d);

    /* 3 of 5 against 0.6 passes; case ignored; UTF-8 around does not break */
    grade_explain(&d, "\xc3\x9c" "ber: REFCOUNT drops, the gil is held, CYCLES get found", &v);
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 3.0 / 5.0);
    assert_has(v.message, "the cafe");
    assert_has(v.message, "weak references");

    /* answers are sentences: a list of keywords fails whatever it names (test_rubric.c) */
    grade_explain(&d, "the refcount and the gil are there", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 2.0 / 5.0);
    assert_has(v.message, "cycle collector");

    /* ASCII folding inside a UTF-8 keyword */
    grade_explain(&d, "the CAF\xc3\xa9 has a weakref", &v);
    assert_true(v.score == 2.0 / 5.0);
    assert_has(v.message, "counts references");
    assert_null(strstr(v.message, "the cafe"));

    grade_explain(&d, "", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);

    /* 7 of 10 against 0.7 passes too */
    static rubric_point ten[10];
    static char *kw[10][1] = { { "k0" }, { "k1" }, { "k2" }, { "k3" }, { "k4" },
                               { "k5" }, { "k6" }, { "k7" }, { "k8" }, { "k9" } };
    for (int i = 0; i < 10; i++)
        ten[i] = (rubric_point){ "p", kw[i], 1, NULL, 0 };
    d.rubric = ten;
    d.nrubric = 10;
    d.pass_score = 0.7;
    grade_explain(&d, "it has k0 and k1 and k2 and k3 and k4 and k5 and k6", &v);
    assert_int_equal(v.st, ST_PASS);
    grade_explain(&d, "it has k0 and k1 and k2 and k3 and k4 and k5", &v);
    assert_int_equal(v.st, ST_FAIL);
    /* a threshold a rounding error above 3/10 still passes 3 of 10 */
    volatile double a = 0.1, b = 0.2;
    d.pass_score = a + b;
    assert_true(d.pass_score > 3.0 / 10.0);
    grade_explain(&d, "it has k0 and k1 and k2", &v);
    assert_int_equal(v.st, ST_PASS);
    grade_explain(&d, "it has k0 and k1", &v);
    assert_int_equal(v.st, ST_FAIL);
    drill_verdict_free(&v);
}

/* ---- missing, skipped, jobs ---- */

static void test_missing_skipped(void **state)
{
    drill d = mk_drill(KIND_FIX, NULL, 0);
    d.skip_reason = "requires python >=3.12";
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_missing(&d, &v);
    assert_int_equal(v.st, ST_MISSING);
    assert_true(v.score == 0.0);
    grade_skipped(&d, &v);
    assert_int_equal(v.st, ST_SKIPPED);
    assert_true(v.score == 0.0);
    assert_string_equal(v.message, "requires python >=3.12");
    drill_verdict_free(&v);
}

static void test_needs_run_and_job(void **state)
{
    static const drill_kind kinds[] = { KIND_PREDICT, KIND_FIX, KIND_WRITE, KIND_CHOICE, KIND_EXPLAIN, KIND_PARSONS };
    static const int needs[] = { 0, 1, 1, 0, 0, 1 };
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        assert_int_equal(kind_get(kinds[i])->runs_answer, needs[i]);
    drill_test t[2] = { { .name = "a" }, { .name = "b" } };
    drill d = mk_drill(KIND_WRITE, t, 2);
    unsigned char mask[2] = { 1, 0 };
    runner_job job;
    memset(&job, 0xAB, sizeof(job));
    grade_make_job(&d, "def f(): pass", mask, &job);
    assert_int_equal(job.kind, JOB_TESTS);
    assert_int_equal(job.limits.timeout_ms, 1234);
    assert_int_equal(job.limits.memory_mb, 64);
    assert_int_equal(job.limits.output_kb, 8);
    assert_string_equal(job.source, "def f(): pass");
    assert_ptr_equal(job.tests, t);
    assert_int_equal(job.ntests, 2);
    assert_ptr_equal(job.run_mask, mask);
    assert_null(job.exprs);
    assert_int_equal(job.nexprs, 0);
}

/* ---- fix / write ---- */

static INT(two, "2");
static INT(three, "3");
static INT(four, "4");

static void test_tests_all_pass(void **state)
{
    drill_test t[2] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three } };
    drill d = mk_drill(KIND_FIX, t, 2);
    INT(g2, "2");
    INT(g3, "3");
    test_outcome o[2] = { val_out(&g2), val_out(&g3) };
    run_result r = ok_run(o, 2);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 1.0);
    assert_true(v.time_ms == 1.5);
    assert_int_equal(v.ntests, 2);
    assert_string_equal(v.tests[0].name, "t0");
    assert_int_equal(v.tests[0].st, ST_PASS);
    assert_string_equal(v.tests[1].expected, "3");
    assert_string_equal(v.tests[1].got, "3");
    assert_null(v.tests[1].message);
    assert_null(v.message);
    assert_null(v.out);
    assert_null(v.err);
    drill_verdict_free(&v);
}

static void test_tests_wrong_value_and_hidden(void **state)
{
    drill_test t[3] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three, .hidden = 1 },
                        { .name = "t2", .expect_value = &four } };
    drill d = mk_drill(KIND_FIX, t, 3);
    INT(g2, "2");
    INT(g9, "9");
    INT(g4, "4");
    test_outcome o[3] = { val_out(&g2), val_out(&g9), val_out(&g4) };
    run_result r = ok_run(o, 3);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 2.0 / 3.0);
    assert_int_equal(v.tests[1].st, ST_FAIL);
    assert_int_equal(v.tests[1].hidden, 1);
    assert_int_equal(v.tests[0].hidden, 0);
    /* filled even for a hidden test: the report layer hides them */
    assert_string_equal(v.tests[1].expected, "3");
    assert_string_equal(v.tests[1].got, "9");
    assert_has(v.tests[1].message, "3");
    assert_has(v.tests[1].message, "9");
    drill_verdict_free(&v);
}

static void test_tests_tolerance(void **state)
{
    FLT(exp, 0.3);
    FLT(got, 0.1 + 0.2);
    drill_test t[2] = { { .name = "exact", .expect_value = &exp },
                        { .name = "tol", .expect_value = &exp, .tolerance = 1e-9 } };
    drill d = mk_drill(KIND_WRITE, t, 2);
    test_outcome o[2] = { val_out(&got), val_out(&got) };
    run_result r = ok_run(o, 2);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_FAIL);
    assert_int_equal(v.tests[1].st, ST_PASS);
    drill_verdict_free(&v);
}

static void test_tests_syntax(void **state)
{
    drill_test t[2] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three } };
    drill d = mk_drill(KIND_FIX, t, 2);
    run_result r = ok_run(NULL, 0);
    r.syntax = 1;
    r.syntax_line = 3;
    r.syntax_col = 5;
    r.syntax_msg = "invalid syntax";
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.st, ST_SYNTAX);
    assert_true(v.score == 0.0);
    assert_int_equal(v.ntests, 2);
    assert_int_equal(v.tests[0].st, ST_SYNTAX);
    assert_int_equal(v.tests[1].st, ST_SYNTAX);
    assert_string_equal(v.message, "line 3, column 5: invalid syntax");
    drill_verdict_free(&v);
}

static void test_tests_notrun_takes_run_status(void **state)
{
    static const run_status rs[] = { RUN_TIMEOUT, RUN_MEMORY, RUN_OUTPUT, RUN_DENIED, RUN_CRASH };
    static const status want[] = { ST_TIMEOUT, ST_MEMORY, ST_OUTPUT, ST_DENIED, ST_CRASH };
    drill_test t[3] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three },
                        { .name = "t2", .expect_value = &four } };
    drill d = mk_drill(KIND_FIX, t, 3);
    for (size_t i = 0; i < ARRAY_SIZE(rs); i++) {
        INT(g2, "2");
        INT(g0, "0");
        test_outcome o[3] = { val_out(&g2), val_out(&g0), { .kind = OUT_NOTRUN } };
        run_result r = ok_run(o, 3);
        r.status = rs[i];
        r.message = "killed";
        drill_verdict v;
        drill_verdict_init(&v, &d);
        grade_tests(&d, &r, NULL, &v);
        /* finished tests keep their own status */
        assert_int_equal(v.tests[0].st, ST_PASS);
        assert_int_equal(v.tests[1].st, ST_FAIL);
        assert_int_equal(v.tests[2].st, want[i]);
        assert_string_equal(v.tests[2].message, "killed");
        assert_int_equal(v.st, want[i]);
        assert_true(v.score == 1.0 / 3.0);
        assert_string_equal(v.message, "killed");
        drill_verdict_free(&v);
    }
}

/* An ending met in a visible test came before any hidden input was handed
 * over (visible tests run first): its message is said in full. One met in a
 * hidden test is said only by kind. */
static void test_tests_ending_message_where_it_came(void **state)
{
    drill_test t[2] = { { .name = "shown", .expect_value = &two },
                        { .name = "secret", .expect_value = &three, .hidden = 1 } };
    drill d = mk_drill(KIND_FIX, t, 2);
    INT(g2, "2");
    test_outcome dead[2] = { { .kind = OUT_NOTRUN }, { .kind = OUT_NOTRUN } };
    run_result r = ok_run(dead, 2);
    r.status = RUN_CRASH;
    r.message = "killed by signal 6 (Aborted)";
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_string_equal(v.message, "killed by signal 6 (Aborted)");
    drill_verdict_free(&v);

    test_outcome late[2] = { val_out(&g2), { .kind = OUT_NOTRUN } };
    r = ok_run(late, 2);
    r.status = RUN_CRASH;
    r.message = "killed by signal 6 (Aborted)";
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_non_null(strstr(v.message, "in a hidden test (what it did is not shown)"));
    assert_null(strstr(v.message, "signal 6"));
    drill_verdict_free(&v);
}

/* Each test that ran into the memory limit (a MemoryError, and the run
 * ended memory) is memory, not error: the answer's status is then one its
 * tests have, and the limit met in a visible test is said in full. */
static void test_tests_memory_error_is_memory(void **state)
{
    drill_test t[3] = { { .name = "shown", .expect_value = &two },
                        { .name = "raises it", .raises = "MemoryError" },
                        { .name = "secret", .expect_value = &three, .hidden = 1 } };
    drill d = mk_drill(KIND_FIX, t, 3);
    char *mem[] = { "MemoryError", "Exception", "BaseException" };
    test_outcome o[3] = { raised_out("MemoryError", "", mem, 3), raised_out("MemoryError", "", mem, 3),
                          raised_out("MemoryError", "", mem, 3) };
    run_result r = ok_run(o, 3);
    r.status = RUN_MEMORY;
    r.message = "over the memory limit of 64 MB";
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_MEMORY);
    assert_string_equal(v.tests[0].message, "over the memory limit of 64 MB");
    assert_string_equal(v.tests[0].got, "MemoryError");
    assert_int_equal(v.tests[1].st, ST_PASS); /* it asked for exactly that */
    assert_int_equal(v.tests[2].st, ST_MEMORY);
    assert_int_equal(v.st, ST_MEMORY);
    assert_string_equal(v.message, "over the memory limit of 64 MB");
    drill_verdict_free(&v);

    /* a MemoryError in a run that did not end memory stays an error */
    r.status = RUN_OK;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_ERROR);
    drill_verdict_free(&v);
}

static void test_tests_notrun_on_ok_is_crash(void **state)
{
    drill_test t[3] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three },
                        { .name = "t2", .expect_value = &four } };
    drill d = mk_drill(KIND_FIX, t, 3);
    INT(g2, "2");
    /* one NOTRUN, and one outcome missing altogether */
    test_outcome o[2] = { val_out(&g2), { .kind = OUT_NOTRUN } };
    run_result r = ok_run(o, 2);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[1].st, ST_CRASH);
    assert_string_equal(v.tests[1].message, "no result for this test");
    assert_int_equal(v.tests[2].st, ST_CRASH);
    assert_int_equal(v.st, ST_CRASH);
    drill_verdict_free(&v);

    /* a crash result with no outcomes at all */
    run_result r2 = ok_run(NULL, 0);
    r2.status = RUN_CRASH;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r2, NULL, &v);
    assert_int_equal(v.st, ST_CRASH);
    assert_int_equal(v.ntests, 3);
    assert_non_null(v.tests[0].message);
    drill_verdict_free(&v);
}

static void test_tests_raises(void **state)
{
    static char *verr[] = { "ValueError", "Exception", "BaseException" };
    static char *kerr[] = { "KeyError", "LookupError", "Exception", "BaseException" };
    static char *sysexit[] = { "SystemExit", "BaseException" };
    static char *uni[] = { "UnicodeDecodeError", "UnicodeError", "ValueError", "Exception" };
    drill_test t[7] = {
        { .name = "exact", .raises = "ValueError" },
        { .name = "subclass", .raises = "ValueError" },
        { .name = "other", .raises = "ValueError" },
        { .name = "value", .raises = "ValueError" },
        { .name = "unexpected", .expect_value = &two },
        { .name = "exit", .expect_value = &two },
        { .name = "a look-alike", .raises = "ZeroDivisionError" },
    };
    drill d = mk_drill(KIND_WRITE, t, 7);
    INT(g3, "3");
    test_outcome o[7] = {
        raised_out("ValueError", "bad", verr, 3),
        raised_out("UnicodeDecodeError", "x", uni, 4),
        raised_out("KeyError", "'x'", kerr, 4),
        val_out(&g3),
        raised_out("mod.MyError", "", NULL, 0),
        raised_out("SystemExit", "0", sysexit, 2),
        raised_out("ZeroDivisionError", "division by zero", NULL, 0),
    };
    run_result r = ok_run(o, 7);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_PASS);
    assert_int_equal(v.tests[1].st, ST_PASS);
    assert_int_equal(v.tests[2].st, ST_ERROR);
    assert_string_equal(v.tests[2].message, "KeyError: 'x'");
    assert_string_equal(v.tests[2].got, "KeyError: 'x'");
    assert_int_equal(v.tests[3].st, ST_FAIL);
    assert_has(v.tests[3].message, "expected ValueError to be raised, got value 3");
    assert_int_equal(v.tests[4].st, ST_ERROR);
    assert_string_equal(v.tests[4].message, "mod.MyError");
    assert_int_equal(v.tests[5].st, ST_ERROR);
    assert_has(v.tests[5].message, "SystemExit");
    /* named like the class, but not derived from it: not a match */
    assert_int_equal(v.tests[6].st, ST_ERROR);
    assert_int_equal(v.st, ST_ERROR);
    assert_true(v.score == 2.0 / 7.0);
    drill_verdict_free(&v);
}

/* A `raises` test is met by setup or expr raising, never by the answer's
 * own code raising as it loads. */
static void test_tests_raises_in_answer(void **state)
{
    static char *verr[] = { "ValueError", "Exception", "BaseException" };
    drill_test t[1] = { { .name = "junk", .raises = "ValueError" } };
    drill d = mk_drill(KIND_WRITE, t, 1);
    test_outcome o[1] = { raised_out("ValueError", "at import", verr, 3) };
    o[0].in_answer = 1;
    run_result r = ok_run(o, 1);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_ERROR);
    assert_has(v.tests[0].message, "ValueError: at import");
    assert_has(v.tests[0].message, "before the test ran");
    assert_int_equal(v.st, ST_ERROR);
    drill_verdict_free(&v);
}

static void test_tests_expect_error_and_notplain(void **state)
{
    drill_test t[2] = { { .name = "broken", .expect_error = "NameError: name 'x' is not defined" },
                        { .name = "sub", .expect_value = &two } };
    drill d = mk_drill(KIND_WRITE, t, 2);
    INT(g2, "2");
    test_outcome o[2] = { val_out(&g2),
                          { .kind = OUT_NOTPLAIN, .reason = "an int subclass (Liar)" } };
    run_result r = ok_run(o, 2);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_ERROR);
    assert_string_equal(v.tests[0].message, "NameError: name 'x' is not defined");
    assert_int_equal(v.tests[1].st, ST_FAIL);
    assert_string_equal(v.tests[1].message, "not a plain value: an int subclass (Liar)");
    assert_int_equal(v.st, ST_ERROR);
    drill_verdict_free(&v);
}

static void test_tests_stdout(void **state)
{
    drill_test t[3] = { { .name = "same", .expect_value = &two, .stdout_expect = "hi\nthere\n" },
                        { .name = "differs", .expect_value = &two, .stdout_expect = "hi" },
                        { .name = "unchecked", .expect_value = &two } };
    drill d = mk_drill(KIND_WRITE, t, 3);
    INT(g2, "2");
    test_outcome o[3] = { val_out(&g2), val_out(&g2), val_out(&g2) };
    o[0].out = "\r\nhi   \r\nthere\r\n";
    o[0].out_len = strlen(o[0].out);
    o[1].out = "bye\n";
    o[1].out_len = 4;
    o[2].out = "whatever";
    o[2].out_len = 8;
    run_result r = ok_run(o, 3);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.tests[0].st, ST_PASS);
    assert_int_equal(v.tests[1].st, ST_FAIL); /* even though the value matched */
    assert_has(v.tests[1].message, "printed");
    assert_has(v.tests[1].message, "bye");
    assert_has(v.tests[1].message, "hi");
    assert_int_equal(v.tests[2].st, ST_PASS);
    assert_int_equal(v.st, ST_FAIL);
    drill_verdict_free(&v);
}

static void test_tests_mixed_precedence(void **state)
{
    static char *kerr[] = { "KeyError" };
    drill_test t[3] = { { .name = "f", .expect_value = &two },
                        { .name = "e", .expect_value = &two },
                        { .name = "p", .expect_value = &two } };
    drill d = mk_drill(KIND_WRITE, t, 3);
    INT(g2, "2");
    INT(g5, "5");
    test_outcome o[3] = { val_out(&g5), raised_out("KeyError", "k", kerr, 1), val_out(&g2) };
    run_result r = ok_run(o, 3);
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.st, ST_ERROR); /* error beats fail */
    drill_verdict_free(&v);

    o[2] = (test_outcome){ .kind = OUT_NOTRUN };
    r.status = RUN_MEMORY;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_int_equal(v.st, ST_MEMORY); /* memory beats error and fail */
    drill_verdict_free(&v);
}

static void test_tests_run_status_overrides_pass(void **state)
{
    static const run_status rs[] = { RUN_OUTPUT, RUN_DENIED, RUN_TIMEOUT, RUN_CRASH };
    static const status want[] = { ST_OUTPUT, ST_DENIED, ST_TIMEOUT, ST_CRASH };
    drill_test t[1] = { { .name = "t0", .expect_value = &two } };
    drill d = mk_drill(KIND_FIX, t, 1);
    for (size_t i = 0; i < ARRAY_SIZE(rs); i++) {
        INT(g2, "2");
        test_outcome o[1] = { val_out(&g2) };
        run_result r = ok_run(o, 1);
        r.status = rs[i];
        drill_verdict v;
        drill_verdict_init(&v, &d);
        grade_tests(&d, &r, NULL, &v);
        assert_int_equal(v.tests[0].st, ST_PASS);
        assert_int_equal(v.st, want[i]);
        assert_non_null(v.message);
        drill_verdict_free(&v);
    }
}

static void test_tests_run_mask(void **state)
{
    drill_test t[3] = { { .name = "t0", .expect_value = &two },
                        { .name = "t1", .expect_value = &three },
                        { .name = "t2", .expect_value = &four } };
    drill d = mk_drill(KIND_FIX, t, 3);
    INT(g4, "4");
    /* outcomes are indexed like the tests; masked ones are NOTRUN */
    test_outcome o[3] = { { .kind = OUT_NOTRUN }, { .kind = OUT_NOTRUN }, val_out(&g4) };
    run_result r = ok_run(o, 3);
    unsigned char mask[3] = { 0, 0, 1 };
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, mask, &v);
    assert_int_equal(v.ntests, 1);
    assert_string_equal(v.tests[0].name, "t2");
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 1.0);
    drill_verdict_free(&v);
}

static void test_tests_out_err_trimmed(void **state)
{
    drill_test t[1] = { { .name = "t0", .expect_value = &two } };
    drill d = mk_drill(KIND_FIX, t, 1);
    INT(g2, "2");
    test_outcome o[1] = { val_out(&g2) };
    run_result r = ok_run(o, 1);

    sbuf out, err;
    sbuf_init(&out);
    sbuf_init(&err);
    sbuf_addstr(&out, "FIRST\n");
    for (int i = 0; i < 1000; i++)
        sbuf_addf(&out, "out line %d\n", i);
    sbuf_addstr(&err, "Traceback (most recent call last):\n");
    for (int i = 0; i < 1000; i++)
        sbuf_addf(&err, "  frame %d\n", i);
    sbuf_addstr(&err, "ValueError: LAST\n\n  \n");
    r.out = out.buf;
    r.out_len = out.len;
    r.err = err.buf;
    r.err_len = err.len;
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_non_null(v.out);
    assert_non_null(v.err);
    assert_true(strlen(v.out) < 4300);
    assert_true(strlen(v.err) < 4300);
    assert_true(strncmp(v.out, "FIRST\n", 6) == 0);
    assert_null(strstr(v.out, "out line 999"));
    assert_has(v.err, "ValueError: LAST");
    assert_null(strstr(v.err, "Traceback"));
    /* trailing blank lines trimmed */
    size_t n = strlen(v.err);
    assert_true(n > 4 && strcmp(v.err + n - 4, "LAST") == 0);
    drill_verdict_free(&v);

    /* invalid UTF-8 and NUL become U+FFFD; empty streams become NULL */
    r.out = "a\xff\0b";
    r.out_len = 4;
    r.err = " \n\n";
    r.err_len = 3;
    drill_verdict_init(&v, &d);
    grade_tests(&d, &r, NULL, &v);
    assert_string_equal(v.out, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    assert_null(v.err);
    drill_verdict_free(&v);
    sbuf_release(&out);
    sbuf_release(&err);
}

/* ---- submissions ---- */

static void test_submission_total(void **state)
{
    drill d = mk_drill(KIND_FIX, NULL, 0);
    submission_verdict s;
    submission_verdict_init(&s);
    s.candidate = xstrdup("alice");
    s.ndrills = 4;
    s.drills = xcalloc(4, sizeof(drill_verdict));
    for (int i = 0; i < 4; i++)
        drill_verdict_init(&s.drills[i], &d);
    s.drills[0].st = ST_PASS;
    s.drills[0].score = 1.0;
    s.drills[1].st = ST_FAIL;
    s.drills[1].score = 0.5;
    s.drills[2].st = ST_SKIPPED;
    s.drills[3].st = ST_MISSING;
    s.drills[3].message = xstrdup("no answer");
    submission_verdict_total(&s);
    assert_true(s.score == 1.5);
    assert_true(s.max == 3.0);
    assert_int_equal(s.passed, 1);
    submission_verdict_free(&s);
    assert_null(s.drills);
    assert_int_equal(s.ndrills, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_status_worst_precedence),
        cmocka_unit_test(test_predict_verdicts),
        cmocka_unit_test(test_parse_choice),
        cmocka_unit_test(test_choice_verdicts),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_missing_skipped),
        cmocka_unit_test(test_needs_run_and_job),
        cmocka_unit_test(test_tests_all_pass),
        cmocka_unit_test(test_tests_wrong_value_and_hidden),
        cmocka_unit_test(test_tests_tolerance),
        cmocka_unit_test(test_tests_syntax),
        cmocka_unit_test(test_tests_notrun_takes_run_status),
        cmocka_unit_test(test_tests_memory_error_is_memory),
        cmocka_unit_test(test_tests_notrun_on_ok_is_crash),
        cmocka_unit_test(test_tests_ending_message_where_it_came),
        cmocka_unit_test(test_tests_raises),
        cmocka_unit_test(test_tests_raises_in_answer),
        cmocka_unit_test(test_tests_expect_error_and_notplain),
        cmocka_unit_test(test_tests_stdout),
        cmocka_unit_test(test_tests_mixed_precedence),
        cmocka_unit_test(test_tests_run_status_overrides_pass),
        cmocka_unit_test(test_tests_run_mask),
        cmocka_unit_test(test_tests_out_err_trimmed),
        cmocka_unit_test(test_submission_total),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
