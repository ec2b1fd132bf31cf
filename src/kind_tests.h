/* kind_tests.h - what the kinds graded by tests share (fix, write,
 * parsons): see kind_tests.c. */
#ifndef PYDRILL_KIND_TESTS_H
#define PYDRILL_KIND_TESTS_H

#include "kind.h"

/* Reads `tests` (and, with_solution, `solution` and `wrong`). */
void kind_tests_parse(vctx *v, const cJSON *obj, drill *dr, int with_solution);
/* Evaluates every test's `expect` once, in a child. */
int kind_tests_plan(drill *dr, const kind_env *env, diag *d);
/* The answer itself is the code (fix, write). */
char *kind_tests_code_of(const drill *d, const char *answer, char **err);
/* check: answer must pass every test / must fail one; what names it in
 * the message ("the solution", "the starter code"). 1 when it holds. */
int kind_tests_passes(const drill *d, const char *answer, const char *what, const kind_check_env *env, diag *dg);
int kind_tests_fails(const drill *d, const char *answer, const char *what, const kind_check_env *env, diag *dg);
/* The same for the code a candidate starts from (a fix starter, a write
 * stub), which must also compile: as with a wrong answer, failing to
 * compile proves nothing of the tests, and no one should start from
 * broken code. */
int kind_tests_starter_fails(const drill *d, const char *code, const char *what, const kind_check_env *env,
                             diag *dg);
/* check: every `wrong` answer fails (and compiles). */
int kind_tests_wrong_fail(const drill *d, const kind_check_env *env, diag *dg);
/* show: the tests (hidden ones counted, unless solution). */
void kind_tests_show(const drill *d, int solution, FILE *out);

#endif
