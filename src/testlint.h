/* testlint.h - advice on how a test is written, for `check` (testlint.c). */
#ifndef PYDRILL_TESTLINT_H
#define PYDRILL_TESTLINT_H

#include "catalog.h"

typedef struct {
    char *value;   /* the side an answer computes: `f()` */
    char *literal; /* the plain literal it is compared with: `[1, 2]` */
    int not_equal; /* the operator was != */
} testlint_split;

/* 1 when expr is one == or != at its top level between a plain literal
 * and something else, with *out filled (free with testlint_split_free);
 * 0 otherwise. */
int testlint_compare(const char *expr, testlint_split *out);
void testlint_split_free(testlint_split *s);

/* The advice for test t, or NULL when it has none (caller frees). */
char *testlint_test(const drill_test *t);

#endif
