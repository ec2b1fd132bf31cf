/* test_tracedoc.c - the trace document built from the tracer's records and
 * read back (tracedoc.h): yields, resumptions, output after the last step,
 * the new budgets, skipped drills. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tracedoc.h"

static char *build(const char *status, const char *message, const char *records)
{
    tracedoc_run run = { .drill = "d", .python = "3.11.2", .code = "x = 1\n", .status = status,
                         .message = message, .records = records, .records_len = records ? strlen(records) : 0 };
    return tracedoc_build(&run);
}

static void test_yield_and_resume(void **state)
{
    (void)state;
    const char *recs =
        "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"yield\",\"line\":4,\"return\":\"o1\","
        "\"frames\":[{\"function\":\"count\",\"line\":4,\"names\":{\"n\":\"o1\"}}],"
        "\"objects\":{\"o1\":{\"type\":\"int\",\"repr\":\"0\"}}}\n"
        "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"line\",\"resumed\":true,\"line\":5,"
        "\"frames\":[{\"function\":\"count\",\"line\":5,\"names\":{}}],\"objects\":{}}\n"
        "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"bogus\",\"line\":6,\"frames\":[],\"objects\":{}}\n"
        "{\"t\":\"trace\",\"k\":\"end\",\"out\":\"0\\n1\\n\",\"after\":\"1\\n\"}\n";
    char *json = build("ok", NULL, recs);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_int_equal(doc.nsteps, 3);
    assert_string_equal(doc.steps[0].event, "yield");
    assert_string_equal(doc.steps[0].ret, "o1");
    assert_int_equal(doc.steps[0].resumed, 0);
    assert_string_equal(doc.steps[1].event, "line");
    assert_int_equal(doc.steps[1].resumed, 1);
    assert_string_equal(doc.steps[2].event, "line"); /* an unknown event is not kept */
    assert_string_equal(doc.output_after, "1\n");
    assert_string_equal(doc.output, "0\n1\n");
    tracedoc_free(&doc);
    free(json);
}

static void test_new_budgets(void **state)
{
    (void)state;
    const char *recs = "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"message\",\"limit\":500}\n"
                       "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"name\",\"limit\":80}\n"
                       "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"tracer\",\"limit\":0}\n"
                       "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"nonsense\",\"limit\":1}\n"
                       "{\"t\":\"trace\",\"k\":\"end\",\"out\":\"\"}\n";
    char *json = build("ok", NULL, recs);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_int_equal(doc.ncuts, 3);
    assert_string_equal(doc.cuts[0].budget, "message");
    assert_int_equal(doc.cuts[0].limit, 500);
    assert_string_equal(doc.cuts[1].budget, "name");
    assert_string_equal(doc.cuts[2].budget, "tracer");
    assert_null(doc.output_after); /* nothing printed after */
    tracedoc_free(&doc);
    free(json);
}

static void test_skipped(void **state)
{
    (void)state;
    char *json = build("skipped", "needs Python >=9.0 (this is 3.11.2)", NULL);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_string_equal(doc.status, "skipped");
    assert_string_equal(doc.message, "needs Python >=9.0 (this is 3.11.2)");
    assert_int_equal(doc.nsteps, 0);
    assert_int_equal(tracedoc_stopped(&doc), 0); /* exit 0, as run */
    tracedoc_free(&doc);
    free(json);
    json = build("timeout", "over the time limit", NULL);
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_int_equal(tracedoc_stopped(&doc), 1);
    tracedoc_free(&doc);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yield_and_resume),
        cmocka_unit_test(test_new_budgets),
        cmocka_unit_test(test_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
