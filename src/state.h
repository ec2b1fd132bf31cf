/* state.h - the quiz's progress across runs, in $XDG_STATE_HOME/pydrill/
 * (default ~/.local/state/pydrill/), keyed by drill id and revision,
 * written atomically; a corrupt file is set aside, never overwritten. */
#ifndef PYDRILL_STATE_H
#define PYDRILL_STATE_H

#include <stddef.h>
#include <time.h>

#include "review.h"

typedef struct {
    char *id;
    int revision;
    int attempts;
    int passed;          /* ever passed at this revision (without seeing the answer first) */
    int revealed_pass;   /* passed only right after a result gave the answer away */
    int last_status;     /* a status (grade.h), -1 when never graded */
    double best_score;
    char *last_answer;   /* last submitted answer */
    char *draft;         /* unsubmitted editor text */
    review_card card;
} state_entry;

typedef struct {
    char *path;          /* progress.json */
    state_entry *entries;
    size_t n;
    char *notice;        /* e.g. "state file was corrupt; set aside as ..." */
} state;

/* Loads (or starts empty). A corrupt file (not JSON, another format, or
 * any value of a wrong type or out of range) is renamed aside and reported
 * in s->notice. Returns 0, or -1 with *err (no "pydrill:" prefix) when the
 * folder or file is unusable. */
int state_load(state *s, char **err);
/* The same for a command that only reads (export): nothing is created or
 * moved, and a corrupt file is an error (-1 with *err, "PATH: error: ..."). */
int state_load_readonly(state *s, char **err);
int state_save(const state *s, char **err);
void state_free(state *s);
/* Finds or creates the entry; a revision change resets its history. The
 * pointer is valid until the next call that adds an entry. */
state_entry *state_get(state *s, const char *id, int revision);
/* Read-only lookup: NULL when there is no entry for id, or only one for
 * another revision (its history no longer applies). */
const state_entry *state_find(const state *s, const char *id, int revision);
/* Keeps (text) or clears (NULL) the unsubmitted editor text of a drill. */
void state_set_draft(state *s, const char *id, int revision, const char *text);
void state_reset(state *s, const char *id); /* NULL: everything */
/* Records an outcome of a graded answer. revealed: a result that gave the
 * answer away was shown before it (a pass then is "passed after reveal":
 * not `passed`, no better best score, and the schedule hears REVIEW_REVEALED). */
void state_record(state *s, const char *id, int revision, int status, double score,
                  const char *answer, int hints_used, int retries, int revealed, time_t now);
/* The candidate's own grade of an answer (explain drills): the schedule is
 * fed g instead, from the card as it was before that answer (before). */
void state_self_grade(state *s, const char *id, int revision, const review_card *before, review_grade g, time_t now);
/* Appends one JSON object as a line of history.jsonl in the state folder.
 * Returns 0, or -1 with *err. */
int state_history_add(const char *json, char **err);
char *state_dir(void); /* caller frees; NULL when neither XDG_STATE_HOME nor a home folder is known */
/* Writes the last submitted answer of every drill as a pydrill-answers/1
 * file (SPEC 2.6; candidate $USER, else "me"): to stdout when path is NULL,
 * else atomically to path. Returns 0, or -1 with *err. */
int state_export(const state *s, const char *path, char **err);

#endif
