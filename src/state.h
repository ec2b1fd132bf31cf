/* state.h - the quiz's progress across runs, in $XDG_STATE_HOME/pydrill/
 * (default ~/.local/state/pydrill/), keyed by drill id and revision,
 * written atomically; a corrupt file is set aside, never overwritten. */
#ifndef PYDRILL_STATE_H
#define PYDRILL_STATE_H

#include <stddef.h>
#include <time.h>

#include "catalog.h"
#include "review.h"

typedef struct {
    char *id;
    int revision;
    int attempts;
    int passed;          /* ever passed at this revision (without seeing the answer first) */
    int revealed_pass;   /* passed only right after a result gave the answer away */
    int last_status;     /* a status (grade.h), -1 when never graded */
    double best_score;
    int dirty;           /* changed by this process since its last save */
    unsigned changed;    /* which parts (STATE_CHANGED_*): a save takes in the rest */
    int base_attempts;   /* attempts when loaded or last saved: this process added the difference */
    char *last_answer;   /* last submitted answer */
    char *draft;         /* unsubmitted editor text */
    review_card card;
} state_entry;

/* The parts of an entry a process changes; another process's save of the
 * same drill keeps the parts this one did not change. */
#define STATE_CHANGED_DRAFT 1u  /* the draft */
#define STATE_CHANGED_RESULT 2u /* an answer graded: attempts, status, scores, last answer */
#define STATE_CHANGED_CARD 4u   /* the review schedule */
#define STATE_CHANGED_ALL 8u    /* all of it (a new revision started afresh) */

typedef struct {
    char *path;          /* progress.json, or NULL when no state folder is known */
    state_entry *entries;
    size_t n;
    char *notice;        /* e.g. "state file was corrupt; set aside as ..." */
    char *never_saved;   /* why no save may replace the file (set at load), or NULL */
    char **resets;       /* ids this process reset since its last save */
    size_t nresets;
    int reset_all;
} state;

/* Loads (or starts empty). A corrupt file (not JSON, another format, or
 * any value of a wrong type or out of range) is renamed aside and reported
 * in s->notice; one a newer pydrill wrote is left alone, and never saved
 * over. Returns 0, or -1 with *err (no "pydrill:" prefix) when the folder
 * or file is unusable: a folder that cannot be made now is tried again by
 * each save. */
int state_load(state *s, char **err);
/* The same for a command that only reads (export): nothing is created or
 * moved, and a corrupt file is an error (-1 with *err, "PATH: error: ..."). */
int state_load_readonly(state *s, char **err);
/* Saves what this process changed, over what other processes (another
 * quiz, a watch) saved since: the file is read again under a lock, its
 * entries that this process did not change are taken in (s then shows
 * them), and the result is written atomically. Entry pointers are invalid
 * afterwards. Returns 0, or -1 with *err. */
int state_save(state *s, char **err);
void state_free(state *s);
/* Finds or creates the entry, which this process then saves as its own; a
 * revision change resets its history. The pointer is valid until the next
 * call that adds an entry, or state_save. */
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
/* The same, leaving out the answers of c's drills that are stored for
 * another revision than c's (answers to a question no longer asked);
 * c NULL: every answer. */
int state_export_current(const state *s, const catalog *c, const char *path, char **err);

#endif
