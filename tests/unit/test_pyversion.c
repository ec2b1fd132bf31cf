/* test_pyversion.c - the one version-range parser that the loader and the
 * planner share: a table of (range, version, holds) cases, and ranges
 * that must be refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pyversion.h"

#define HEX(a, b, c) (((unsigned long)(a) << 24) | ((unsigned long)(b) << 16) | ((unsigned long)(c) << 8) | 0xf0)

static const struct {
    const char *range;
    int major, minor, micro;
    int holds;
} cases[] = {
    { ">=3.12", 3, 12, 0, 1 },
    { ">=3.12", 3, 11, 9, 0 },
    { ">=3.12", 3, 13, 1, 1 },
    { "<3.13", 3, 12, 9, 1 },
    { "<3.13", 3, 13, 0, 0 },
    { "<3.13", 3, 13, 2, 0 },
    { ">=3.8, <3.13", 3, 11, 2, 1 },
    { ">=3.8,<3.13", 3, 13, 0, 0 },
    /* a bare version, and ==, hold for the whole series written */
    { "3.11", 3, 11, 2, 1 },
    { "3.11", 3, 12, 0, 0 },
    { "==3.12", 3, 12, 1, 1 },
    { "==3.12.0", 3, 12, 1, 0 },
    { "!=3.12", 3, 12, 4, 0 },
    { "!=3.12", 3, 13, 0, 1 },
    /* <= and > compare the parts written, so "<=3.12" keeps 3.12.x */
    { "<=3.12", 3, 12, 7, 1 },
    { "<=3.12", 3, 13, 0, 0 },
    { ">3.12", 3, 12, 7, 0 },
    { ">3.12", 3, 13, 0, 1 },
    { ">3.12.0", 3, 12, 1, 1 },
    { ">=3", 3, 11, 0, 1 },
    { "<4", 3, 15, 0, 1 },
    /* ~= is PEP 440's compatible release */
    { "~=3.11", 3, 11, 0, 1 },
    { "~=3.11", 3, 14, 0, 1 },
    { "~=3.11", 3, 10, 0, 0 },
    { "~=3.11", 4, 0, 0, 0 },
    { "~=3.11.2", 3, 11, 2, 1 },
    { "~=3.11.2", 3, 11, 1, 0 },
    { "~=3.11.2", 3, 12, 0, 0 },
    { " >= 3.13 , < 3.15 ", 3, 14, 0, 1 },
};

static void test_ranges(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned long hex = HEX(cases[i].major, cases[i].minor, cases[i].micro);
        char *err = NULL;
        int r = pyversion_satisfies(cases[i].range, hex, &err);
        if (r != cases[i].holds)
            fail_msg("\"%s\" on %d.%d.%d: got %d, want %d (%s)", cases[i].range, cases[i].major,
                     cases[i].minor, cases[i].micro, r, cases[i].holds, err ? err : "");
        assert_int_equal(pyversion_range_check(cases[i].range, &err), 0);
    }
}

static const char *const bad[] = {
    "", " ", "3.x", ">=", ">= 3.", "3..1", "3.1.2.3", "=>3.12", ">>3", "3.12,", ",3.12",
    ">=3.12;<3.13", "~=3", "1000.1", "3.12 3.13", "=3.12", "v3.12", "3.12a1",
};

static void test_bad_ranges(void **state)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *err = NULL;
        if (pyversion_range_check(bad[i], &err) != -1)
            fail_msg("\"%s\" was accepted", bad[i]);
        assert_non_null(err);
        assert_non_null(strstr(err, "invalid version range"));
        free(err);
        err = NULL;
        assert_int_equal(pyversion_satisfies(bad[i], HEX(3, 11, 2), &err), -1);
        free(err);
        assert_int_equal(pyversion_satisfies(bad[i], HEX(3, 11, 2), NULL), -1);
    }
}

static void test_compat_needs_two_parts(void **state)
{
    char *err = NULL;
    assert_int_equal(pyversion_range_check("~=3", &err), -1);
    assert_non_null(strstr(err, "\"~=\" needs at least a major and a minor version"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_compat_needs_two_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
