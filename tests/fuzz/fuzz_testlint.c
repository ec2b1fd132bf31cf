/* fuzz_testlint.c - libFuzzer target: any bytes as a test's expr (packs
 * are untrusted) must be read without going out of bounds; what the lint
 * splits must be two non-empty parts of the input, one of them a literal. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *expr = malloc(size + 1);
    if (!expr)
        return 0;
    memcpy(expr, data, size);
    expr[size] = '\0';
    testlint_split sp = { 0 };
    if (testlint_compare(expr, &sp)) {
        if (!sp.value || !sp.literal || !*sp.value || !*sp.literal || !strstr(expr, sp.value) ||
            !strstr(expr, sp.literal))
            __builtin_trap();
        testlint_split_free(&sp);
    }
    drill_test t = { .name = "t", .expr = expr, .expect = "True" };
    free(testlint_test(&t));
    free(expr);
    return 0;
}
