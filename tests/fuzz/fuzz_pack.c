/* fuzz_pack.c - libFuzzer target: any bytes as a pack must load or give
 * messages, never crash, hang or leak. A parsons drill that loads shows
 * each of its lines and distractors once, and the same bytes as an answer
 * to it become code or a failed verdict. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "kind.h"

static void check_parsons(const drill *dr, const uint8_t *data, size_t size)
{
    if (dr->nlines < 2 || dr->nshown != dr->nlines + dr->ndistractors || dr->nshown > 26)
        __builtin_trap();
    for (size_t k = 0; k < dr->nshown; k++) {
        const char *want = k < dr->nlines ? dr->lines[k] : dr->distractors[k - dr->nlines];
        size_t seen = 0;
        for (size_t j = 0; j < dr->nshown; j++)
            seen += dr->shown[j] == want;
        if (seen != 1)
            __builtin_trap();
    }
    char *answer = malloc(size + 1);
    memcpy(answer, data, size);
    answer[size] = '\0';
    drill_verdict v;
    drill_verdict_init(&v, dr);
    char *code = kind_answer_code(dr, answer, &v);
    if (!code && (v.st != ST_FAIL || !v.message))
        __builtin_trap();
    free(code);
    char *right = kind_parsons_solution_letters(dr);
    code = kind_answer_code(dr, right, &v);
    if (!code)
        __builtin_trap();
    free(code);
    free(right);
    drill_verdict_free(&v);
    free(answer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    int rc = catalog_add_pack_text(&c, "fuzz.json", (const char *)data, size, &d);
    /* The contract the rest of pydrill relies on: -1 exactly when there
     * is something to show. */
    if ((rc == 0) != (d.n == 0))
        __builtin_trap();
    catalog_check_unique(&c, &d);
    for (size_t i = 0; i < c.ndrills; i++) {
        const drill *dr = &c.drills[i];
        if (!catalog_id_valid(dr->id) || !dr->title || !dr->prompt || !dr->explanation)
            __builtin_trap();
        if (catalog_find(&c, dr->id) == NULL)
            __builtin_trap();
        for (size_t k = 0; k < dr->nanswer; k++)
            if (dr->answer[k] < 0 || (size_t)dr->answer[k] >= dr->nchoices)
                __builtin_trap();
        if ((dr->kind == KIND_FIX || dr->kind == KIND_WRITE) && (!dr->ntests || !dr->solution))
            __builtin_trap();
        if (dr->kind == KIND_PARSONS)
            check_parsons(dr, data, size);
    }
    catalog_free(&c);
    diag_free(&d);
    return 0;
}
