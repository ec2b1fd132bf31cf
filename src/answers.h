/* answers.h - submissions: an answers file (SPEC 2.6) or a folder of
 * <id>.py / <id>.txt files. */
#ifndef PYDRILL_ANSWERS_H
#define PYDRILL_ANSWERS_H

#include <stddef.h>

#include "util.h"

typedef struct {
    char *id;
    char *text; /* NUL-terminated; answers containing NUL are rejected */
} answer;

typedef struct {
    char *candidate;
    char *source;   /* the path it was read from */
    answer *items;
    size_t n;
    size_t cap;     /* allocated slots of items */
} submission;

void submission_init(submission *s);
void submission_free(submission *s);
/* Loads a file or a folder. Returns 0, or -1 with located messages in d
 * (FILE:LINE:COL for JSON syntax, FILE: /pointer for schema errors; a file
 * that is not UTF-8 is an error). What could be read is still in s, sorted
 * by id; of duplicated ids only the first is kept. A file without
 * "candidate" is named after the file ("alice.json": alice); a folder's
 * candidate is its name. In a folder, files that are not <id>.py or
 * <id>.txt with a valid drill id are ignored. */
int answers_load(submission *s, const char *path, diag *d);
/* Loads an answers file from memory (text need not be NUL-terminated);
 * path is only used in messages and as the source. Same convention. */
int answers_load_text(submission *s, const char *path, const char *text, size_t len, diag *d);
/* NULL when the submission has no answer for id. */
const char *submission_get(const submission *s, const char *id);
/* Sets (replaces) the answer for id. */
void submission_set(submission *s, const char *id, const char *text);
/* Serialises as a pydrill-answers/1 document (ids sorted). Caller frees. */
char *answers_to_json(const submission *s);

#endif
