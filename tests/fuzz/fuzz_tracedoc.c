/* fuzz_tracedoc.c - libFuzzer target for the trace document: the input is
 * the tracer's records (what tracedoc_build reads from the child), then
 * the built document is read back (tracedoc_parse), and the input itself
 * is read as a document too. Whatever the bytes: no crash, no leak, a
 * built document always reads back, and every step's objects are found by
 * their own ids. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tracedoc.h"

static void check(const char *json, int must_parse)
{
    tracedoc doc;
    char *err = NULL;
    int rc = tracedoc_parse(json, &doc, &err);
    if (rc < 0 && must_parse)
        abort();
    for (size_t i = 0; rc == 0 && i < doc.nsteps; i++)
        for (size_t k = 0; k < doc.steps[i].nobjs; k++)
            if (!tracedoc_find(&doc.steps[i], doc.steps[i].objs[k].id))
                abort();
    free(err);
    tracedoc_free(&doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    static const char *const statuses[] = { "ok", "timeout", "crash", "bogus" };
    tracedoc_run run = {
        .drill = "d", .python = "3", .code = text, .status = statuses[size % 4], .message = "m",
        .records = text, .records_len = size, .out = size % 2 ? text : NULL,
    };
    char *json = tracedoc_build(&run);
    check(json, 1);
    check(text, 0);
    free(json);
    free(text);
    return 0;
}
