/* rubric.h - judges a spoken-interview answer against an explain drill's
 * rubric (SPEC 2.3), as an interviewer listening for points would.
 *
 * A rubric is points and misconceptions, each with patterns: words and
 * phrases matched as whole words, ignoring case. A match does not count
 * when the answer negates it ("is not about identity"); a point is undone
 * by one of its `contradicts` patterns; a misconception that the answer
 * states fails it; and an answer that is a list of keywords rather than
 * sentences fails whatever it mentions. docs/authoring.md ("Rubrics")
 * describes the pattern language and every rule for authors; rubric.c says
 * why each rule is what it is.
 *
 * Pure C, no Python. Any bytes are accepted (invalid UTF-8 and NUL are
 * separators); only the first RUBRIC_TEXT_MAX bytes of an answer are read,
 * and the work and memory are linear in them. */
#ifndef PYDRILL_RUBRIC_H
#define PYDRILL_RUBRIC_H

#include <stddef.h>

#define RUBRIC_TEXT_MAX 65536   /* bytes of an answer that are judged */
#define RUBRIC_PATTERN_MAX 200  /* bytes in one pattern */

typedef struct {
    char *point;         /* what the interviewer listens for, in a few words */
    char **keywords;     /* patterns: any one, asserted in a sentence, hits the point */
    size_t nkeywords;
    char **contradicts;  /* patterns: any one, asserted, undoes the point */
    size_t ncontradicts;
} rubric_point;

typedef struct {
    char *feedback;      /* the "misconception" field: what is wrong, and why */
    char **keywords;     /* patterns: any one, asserted, fails the answer */
    size_t nkeywords;
} rubric_misconception;

typedef struct {
    int hit;
    char *note;          /* why the point was not counted, or NULL */
} rubric_point_result;

typedef struct {
    rubric_point_result *points; /* one per rubric point */
    size_t npoints;
    size_t hits;
    const rubric_misconception *misconception; /* the first one stated, or NULL */
    char *said;          /* the words that stated it */
    char *soup;          /* why the answer reads as a list of keywords, or NULL */
    int truncated;       /* only the first RUBRIC_TEXT_MAX bytes were read */
    int cut_short;       /* matching took too many steps and stopped: the answer fails */
} rubric_result;

void rubric_result_init(rubric_result *r);
void rubric_result_free(rubric_result *r);

/* 0 if pattern is well formed; -1 with *err (caller frees) otherwise. */
int rubric_pattern_check(const char *pattern, char **err);

/* Judges answer (len bytes, need not be NUL-terminated) into r, which is
 * freed and filled again. Patterns that rubric_pattern_check refuses never
 * match. */
void rubric_judge(const rubric_point *points, size_t npoints, const rubric_misconception *mis,
                  size_t nmis, const char *answer, size_t len, rubric_result *r);

/* How one keyword pattern fares in a text, for tests and authors' tools:
 * the best of its matches. */
typedef enum {
    RUBRIC_ABSENT,      /* no match at all */
    RUBRIC_NEGATED,     /* matched only where the text negates it */
    RUBRIC_NO_SENTENCE, /* matched only in fragments without a verb or relation word */
    RUBRIC_FOUND,       /* matched, asserted, in a sentence */
} rubric_found;

rubric_found rubric_find(const char *pattern, const char *text, size_t len);

#endif
