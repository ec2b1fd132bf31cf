/* fuzz_value.c - libFuzzer target for the plain-value wire form.
 *
 * Whatever the bytes, decoding must not crash; a value that decodes must
 * survive encode/decode unchanged and have a repr. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *j = cJSON_ParseWithLength((const char *)data, size);
    if (!j)
        return 0;
    char *err = NULL;
    value *a = value_from_json(j, &err);
    cJSON_Delete(j);
    if (!a) {
        if (!err || strncmp(err, "value: ", 7) != 0)
            abort();
        free(err);
        return 0;
    }
    if (err)
        abort();
    cJSON *k = value_to_json(a);
    value *b = value_from_json(k, &err);
    cJSON_Delete(k);
    if (!b || !value_equal(a, b, 0) || !value_equal(b, a, 0))
        abort();
    value *c = value_clone(a);
    if (!value_equal(a, c, 0) || !value_equal(a, b, 1e-9))
        abort();
    char *r1 = value_repr(a, 0), *r2 = value_repr(b, 0), *r3 = value_repr(a, 20);
    /* the round trip keeps dict order and every float bit but NaN signs,
     * which repr does not show: the reprs must match */
    if (strcmp(r1, r2) != 0 || strlen(r3) > 20)
        abort();
    free(r1);
    free(r2);
    free(r3);
    value_free(a);
    value_free(b);
    value_free(c);
    return 0;
}
