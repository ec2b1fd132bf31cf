/* printed.h - comparing printed output (SPEC 3.2): what a predict answer
 * says a snippet prints against what it does print, and what a test's
 * code printed against its `stdout`. Pure C, no Python. */
#ifndef PYDRILL_PRINTED_H
#define PYDRILL_PRINTED_H

#include <stddef.h>

/* SPEC 3.2: CRLF -> LF, trailing white space of every line dropped (white
 * space as str.isspace() has it), leading and trailing blank lines dropped.
 * The text may hold NULs: its length is returned through *outlen (may be
 * NULL). Caller frees. */
char *printed_normalize(const char *s, size_t len, size_t *outlen);

/* One line of normalised text (not NUL-terminated). */
typedef struct {
    const char *s;
    size_t len;
} printed_line;

/* Two outputs normalised and compared line by line, at the same position. */
typedef struct {
    size_t equal;        /* lines equal at the same position */
    size_t max;          /* the longer side's number of lines */
    size_t first_diff;   /* index of the first differing line, or max */
    printed_line *truth, *answer;
    size_t ntruth, nanswer;
    char *tbuf, *abuf;   /* the normalised texts the lines point into */
} printed_cmp;

/* truth and answer are NUL-terminated; NULL counts as "". */
void printed_cmp_init(printed_cmp *c, const char *truth, const char *answer);
void printed_cmp_free(printed_cmp *c);

/* Lines equal at the same position / max(lines); two empty outputs score 1. */
double printed_score(const char *truth, const char *answer);

#endif
