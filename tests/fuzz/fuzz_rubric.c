/* fuzz_rubric.c - libFuzzer target: the explain matcher on any bytes.
 * The first line is a pattern (used as a keyword, a contradiction and a
 * misconception next to a fixed rubric), the rest the answer. Nothing may
 * crash or leak; every note and quote must be valid UTF-8 without NUL; a
 * list of keywords hits nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rubric.h"
#include "util.h"

static void check_text(const char *s)
{
    if (s && !util_utf8_valid(s, strlen(s)))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t plen = nl ? (size_t)(nl - (const char *)data) : size;
    char *pat = xmemdup(data, plen);
    const char *answer = nl ? nl + 1 : "";
    size_t alen = nl ? size - plen - 1 : 0;

    char *err = NULL;
    int ok = rubric_pattern_check(pat, &err) == 0;
    if (!ok && !err)
        __builtin_trap();
    check_text(err);
    free(err);
    (void)rubric_find(pat, answer, alen);

    char *kw_a[] = { pat, "identity", "same (object|instance)", "not ... parallel*" };
    char *kw_b[] = { "__eq__", "compare* ... value*", "o(n^2)", "(event )?loop" };
    char *ct[] = { pat, "identity ... same as ... equality" };
    char *mis_kw[] = { pat, "is and == are (identical|the same)" };
    rubric_point points[] = {
        { "a", kw_a, 4, ct, 2 },
        { "b", kw_b, 4, NULL, 0 },
    };
    rubric_misconception mis[] = { { "wrong", mis_kw, 2 } };
    rubric_result r;
    rubric_result_init(&r);
    rubric_judge(points, 2, mis, 1, answer, alen, &r);
    if (r.npoints != 2 || r.hits > 2 || (r.soup && r.hits) || (r.misconception && !r.said))
        __builtin_trap();
    for (size_t i = 0; i < r.npoints; i++)
        check_text(r.points[i].note);
    check_text(r.said);
    check_text(r.soup);
    rubric_result_free(&r);
    free(pat);
    return 0;
}
