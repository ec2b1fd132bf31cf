/* catalog.h - drills, packs and the catalog (SPEC 2.1-2.4), loaded from JSON.
 *
 * Loading validates every rule of SPEC 2 and reports every problem it finds
 * into a diag, located: "FILE:LINE:COL: error: ..." for JSON syntax,
 * "FILE: /json/pointer: error: ..." for schema errors. Unknown fields are
 * errors (with the known field they look like a misspelling of), except
 * keys that start with '$'; so are duplicated ones.
 * A drill with any problem is left out; the valid ones of the same pack are
 * kept. So is a drill whose id an earlier drill has (in any pack loaded
 * into the same catalog): the first one is kept. At most 100 messages are
 * kept per file. */
#ifndef PYDRILL_CATALOG_H
#define PYDRILL_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "rubric.h"
#include "util.h"
#include "value.h"

/* The kinds of drill; what each means is its row in kind.h's table. */
typedef enum { KIND_PREDICT, KIND_FIX, KIND_WRITE, KIND_CHOICE, KIND_EXPLAIN, KIND_PARSONS } drill_kind;

typedef struct {
    int timeout_ms; /* default 2000 */
    int memory_mb;  /* default 256 */
    int output_kb;  /* default 64 */
} drill_limits;

typedef struct {
    char *name;
    char *setup;   /* NULL when absent */
    char *expr;
    char *expect;  /* source of the expected value; NULL when `raises` is used */
    char *raises;  /* built-in exception class name, or NULL */
    char *stdout_expect; /* NULL when absent */
    double tolerance;    /* 0 when absent */
    int hidden;
    /* Filled by the planner (plan.c) from a run of `expect`, never by the
     * loader: the expected value, or why it could not be computed. */
    value *expect_value;
    char *expect_error;
} drill_test;

/* One entry of a predict drill's versioned `expect`. */
typedef struct {
    char *range;  /* a version range (pyversion.h), e.g. "<3.13" */
    char *output;
} versioned_output;

typedef struct drill {
    char *id;
    int revision;
    char *title;
    char *topic;
    char **tags;
    size_t ntags;
    int level;
    drill_kind kind;
    char *prompt;
    char *code;        /* NULL when absent */
    char **hints;
    size_t nhints;
    char *explanation;
    drill_limits limits; /* pack defaults merged with the drill's own */

    char *req_python;  /* e.g. ">=3.12", or NULL */
    char **req_modules;
    size_t nreq_modules;

    /* predict */
    int repl;          /* mode "repl" */
    char *expect_output; /* `expect` of a predict drill as a string, or NULL */
    versioned_output *expect_versions; /* `expect` as an object: an output per range */
    size_t nexpect_versions;

    /* fix / write */
    drill_test *tests;
    size_t ntests;
    char *solution;
    char **wrong;      /* answers that must fail (check proves it) */
    size_t nwrong;

    /* parsons: the solution's lines in order, lines that belong to no
     * right answer, and both as shown, shuffled (kind_parsons.c) */
    char **lines;
    size_t nlines;
    char **distractors;
    size_t ndistractors;
    char **shown;      /* lines then distractors, in the order the candidate sees them */
    size_t nshown;

    /* choice */
    char **choices;
    size_t nchoices;
    int *answer;       /* sorted 0-based indexes */
    size_t nanswer;

    /* explain: the rubric's points, and its misconceptions (rubric.h) */
    char *model_answer;
    rubric_point *rubric;
    size_t nrubric;
    rubric_misconception *misconceptions;
    size_t nmisconceptions;
    double pass_score; /* default 0.6 */

    /* where it came from, for messages */
    char *pack_path;
    size_t pack_index; /* index of the pack in the catalog */
    size_t index;      /* index in the pack's "drills" array */

    /* Filled by the planner, not the loader. */
    char *skip_reason; /* requires unmet: the drill is `skipped` */
    char *truth;       /* predict: what the code prints (normalised) */
    char *truth_error; /* predict: why the truth could not be computed */
    char *code_syntax; /* predict: the snippet does not compile ("line L, column C: msg"), or NULL */
} drill;

typedef struct {
    char *path;
    char *name;        /* "pack" */
    char *title;
    char **authors;
    size_t nauthors;
    drill_limits defaults;
} pack_info;

typedef struct {
    char *path;        /* catalog file, or NULL for --pack only */
    char *title;
    pack_info *packs;
    size_t npacks;
    drill *drills;     /* all drills of all packs, in load order */
    size_t ndrills;
    size_t drills_cap; /* allocated slots of drills */
    size_t *id_slots;  /* hash of ids: index in drills + 1, 0 when empty */
    size_t id_nslots;  /* a power of two, at least twice ndrills */
    /* Which packs were loaded, byte for byte, whatever their order or
     * path: a shard's report carries it, so that shards graded with other
     * packs are not merged. */
    uint64_t digest;
} catalog;

void catalog_init(catalog *c);
void catalog_free(catalog *c);
/* Loads a catalog file and every pack it lists. Returns 0 when everything
 * loaded cleanly, -1 when any problem was added to d (what could be
 * loaded is still in c). */
int catalog_load(catalog *c, const char *path, diag *d);
/* Keeps only the drills of those ids (in load order), releasing the rest;
 * the digest then also names the choice. Returns 0, or -1 with *err
 * naming the first id that is not loaded (nothing is changed then). */
int catalog_keep(catalog *c, const char *const *ids, size_t n, char **err);
/* c->digest as 16 hex digits and a NUL. */
#define CATALOG_DIGEST_HEX 17
void catalog_digest_hex(const catalog *c, char out[CATALOG_DIGEST_HEX]);
/* Loads one pack (for --pack). Same return convention. */
int catalog_add_pack(catalog *c, const char *path, diag *d);
/* Loads one pack from memory (text need not be NUL-terminated); path is
 * only used in messages and drill.pack_path. Same return convention. */
int catalog_add_pack_text(catalog *c, const char *path, const char *text, size_t len, diag *d);
/* Checks ids are unique across everything loaded (adds to d). Loading
 * already leaves a drill with a duplicate id out, so this finds nothing
 * in a catalog filled by the functions above. */
int catalog_check_unique(const catalog *c, diag *d);
const drill *catalog_find(const catalog *c, const char *id);

/* Frees everything a drill owns (including the planner's fields) and
 * zeroes it. */
void catalog_drill_release(drill *dr);

/* The output a predict drill's `expect` pins for the Python of hexversion:
 * 1 with *out set, 0 when the drill pins none, -1 with *err (caller frees)
 * when `expect` is by version and no range holds, or more than one does. */
int catalog_expect_for(const drill *dr, unsigned long hexversion, const char **out, char **err);
/* A versioned `expect`'s ranges read as a whole, whatever Python this is:
 * two that hold for one version, or a supported one (that requires.python
 * allows) for which none does. Returns 1 when either is so, saying which
 * in d when d is not NULL ("FILE: drill ID: error: ..."), else 0. */
int catalog_expect_ranges_faulty(const drill *dr, diag *d);

/* pyversion_range_check for a range an author wrote (requires.python, a
 * versioned expect's key): 0, or -1 with *why (caller frees), which
 * quotes at most VCTX_EXCERPT characters of it. */
int catalog_range_check(const char *range, char **why);
/* 1 if s matches ^[a-z0-9][a-z0-9-]{0,63}$ (drill ids, SPEC 2.3). */
int catalog_id_valid(const char *s);
/* 1 if name is a built-in exception class of some Python pydrill supports
 * (3.11 to 3.15). */
int catalog_builtin_exception(const char *name);
/* The minor version of Python 3 whose builtins first have the exception
 * class name (11 for any that 3.11 has; 13 for PythonFinalizationError),
 * or 0 when none has it. */
int catalog_builtin_exception_since(const char *name);
/* The built-in exception class name looks like a misspelling of (same
 * first letter, close), or NULL. */
const char *catalog_builtin_exception_like(const char *name);

const char *drill_kind_name(drill_kind k);
int drill_kind_parse(const char *s, drill_kind *k); /* 0 ok, -1 unknown */

#endif
