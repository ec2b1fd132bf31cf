/* fuzz_pack.c - libFuzzer target: any bytes as a pack must load or give
 * messages, never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "catalog.h"

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
    }
    catalog_free(&c);
    diag_free(&d);
    return 0;
}
