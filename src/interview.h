/* interview.h - the record of one interview (SPEC 5): every drill with
 * the candidate's answer, what was expected and what it got (visible tests
 * only), the explanation; kept in the state folder as one JSON file per
 * interview, listed newest first, and rendered as text (the screen and
 * `export`) or as a self-contained HTML page to share. No curses. */
#ifndef PYDRILL_INTERVIEW_H
#define PYDRILL_INTERVIEW_H

#include <stddef.h>
#include <time.h>

#include "catalog.h"
#include "grade.h"

#define INTERVIEW_FORMAT "pydrill-interview/1"

typedef struct {
    char *id, *title, *topic, *kind;
    status st;
    double score;
    double seconds;      /* time spent on the drill */
    char *answer;        /* as handed in; NULL when none */
    char *message;       /* the verdict's own line (syntax location, ...) or NULL */
    char *expected;      /* predict: the real output; choice: the right options */
    test_verdict *tests; /* hidden ones keep only name and status */
    size_t ntests;
    point_verdict *points;
    size_t npoints;
    char *out, *err;     /* what the answer printed, trimmed */
    char *explanation, *model_answer;
} interview_item;

typedef struct {
    time_t started;
    double seconds;      /* how long it took */
    double minutes;      /* the countdown it had */
    int timed_out;       /* the clock ran out */
    char *python;
    interview_item *items;
    size_t n;
    char *path;          /* the file it was saved to or read from */
} interview_record;

void interview_record_init(interview_record *r);
void interview_record_free(interview_record *r);
double interview_score(const interview_record *r);
/* Appends an item for drill d: its answer (NULL: none) and verdict v, with
 * hidden tests' expressions and values left out. */
void interview_add(interview_record *r, const drill *d, const char *answer, const drill_verdict *v, double secs);

/* JSON (format INTERVIEW_FORMAT). Caller frees. */
char *interview_to_json(const interview_record *r);
/* Reads one record; -1 with *err (located at what) when it is not one. */
int interview_from_json(const char *text, size_t len, const char *what, interview_record *r, char **err);
/* Writes r atomically to dir/interviews/YYYYmmdd-HHMMSS.json (a suffix
 * when that exists) and sets r->path. Returns 0, or -1 with *err. */
int interview_save(interview_record *r, const char *dir, char **err);
/* Every record under dir/interviews, newest first. Files that cannot be
 * read are counted in *unreadable and left alone; when why is not NULL it
 * gets one message per such file ("PATH: what is wrong"), NULL-terminated.
 * Caller frees each record, each message and both arrays. */
void interview_list(const char *dir, interview_record **out, size_t *n, size_t *unreadable, char ***why);

/* The report as lines for a reader: each line has a style, an indent and
 * its text; IV_WRAP lines are prose a screen may re-wrap, IV_ANSWER the
 * candidate's prose (wrapped, its line breaks kept), the others are shown
 * as they are (code, output, bars). */
typedef enum {
    IV_TITLE,
    IV_NORMAL,
    IV_WRAP,
    IV_PASS,
    IV_FAIL,
    IV_DIM,
    IV_BAR,
    IV_HEAD,
    IV_CODE,
    IV_ANSWER,
} interview_style;
typedef void (*interview_sink)(void *ctx, interview_style st, int indent, const char *text);
/* utf8 picks the glyphs (bars, marks). */
void interview_render(const interview_record *r, int utf8, interview_sink sink, void *ctx);
/* Plain text (ASCII glyphs), and one self-contained HTML page. Caller frees. */
char *interview_text(const interview_record *r);
char *interview_html(const interview_record *r);
/* "2026-11-22 14:05" in local time. */
void interview_when(time_t t, char buf[32]);

#endif
