/* vctx.h - the validation walk the loaders share (catalog.c, answers.c):
 * where a vctx is in a file as a JSON Pointer, located messages, typed
 * field getters that report what is missing, wrong or misspelled. */
#ifndef PYDRILL_VCTX_H
#define PYDRILL_VCTX_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util.h"

#define V_REQUIRED 1
#define V_NONEMPTY 2
#define V_ONELINE 4
#define MAX_SHOWN 100 /* messages kept per file; a broken file can have millions */

typedef enum { J_STR, J_NUM, J_BOOL, J_ARR, J_OBJ } jtype;

typedef struct {
    const char *const *known; /* the fields of the object being read */
    unsigned long reported;   /* bit i: known[i] already reported as misspelled */
} vscope;

typedef struct {
    const char *file;
    diag *d;
    size_t nerr;
    sbuf ptr;
    vscope scope;
    char *quoted[4]; /* vquote's results, freed in turn */
    unsigned qi;
} vctx;

void vctx_init(vctx *v, const char *file, diag *d);
void vctx_release(vctx *v);
/* A short quoted form of s for messages: vctx_quote allocates (caller
 * frees), vquote keeps it in v (valid until four more calls). */
char *vctx_quote(const char *s);
const char *vquote(vctx *v, const char *s);
/* How much of an author's text (an expect, a line of output) a message
 * quotes: a message about a 600 KB value stays one readable line. */
#define VCTX_EXCERPT 200
/* s itself when it has at most VCTX_EXCERPT characters, else its first
 * VCTX_EXCERPT and "... (N more characters)". Caller frees. */
char *vctx_excerpt(const char *s);
/* 1 if s is empty or only white space (which shows as nothing). */
int vctx_blank(const char *s);
/* ptr + "/" + key, escaped as RFC 6901 says. Caller frees. */
char *vctx_pointer_join(const char *ptr, const char *key);
/* Enter a member or an element; vpop returns to the mark vpush gave. */
size_t vpush(vctx *v, const char *key);
size_t vpush_index(vctx *v, size_t i);
void vpop(vctx *v, size_t mark);
/* "FILE: /pointer[/key]: error: ..." (capped at MAX_SHOWN per file). */
void verr(vctx *v, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "FILE: drill ID: error: ..." for a whole drill, capped as verr is. */
void verr_drill(vctx *v, const char *id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int jtype_is(const cJSON *j, jtype t);
/* An unknown field's message lists the known ones when there are at most
 * this many (a test's, a rubric entry's; not a drill's). */
#define VFIELDS_LISTED 8
/* Declares the known fields of obj and reports every duplicated field and
 * every unknown one (a misspelling gets "did you mean"); keys that start
 * with '$' are allowed. Returns the previous scope, to restore. */
vscope vfields(vctx *v, const cJSON *obj, const char *const *known);
/* Reports each key of obj written a second time ("duplicate field", at
 * the later one); JSON allows it, but which one counts would be a guess.
 * Returns how many. */
size_t vunique_keys(vctx *v, const cJSON *obj);
void vmissing(vctx *v, const char *key, const char *alt);
/* 1 if typed looks like a misspelling of name; the index of key in the
 * NULL-terminated known list, or -1. */
int vctx_looks_like(const char *typed, const char *name);
int vctx_known_index(const char *const *known, const char *key);
const cJSON *vget(vctx *v, const cJSON *obj, const char *key, jtype t, int flags);
int vcheck_str(vctx *v, const char *key, const char *s, int flags);
char *vget_str(vctx *v, const cJSON *obj, const char *key, int flags);
char **vget_strv(vctx *v, const cJSON *obj, const char *key, int flags, size_t *n);
/* vget_strv, and each string also passes check (0, or -1 with *err that
 * is reported at the string's own pointer and freed); the strings that do
 * not pass are left out. check NULL: vget_strv. */
char **vget_strv_checked(vctx *v, const cJSON *obj, const char *key, int flags,
                         int (*check)(const char *s, char **err), size_t *n);
int vcheck_int(vctx *v, const char *key, const cJSON *it, long min, long max, int *out);
int vget_int(vctx *v, const cJSON *obj, const char *key, int flags, long min, long max, int *out);

#endif
