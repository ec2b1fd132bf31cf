/* test_tracedoc.c - the trace document: built from the tracer's records
 * (how the run ended deciding the status), read back, and never trusting
 * either. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracedoc.h"

/* Two steps of `grid = [[]] * 3`, a cut, and the end. */
static const char records[] =
    "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"line\",\"line\":1,\"frames\":[{\"function\":\"<module>\",\"line\":1,"
    "\"names\":{}}],\"objects\":{}}\n"
    "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"repr\",\"limit\":60}\n"
    "{\"t\":\"trace\",\"k\":\"cut\",\"budget\":\"repr\",\"limit\":60}\n"
    "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"line\",\"line\":2,\"frames\":[{\"function\":\"<module>\",\"line\":2,"
    "\"names\":{\"grid\":\"o1\",\"bad\":\"0x7f00\"}}],\"objects\":{\"o1\":{\"type\":\"list\",\"repr\":\"[[], [], []]\","
    "\"items\":[\"o2\",\"o2\",\"o2\",\"zz\"]},\"o2\":{\"type\":\"list\",\"repr\":\"[]\"},\"x9\":{\"type\":\"int\"}},"
    "\"out\":\"hi\\n\",\"cut\":[\"repr\",\"nonsense\"]}\n"
    "not json at all\n"
    "{\"t\":\"trace\",\"k\":\"end\",\"out\":\"hi\\n\"}\n";

static char *build(const char *status, const char *recs)
{
    tracedoc_run run = {
        .drill = "d", .python = "3.11.2", .code = "grid = [[]] * 3\ngrid[0].append(1)\n", .status = status,
        .message = "why", .records = recs, .records_len = recs ? strlen(recs) : 0,
    };
    return tracedoc_build(&run);
}

static void test_build_and_read(void **state)
{
    char *json = build("ok", records);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_string_equal(doc.status, "ok");
    assert_null(doc.message); /* only a run that did not end says why */
    assert_string_equal(doc.output, "hi\n");
    assert_int_equal(doc.nsteps, 2);
    assert_int_equal(doc.ncuts, 1); /* reported twice, kept once */
    assert_string_equal(doc.cuts[0].budget, "repr");
    assert_int_equal(doc.cuts[0].limit, 60);
    const tracedoc_step *s = &doc.steps[1];
    assert_int_equal(s->line, 2);
    assert_int_equal(s->nframes, 1);
    assert_int_equal(s->frames[0].nnames, 1); /* the name bound to no id is dropped */
    assert_int_equal(s->nobjs, 2);            /* and the object with no id */
    const tracedoc_obj *grid = tracedoc_find(s, "o1"), *row = tracedoc_find(s, "o2");
    assert_non_null(grid);
    assert_int_equal(grid->nitems, 3);
    assert_int_equal(row->refs, 3);
    assert_true(tracedoc_shared(row));
    assert_false(tracedoc_shared(grid));
    assert_int_equal(s->ncuts, 1);
    assert_false(tracedoc_stopped(&doc));
    tracedoc_free(&doc);
    free(json);
}

/* The status comes from the run, and from the end record when it ran to
 * its end. */
static void test_status(void **state)
{
    static const struct {
        const char *run, *recs, *want;
        int stopped;
    } cases[] = {
        { "ok", "{\"t\":\"trace\",\"k\":\"end\"}\n", "ok", 0 },
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"KeyError: 'a'\"}\n", "raised", 0 },
        { "ok", "", "crash", 1 }, /* no end record: it did not finish */
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"error\":\"no namespace\"}\n", "crash", 1 },
        { "timeout", "", "timeout", 1 },
        { "denied", "{\"t\":\"trace\",\"k\":\"end\"}\n", "denied", 1 },
        { "made-up", NULL, "crash", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *json = build(cases[i].run, cases[i].recs);
        tracedoc doc;
        char *err = NULL;
        assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
        assert_string_equal(doc.status, cases[i].want);
        assert_int_equal(tracedoc_stopped(&doc), cases[i].stopped);
        if (cases[i].stopped)
            assert_non_null(doc.message);
        tracedoc_free(&doc);
        free(json);
    }
}

static void test_output_from_steps(void **state)
{
    /* killed before its end: what was printed is what the steps saw */
    const char *recs = "{\"t\":\"trace\",\"k\":\"step\",\"line\":1,\"out\":\"a\\n\"}\n"
                       "{\"t\":\"trace\",\"k\":\"step\",\"line\":2,\"out\":\"b\\n\"}\n";
    char *json = build("timeout", recs);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_string_equal(doc.output, "a\nb\n");
    assert_int_equal(doc.nsteps, 2);
    assert_int_equal(doc.steps[0].nframes, 0);
    tracedoc_free(&doc);
    free(json);
}

static void test_parse_refuses(void **state)
{
    static const char *const bad[] = { "", "[]", "{\"format\":\"pydrill/1\"}", "{", "null" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tracedoc doc;
        char *err = NULL;
        assert_int_equal(tracedoc_parse(bad[i], &doc, &err), -1);
        assert_non_null(err);
        free(err);
        tracedoc_free(&doc);
    }
    /* wrong types inside are dropped, not followed */
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse("{\"format\":\"pydrill-trace/1\",\"steps\":[1,{\"frames\":7,\"objects\":"
                                    "{\"o1\":{\"items\":[1,null,\"o1\"],\"more\":-5}}},null],\"cut\":{}}",
                                    &doc, &err),
                     0);
    assert_int_equal(doc.nsteps, 1);
    assert_int_equal(doc.steps[0].nobjs, 1);
    assert_int_equal(doc.steps[0].objs[0].nitems, 1);
    assert_int_equal(doc.steps[0].objs[0].more, 0);
    assert_int_equal(doc.steps[0].objs[0].refs, 1);
    assert_string_equal(doc.status, "crash");
    tracedoc_free(&doc);
}

/* A step refers only to objects it describes: references past the
 * objects budget (here o9, never described) are cut into "more". */
static void test_refs_resolve(void **state)
{
    const char *recs =
        "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"return\",\"line\":3,\"return\":\"o9\",\"frames\":["
        "{\"function\":\"<module>\",\"line\":3,\"names\":{\"a\":\"o1\",\"lost\":\"o9\",\"d\":\"o4\",\"f\":\"o6\"}}],"
        "\"objects\":{\"o1\":{\"type\":\"list\",\"repr\":\"[...]\",\"items\":[\"o2\",\"o9\",\"o2\"],\"more\":3},"
        "\"o2\":{\"type\":\"int\",\"repr\":\"1\"},"
        "\"o4\":{\"type\":\"dict\",\"repr\":\"{...}\",\"keys\":[\"o2\",\"o9\",\"o2\"],\"items\":[\"o2\",\"o2\",\"o2\"]},"
        "\"o6\":{\"type\":\"function\",\"repr\":\"<function f>\",\"defaults\":[\"o9\",\"o2\"],"
        "\"closure\":{\"x\":\"o9\",\"y\":\"o2\"},\"kwdefaults\":{\"k\":\"o9\"}}},\"cut\":[\"objects\"]}\n"
        "{\"t\":\"trace\",\"k\":\"step\",\"event\":\"line\",\"line\":4,\"frames\":[{\"function\":\"<module>\","
        "\"line\":4,\"names\":{\"b\":\"o7\"}}],\"objects\":{}}\n"
        "{\"t\":\"trace\",\"k\":\"end\"}\n";
    char *json = build("ok", recs);
    tracedoc doc;
    char *err = NULL;
    assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
    assert_int_equal(doc.nsteps, 2);
    const tracedoc_step *s = &doc.steps[0];
    assert_null(s->ret);
    assert_int_equal(s->frames[0].nnames, 3);
    assert_int_equal(s->frames[0].more, 1);
    const tracedoc_obj *list = tracedoc_find(s, "o1"), *dict = tracedoc_find(s, "o4"), *fn = tracedoc_find(s, "o6");
    assert_int_equal(list->nitems, 1); /* a prefix: not o2 o2 */
    assert_int_equal(list->more, 5);
    assert_int_equal(dict->nkeys, 1); /* keys in step with values */
    assert_int_equal(dict->nitems, 1);
    assert_int_equal(dict->more, 2);
    assert_int_equal(fn->ndefaults, 0);
    assert_int_equal(fn->nattrs, 1);
    assert_string_equal(fn->attrs[0].name, "y");
    assert_int_equal(fn->more, 4);
    assert_int_equal(s->ncuts, 1); /* "objects", once */
    assert_string_equal(s->cuts[0], "objects");
    /* every id the step refers to is one it describes */
    for (size_t i = 0; i < s->nobjs; i++) {
        const tracedoc_obj *o = &s->objs[i];
        for (size_t j = 0; j < o->nitems; j++)
            assert_non_null(tracedoc_find(s, o->items[j]));
        for (size_t j = 0; j < o->nkeys; j++)
            assert_non_null(tracedoc_find(s, o->keys[j]));
        for (size_t j = 0; j < o->nattrs; j++)
            assert_non_null(tracedoc_find(s, o->attrs[j].id));
    }
    /* a step that cuts a name it does not describe says so */
    s = &doc.steps[1];
    assert_int_equal(s->frames[0].nnames, 0);
    assert_int_equal(s->frames[0].more, 1);
    assert_int_equal(s->ncuts, 1);
    assert_string_equal(s->cuts[0], "objects");
    tracedoc_free(&doc);
    /* the step's own names (its innermost frame's) are cut as well */
    assert_null(strstr(json, "\"lost\""));
    assert_null(strstr(json, "\"o9\""));
    free(json);
}

/* Code that does not compile: the document says where, as the end record
 * did; nothing else has a place. */
static void test_exception_at(void **state)
{
    static const struct {
        const char *run, *recs;
        int line, column;
    } cases[] = {
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"SyntaxError: invalid syntax\","
                "\"at\":{\"line\":3,\"column\":7}}\n", 3, 7 },
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"SyntaxError: x\",\"at\":{\"line\":2}}\n", 2, 0 },
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"KeyError: 'a'\"}\n", 0, 0 },
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"E\",\"at\":{\"line\":-1,\"column\":4}}\n", 0, 0 },
        { "ok", "{\"t\":\"trace\",\"k\":\"end\",\"at\":{\"line\":3,\"column\":7}}\n", 0, 0 }, /* no exception */
        { "timeout", "{\"t\":\"trace\",\"k\":\"end\",\"exception\":\"E\",\"at\":{\"line\":3}}\n", 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *json = build(cases[i].run, cases[i].recs);
        tracedoc doc;
        char *err = NULL;
        assert_int_equal(tracedoc_parse(json, &doc, &err), 0);
        assert_int_equal(doc.exception_line, cases[i].line);
        assert_int_equal(doc.exception_column, cases[i].column);
        assert_int_equal(strstr(json, "exception_at") != NULL, cases[i].line > 0);
        tracedoc_free(&doc);
        free(json);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_and_read),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_output_from_steps),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_refs_resolve),
        cmocka_unit_test(test_exception_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
