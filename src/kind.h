/* kind.h - the table of drill kinds.
 *
 * Everything that differs from one kind of drill to another is a row of
 * this table, each kind in a file of its own (kind_predict.c, kind_fix.c,
 * kind_write.c, kind_choice.c, kind_explain.c, kind_parsons.c; what the
 * kinds graded by tests share is in kind_tests.c): the fields it adds to a
 * drill and how they are read, how it is planned, how an answer is judged,
 * what `check` proves, what `show` adds, the template `new` prints, and how
 * the quiz takes an answer. Loaders, the engine, commands, reports and
 * screens ask the table; nothing else switches on the kind.
 *
 * Adding a kind: a kind_NAME.c with its row, the row in kind.c's table, an
 * entry in drill_kind (catalog.h), and, when the quiz needs a new way to
 * take an answer, a kind_input and its widget. */
#ifndef PYDRILL_KIND_H
#define PYDRILL_KIND_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "grade.h"
#include "vctx.h"

/* How the quiz takes an answer. */
typedef enum {
    INPUT_TEXT,   /* a box of text that wraps (predict, explain) */
    INPUT_CHOICE, /* a list to select from (choice) */
    INPUT_CODE,   /* an editor pre-filled with the starter code (fix, write) */
    INPUT_ORDER,  /* lines to put in order (parsons) */
} kind_input;

/* What planning may ask of the engine, so that a kind file needs no runner
 * of its own (and the loaders and their fuzz targets link without one). */
struct runner_job;
struct run_result;
typedef struct {
    void (*run)(const struct runner_job *job, struct run_result *r); /* one job in a child (runner.h) */
} kind_env;

/* What `check` may ask. */
typedef struct {
    /* grades an answer the way a candidate's is graded (NULL: missing) */
    void (*judge)(const drill *d, const char *answer, drill_verdict *v);
    unsigned long hexversion; /* the embedded Python's PY_VERSION_HEX */
    const cJSON *other_truths; /* predict: {id: truth} from a run under another hash seed, or NULL */
} kind_check_env;

typedef struct {
    const char *name;          /* as packs spell it: "predict" */
    drill_kind kind;
    kind_input input;
    int code_required;         /* `code` must be given */
    int runs_answer;           /* an answer becomes code that a child runs against the tests */
    int has_truth;             /* answers are compared with what the drill's code prints
                                  (check runs that code again under another hash seed) */
    const char *const *fields; /* the drill fields only this kind has (NULL-terminated) */
    /* Reads those fields of obj into dr; problems through v. */
    void (*parse)(vctx *v, const cJSON *obj, drill *dr);
    /* The kind's part of planning, once requires are met: 0, or -1 with
     * "FILE: drill ID: error: ..." messages in d. NULL: nothing to plan. */
    int (*plan)(drill *dr, const kind_env *env, diag *d);
    /* Judges an answer in C (kinds that do not run the answer). */
    void (*judge)(const drill *d, const char *answer, drill_verdict *v);
    /* Kinds that run the answer: the code the child runs for it (caller
     * frees), or NULL with *err when the answer cannot become code (the
     * answer then fails with that message). */
    char *(*code_of)(const drill *d, const char *answer, char **err);
    /* The proofs `check` makes for a planned drill: 1 when all hold, else
     * 0 with "FILE: drill ID: error: ..." messages in dg. */
    int (*check)(const drill *d, const kind_check_env *env, diag *dg);
    /* What `show` prints for the kind after the question and code. */
    void (*show)(const drill *d, int solution, FILE *out);
    /* A complete drill of this kind that `check` passes: `pydrill new`. */
    const char *template_json;
} kind_ops;

const kind_ops *kind_get(drill_kind k);
/* NULL when no kind has that name. */
const kind_ops *kind_find(const char *name);
size_t kind_count(void);
const kind_ops *kind_at(size_t i);
/* "predict, fix, write, choice, explain or parsons", for messages. */
const char *kind_names_text(void);
/* 1 if some kind other than k declares field (and so k must not have it);
 * *owners names the kinds that do ("predict", "fix and write"). */
int kind_field_elsewhere(drill_kind k, const char *field, const char **owners);

/* For kinds that run the answer: the code a child runs for it (caller
 * frees), or NULL when the answer cannot become code, with v filled as a
 * `fail` saying why. */
char *kind_answer_code(const drill *d, const char *answer, drill_verdict *v);
/* For `show`: adds text to sb with each line after its first indented to
 * the column sb's last line has reached (a hanging indent), so that code
 * after "  a) " or "and prints: " keeps its own indentation; a trailing
 * newline is left out. */
void kind_show_hanging(sbuf *sb, const char *text);
/* A parsons drill's right answer: the letters of its lines in order. */
char *kind_parsons_solution_letters(const drill *d);

/* The rows, one per kind file. */
extern const kind_ops kind_predict, kind_fix, kind_write, kind_choice, kind_explain, kind_parsons;

#endif
