/* test_highlight.c - syntax classes from the embedded tokenize module. */
#include <Python.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "highlight.h"
#include "pyembed.h"

static int setup(void **state)
{
    (void)state;
    char *err = NULL;
    return pyembed_start(&err);
}

/* The class of the first byte of the first occurrence of word in src. */
static int cls_of(const char *src, const unsigned char *cls, const char *word)
{
    const char *p = strstr(src, word);
    assert_non_null(p);
    return cls[p - src];
}

static void test_classes(void **state)
{
    (void)state;
    const char *src = "def f(x, acc=[]):  # note\n    acc.append(0x1F)\n    return len('caf\xc3\xa9'), None\n";
    unsigned char *cls = highlight_source(src);
    assert_non_null(cls);
    assert_int_equal(cls_of(src, cls, "def"), HL_KEYWORD);
    assert_int_equal(cls_of(src, cls, "f("), HL_DEFNAME);
    assert_int_equal(cls_of(src, cls, "# note"), HL_COMMENT);
    assert_int_equal(cls_of(src, cls, "0x1F"), HL_NUMBER);
    assert_int_equal(cls_of(src, cls, "len"), HL_BUILTIN);
    assert_int_equal(cls_of(src, cls, "'caf"), HL_STRING);
    assert_int_equal(cls_of(src, cls, "None"), HL_KEYWORD);
    assert_int_equal(cls_of(src, cls, "acc.append"), HL_PLAIN);
    /* a multi-byte character inside the string keeps the string class */
    const char *e = strstr(src, "\xc3\xa9");
    assert_int_equal(cls[e - src], HL_STRING);
    assert_int_equal(cls[e - src + 1], HL_STRING);
    free(cls);
}

static void test_soft_keywords_and_fstrings(void **state)
{
    (void)state;
    const char *src = "match = 1\nmatch x:\n    case 1: pass\ns = f'{x}'\n";
    unsigned char *cls = highlight_source(src);
    assert_non_null(cls);
    assert_int_equal(cls[0], HL_PLAIN); /* match as a name */
    assert_int_equal(cls_of(src, cls, "match x"), HL_KEYWORD); /* as a statement */
    assert_int_equal(cls_of(src, cls, "case"), HL_KEYWORD);
    assert_int_equal(cls_of(src, cls, "f'{x}'"), HL_STRING);
    assert_int_equal(cls_of(src, cls, "pass"), HL_KEYWORD);
    free(cls);
}

static void test_broken_code_is_coloured_up_to_the_error(void **state)
{
    (void)state;
    const char *src = "x = 1\ny = '''never closed\nreturn\n";
    unsigned char *cls = highlight_source(src);
    assert_non_null(cls);
    assert_int_equal(cls_of(src, cls, "1"), HL_NUMBER);
    assert_int_equal(cls_of(src, cls, "return"), HL_PLAIN);
    free(cls);
}

static void test_not_utf8_or_null(void **state)
{
    (void)state;
    assert_null(highlight_source(NULL));
    assert_null(highlight_source("x = '\xff'\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_soft_keywords_and_fstrings),
        cmocka_unit_test(test_broken_code_is_coloured_up_to_the_error),
        cmocka_unit_test(test_not_utf8_or_null),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
