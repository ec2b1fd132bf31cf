/* test_printed.c - comparing printed output (SPEC 3.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "printed.h"

/* ---- output normalisation (SPEC 3.2) ---- */

static void check_norm(const char *in, const char *want)
{
    char *got = printed_normalize(in, strlen(in), NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_normalize(void **state)
{
    check_norm("a\r\nb\r\n", "a\nb");
    check_norm("a   \nb\t \n", "a\nb");
    check_norm("\n\n  \n\ta\nb\n\n \n", "\ta\nb");       /* leading indentation kept */
    check_norm("a\n\n\nb", "a\n\n\nb");                   /* blank lines inside kept */
    check_norm("a\n  \nb", "a\n\nb");                     /* a blank line is blank even with spaces */
    check_norm("no newline", "no newline");
    check_norm("", "");
    check_norm("\n \r\n\t\n", "");
    check_norm("x\r\n\r\n", "x");
    /* white space as str.isspace() has it, not ASCII's alone */
    check_norm("a\xc2\xa0\nb\xe3\x80\x80 \xe2\x80\x89\n", "a\nb");   /* U+00A0, U+3000, U+2009 */
    check_norm("c\xe2\x80\xa8\xe2\x81\x9f\x1f\xc2\x85", "c");          /* U+2028, U+205F, \x1f, U+0085 */
    check_norm("\xe2\x80\x8b\n\xc3\xa0", "\xe2\x80\x8b\n\xc3\xa0");      /* U+200B and a-grave are not */
    check_norm("\xa0\x80", "\xa0\x80");                                   /* stray bytes stay */
    /* only len bytes are read */
    char *got = printed_normalize("abc\ndef", 3, NULL);
    assert_string_equal(got, "abc");
    free(got);
}

static void test_score(void **state)
{
    assert_true(printed_score("a\nb\nc", "a\nb\nc") == 1.0);
    assert_true(printed_score("a\nb\nc", "a\nX\nc") == 2.0 / 3.0);
    assert_true(printed_score("a\nb", "a\nb\nc") == 2.0 / 3.0); /* extra line counts */
    assert_true(printed_score("a\nb\nc", "b\nc") == 0.0);       /* position matters */
    assert_true(printed_score("", "") == 1.0);
    assert_true(printed_score("", "\n  \n") == 1.0);
    assert_true(printed_score("a", "") == 0.0);
    assert_true(printed_score("", "a") == 0.0);
    assert_true(printed_score("[1]\n[1, 2]", "\r\n[1]  \r\n[1, 2]\r\n\r\n") == 1.0);
}

/* The lines of a comparison, and where the first difference is. */
static void test_cmp_lines(void **state)
{
    printed_cmp c;
    printed_cmp_init(&c, "a\nb\nc\n", "a  \r\nB\nc\nd");
    assert_int_equal(c.ntruth, 3);
    assert_int_equal(c.nanswer, 4);
    assert_int_equal(c.max, 4);
    assert_int_equal(c.equal, 2);
    assert_int_equal(c.first_diff, 1);
    assert_int_equal(c.answer[1].len, 1);
    assert_memory_equal(c.answer[1].s, "B", 1);
    printed_cmp_free(&c);

    printed_cmp_init(&c, NULL, "\n\n");
    assert_int_equal(c.max, 0);
    assert_int_equal(c.first_diff, 0);
    printed_cmp_free(&c);

    /* NULs are text like any other byte */
    size_t n;
    char *s = printed_normalize("a\0b \n", 5, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "a\0b", 3);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_cmp_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
