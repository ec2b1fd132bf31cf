/* fuzz_answers.c - libFuzzer target: any bytes as an answers file must
 * load or give messages; what loads must survive an export round trip. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    int rc = answers_load_text(&s, "fuzz.json", (const char *)data, size, &d);
    if (rc != 0 && d.n == 0)
        __builtin_trap();
    if (rc == 0) {
        char *json = answers_to_json(&s);
        submission t;
        diag d2;
        submission_init(&t);
        diag_init(&d2);
        if (answers_load_text(&t, "again.json", json, strlen(json), &d2) != 0 || t.n != s.n)
            __builtin_trap();
        for (size_t i = 0; i < s.n; i++) {
            const char *a = submission_get(&t, s.items[i].id);
            if (!a || strcmp(a, s.items[i].text) != 0)
                __builtin_trap();
        }
        free(json);
        submission_free(&t);
        diag_free(&d2);
    }
    submission_free(&s);
    diag_free(&d);
    return 0;
}
