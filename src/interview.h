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
    int shown;           /* the drill was on screen (0: never reached) */
    int passed_on;       /* handed in with nothing in it (Ctrl-S on an empty box) */
    int runs;            /* Ctrl-R runs of the visible tests */
    char *seen_before;   /* where its answer was shown before this interview, or NULL */
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
    int interrupted;     /* the quiz ended without finishing it (kill -9, power): its journal */
    /* while it runs, the file is its journal: who writes it (a journal
     * whose writer is gone is an interrupted interview) */
    long owner_pid;
    unsigned long long owner_start; /* the writer's start time (/proc/PID/stat) */
    char *owner_boot;               /* /proc/sys/kernel/random/boot_id */
} interview_record;

void interview_record_init(interview_record *r);
void interview_record_free(interview_record *r);
/* As `grade` counts (SPEC 3.1): a `skipped` drill is out of both. */
double interview_score(const interview_record *r);
size_t interview_max(const interview_record *r);
/* Marks r as the journal of an interview this process is running. */
void interview_set_running(interview_record *r);
/* A journal whose writer is gone (another boot, a dead process). */
int interview_owner_gone(const interview_record *r);
/* Appends an item for drill d: its answer (NULL: none) and verdict v, with
 * hidden tests' expressions and values left out. */
void interview_add(interview_record *r, const drill *d, const char *answer, const drill_verdict *v, double secs);

/* JSON (format INTERVIEW_FORMAT). Caller frees. */
char *interview_to_json(const interview_record *r);
/* Reads one record; -1 with *err (located at what) when it is not one. */
int interview_from_json(const char *text, size_t len, const char *what, interview_record *r, char **err);
/* Writes r atomically: over r->path when it has one (its own file, a
 * journal before), else to a new dir/interviews/YYYYmmdd-HHMMSS.json (-2,
 * -3, ... when that exists: a name is taken exclusively, never replaced)
 * and sets r->path. Returns 0, or -1 with *err. */
int interview_save(interview_record *r, const char *dir, char **err);
/* Writes data to a new file STEM.EXT, or STEM-2.EXT, ...: never over a
 * file already there, and whole or not at all (a temporary file linked
 * into place). *path gets the name (caller frees). 0, or -1 with *err. */
int interview_write_new(const char *stem, const char *ext, const char *data, char **path, char **err);
/* Journals under dir/interviews whose writer is gone are kept as
 * interrupted reports (rewritten without the writer). Returns how many. */
size_t interview_recover(const char *dir);
/* The drill ids of the reports under dir/interviews that started at or
 * after since, each with when ("the report of 2026-11-22 14:05"): their
 * answers were shown. NULL-terminated pairs (id, where); caller frees
 * every string and the array. */
char **interview_shown_since(const char *dir, time_t since);
/* Every record under dir/interviews, newest first (journals of interviews
 * still running elsewhere left out; those whose writer is gone marked
 * interrupted). Files that cannot be
 * read are counted in *unreadable and left alone; when why is not NULL it
 * gets one message per such file ("PATH: what is wrong"), NULL-terminated.
 * Caller frees each record, each message and both arrays. Returns 0
 * (also when the folder does not exist: none kept), or the errno of a
 * folder that is there but cannot be read (EACCES, ENOTDIR), with none
 * listed. */
int interview_list(const char *dir, interview_record **out, size_t *n, size_t *unreadable, char ***why);

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
