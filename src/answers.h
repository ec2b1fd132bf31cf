/* answers.h - submissions: an answers file (SPEC 2.6) or a folder of
 * <id>.py / <id>.txt files. */
#ifndef PYDRILL_ANSWERS_H
#define PYDRILL_ANSWERS_H

#include <stddef.h>

#include "util.h"

/* Limits on untrusted submissions (SPEC 3.3): one answer, and one
 * submission (an answers file, standard input, or a folder's answers
 * together). A bigger one is an error for that submission alone. */
#define ANSWER_MAX ((size_t)1 << 20)
#define ANSWERS_FILE_MAX ((size_t)16 << 20)
/* <id>.py / <id>.txt files one folder may hold. */
#define ANSWER_FILES_MAX 10000

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
    /* In a folder, folders named like an answer ("fix-me.py/", a zip of
     * fix-me.py/solution.py): not answers, but the grader names them when
     * the drill is one it grades, rather than a silent "no answer". */
    struct {
        char *path;
        char *id; /* the drill it is named for */
    } *folder_answers;
    size_t nfolder_answers;
} submission;

void submission_init(submission *s);
void submission_free(submission *s);
/* Loads a file, a folder, or standard input ("-"). Returns 0, or -1 with
 * located messages in d (FILE:LINE:COL for JSON syntax, FILE: /pointer for
 * schema errors; a file that is not UTF-8 is an error). What could be read
 * is still in s, sorted by id; of duplicated ids only the first is kept
 * (a field of the file given twice is an error too). An empty or blank
 * answer (only white space) is no answer: the drill is missing. A
 * file without "candidate" is named after the file ("alice.json": alice;
 * "stdin" for standard input); a folder's candidate is its name, without
 * the suffix a Moodle bulk download adds ("Ada Lovelace_123_
 * assignsubmission_file_": Ada Lovelace). In a folder, files that are not
 * <id>.py or <id>.txt with a valid drill id are ignored, and so are
 * folders (those named like an answer are listed in folder_answers).
 *
 * Submissions are untrusted: nothing is read through a symbolic link (the
 * submission itself, or an answer file in it), a FIFO, socket or device is
 * an error and never opened for reading, and the limits above hold. A
 * folder holding no answer file but folders or other .py/.txt files is an
 * error (a bulk download of a whole class, most likely), never graded as
 * one candidate who answered nothing. */
int answers_load(submission *s, const char *path, diag *d);
/* Loads an answers file from memory (text need not be NUL-terminated);
 * path is only used in messages and as the source. Same convention. */
int answers_load_text(submission *s, const char *path, const char *text, size_t len, diag *d);
/* The one reader of an answer's text from a file, for grade (each file of
 * a folder), run (FILE or standard input) and run --watch alike, so that
 * the same file gets the same verdict from each: UTF-16 or UTF-32 (what
 * Windows calls "Unicode") is refused as such, a UTF-8 byte order mark is
 * dropped, a NUL byte or bytes that are not UTF-8 are refused at their
 * line and column. text holds *len bytes and a NUL after them. Returns
 * the answer (text, or just past its byte order mark; NUL-terminated)
 * with *len its length, or NULL with *err ("FILE:LINE:COL: error: ...",
 * caller frees). */
const char *answers_text(const char *file, const char *text, size_t *len, char **err);
/* NULL when the submission has no answer for id. */
const char *submission_get(const submission *s, const char *id);
/* Sets (replaces) the answer for id. */
void submission_set(submission *s, const char *id, const char *text);
/* Serialises as a pydrill-answers/1 document (ids sorted). Caller frees. */
char *answers_to_json(const submission *s);

#endif
