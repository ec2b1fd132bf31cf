/* test_testlint.c - check's advice on tests that compare inside expr: the
 * shape it finds (one top-level == or != between a plain literal and
 * something else), what it leaves alone, and when the advice is given
 * (only where a lying __eq__ would help). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "testlint.h"
#include "util.h"

typedef struct {
    const char *expr;
    const char *value;   /* NULL: not the shape */
    const char *literal;
    int not_equal;
} split_case;

static const split_case cases[] = {
    { "f() == [1, 2]", "f()", "[1, 2]", 0 },
    { "[1, 2] == f()", "f()", "[1, 2]", 0 },
    { "  g(3) != (1, 'x')  ", "g(3)", "(1, 'x')", 1 },
    { "f() == {'a': [1, -2.5e3], 'b': None}", "f()", "{'a': [1, -2.5e3], 'b': None}", 0 },
    { "len(f('a == b')) == 3", "len(f('a == b'))", "3", 0 },
    { "f() + 1 == 0x1F", "f() + 1", "0x1F", 0 },
    { "obj.attr == b'\\x00'", "obj.attr", "b'\\x00'", 0 },
    { "f() == \"\"\"a\nb\"\"\"", "f()", "\"\"\"a\nb\"\"\"", 0 },
    /* not the shape */
    { "f()", NULL, NULL, 0 },
    { "[1, 2] == [1, 2]", NULL, NULL, 0 },          /* a fact about Python */
    { "Point(1, 2) == Point(1, 2)", NULL, NULL, 0 }, /* the answer's own __eq__ */
    { "f() == x", NULL, NULL, 0 },
    { "f() == f'{x}'", NULL, NULL, 0 },             /* an f-string computes */
    { "f() == 1 == g()", NULL, NULL, 0 },
    { "f() == 1 and g() == 2", NULL, NULL, 0 },
    { "not f() == 1", NULL, NULL, 0 },
    { "f() <= 1", NULL, NULL, 0 },
    { "f() is None", NULL, NULL, 0 },
    { "1 in f()", NULL, NULL, 0 },
    { "f() == 1 if x else 2", NULL, NULL, 0 },
    { "(y := f()) == 1", "(y := f())", "1", 0 },
    { "lambda: f() == 1", NULL, NULL, 0 },
    { "f(), 1 == 1", NULL, NULL, 0 },
    { "'a == b'", NULL, NULL, 0 },
    { "f()) == (1", NULL, NULL, 0 },
    { "f() == ", NULL, NULL, 0 },
    { "== 1", NULL, NULL, 0 },
    { "f() == 'unterminated", "f()", "'unterminated", 0 },
};

static void test_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const split_case *c = &cases[i];
        testlint_split sp = { 0 };
        int got = testlint_compare(c->expr, &sp);
        if (got != (c->value != NULL))
            fail_msg("%s: got %d", c->expr, got);
        if (got) {
            assert_string_equal(sp.value, c->value);
            assert_string_equal(sp.literal, c->literal);
            assert_int_equal(sp.not_equal, c->not_equal);
        }
        testlint_split_free(&sp);
    }
}

static char *advice(const char *name, const char *expr, const char *expect)
{
    drill_test t = { .name = (char *)name, .expr = (char *)expr, .expect = (char *)expect };
    return testlint_test(&t);
}

static void test_advice(void **state)
{
    (void)state;
    char *a = advice("pair", "f() == [1, 2]", "True");
    assert_non_null(a);
    assert_non_null(strstr(a, "test \"pair\" compares inside expr (`f() == [1, 2]`)"));
    assert_non_null(strstr(a, "write it as expr `f()` and expect `[1, 2]`"));
    free(a);
    a = advice("differs", "g() != 3", " False ");
    assert_non_null(a);
    assert_non_null(strstr(a, "can make != come out False"));
    free(a);
    /* a lie cannot help: the test already wants what no __eq__ would say */
    assert_null(advice("not a tuple", "Point(1, 2) == (1, 2)", "False"));
    assert_null(advice("same", "g() != 3", "True"));
    /* a raises test has no expect */
    assert_null(advice("raises", "f() == 1", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_advice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
