/* test_pyversion.c - the one version-range parser that the loader and the
 * planner share: a table of (range, version, holds) cases, and ranges
 * that must be refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* Overlaps and gaps are found from the ranges alone: a table of key sets,
 * with what must be found (NULL: nothing) and where. */
static const struct {
    const char *ranges[4];
    const char *within;
    const char *overlap; /* "A|B@VERSION" */
    const char *gap;     /* "VERSION" */
} covers[] = {
    { { "<3.12", ">=3.12" }, NULL, NULL, NULL },
    { { "<3.13", ">=3.13,<3.14", ">=3.14" }, NULL, NULL, NULL },
    /* the audit's case: both hold for every 3.12.x, found on any Python */
    { { "<=3.12", ">=3.12" }, NULL, "<=3.12|>=3.12@3.12", NULL },
    { { "<3.12", "3.11", ">=3.12" }, NULL, "<3.12|3.11@3.11", NULL },
    { { ">=3.0", "~=3.14" }, NULL, ">=3.0|~=3.14@3.14", NULL },
    /* a micro version: only from 3.12.4 on */
    { { "<3.13", ">=3.12.4" }, NULL, "<3.13|>=3.12.4@3.12.4", NULL },
    /* an overlap outside 3.11-3.15 is still one */
    { { "<3.5", ">=3.4" }, NULL, "<3.5|>=3.4@3.4", NULL },
    /* a supported minor left out, or a micro */
    { { "<3.12", ">=3.13" }, NULL, NULL, "3.12" },
    { { "<3.12.3", ">3.12.3" }, NULL, NULL, "3.12.3" },
    { { "<3.0", ">=9.0" }, NULL, NULL, "3.11" },
    { { "<3.14" }, NULL, NULL, "3.14" },
    /* requires.python narrows both */
    { { "<3.14" }, ">=3.12,<3.14", NULL, NULL },
    { { "<=3.12", ">=3.12" }, ">=3.13", NULL, NULL },
    { { "3.13", "3.14" }, ">=3.12", NULL, "3.12" },
};

static void test_covers(void **state)
{
    for (size_t i = 0; i < sizeof covers / sizeof covers[0]; i++) {
        size_t n = 0;
        while (n < 4 && covers[i].ranges[n])
            n++;
        size_t a = 99, b = 99;
        char *where = NULL, buf[128];
        int r = pyversion_overlap(covers[i].ranges, n, covers[i].within, &a, &b, &where);
        if (r == 1)
            snprintf(buf, sizeof buf, "%s|%s@%s", covers[i].ranges[a], covers[i].ranges[b], where);
        if (r != (covers[i].overlap != NULL) || (r == 1 && strcmp(buf, covers[i].overlap) != 0))
            fail_msg("case %zu: overlap %d %s, want %s", i, r, r == 1 ? buf : "",
                     covers[i].overlap ? covers[i].overlap : "none");
        free(where);
        where = NULL;
        r = pyversion_gap(covers[i].ranges, n, covers[i].within, &where);
        if (r != (covers[i].gap != NULL) || (r == 1 && strcmp(where, covers[i].gap) != 0))
            fail_msg("case %zu: gap %d %s, want %s", i, r, r == 1 ? where : "",
                     covers[i].gap ? covers[i].gap : "none");
        free(where);
    }
}

static void test_covers_bad_range(void **state)
{
    const char *ranges[] = { ">=3.12", "3.x" };
    size_t a, b;
    char *where = NULL;
    assert_int_equal(pyversion_overlap(ranges, 2, NULL, &a, &b, &where), -1);
    assert_int_equal(pyversion_gap(ranges, 2, NULL, &where), -1);
    assert_null(where);
}

/* A key of a thousand comparisons is not analysed (each version tried
 * walks it): nothing is found, and nothing takes long. */
static void test_covers_long_range(void **state)
{
    char *long_range = malloc(4 * 1000 + 8);
    strcpy(long_range, ">=3.0");
    for (int i = 0; i < 1000; i++)
        strcat(long_range, ",<9");
    const char *ranges[] = { long_range, ">=3.12" };
    size_t a, b;
    char *where = NULL;
    assert_int_equal(pyversion_overlap(ranges, 2, NULL, &a, &b, &where), 0);
    assert_int_equal(pyversion_gap(ranges, 2, NULL, &where), 0);
    assert_null(where);
    free(long_range);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_compat_needs_two_parts),
        cmocka_unit_test(test_covers),
        cmocka_unit_test(test_covers_bad_range),
        cmocka_unit_test(test_covers_long_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
