/* fuzz_interview.c - libFuzzer target: any bytes as an interview record
 * read back from the state folder (the list of past interviews, export).
 * A file is a record or a message, never a crash; what is read renders as
 * text and HTML, and its JSON read back gives the same JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    interview_record r;
    char *err = NULL;
    if (interview_from_json((const char *)data, size, "fuzz.json", &r, &err) < 0) {
        if (!err || !err[0])
            __builtin_trap();
        free(err);
        interview_record_free(&r);
        return 0;
    }
    free(interview_text(&r));
    free(interview_html(&r));
    /* JSON out, read back, JSON out again: the same text */
    char *json = interview_to_json(&r);
    interview_record again;
    if (interview_from_json(json, strlen(json), "again.json", &again, &err) < 0)
        __builtin_trap();
    char *json2 = interview_to_json(&again);
    if (strcmp(json, json2) != 0)
        __builtin_trap();
    free(json2);
    free(json);
    interview_record_free(&again);
    interview_record_free(&r);
    return 0;
}
