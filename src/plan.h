/* plan.h - what grading needs that does not depend on any answer, computed
 * once per batch: requires (skip reasons), each test's expected value, each
 * predict drill's truth. Runs author code in children, like answers. */
#ifndef PYDRILL_PLAN_H
#define PYDRILL_PLAN_H

#include "catalog.h"

/* Fills skip_reason, tests[].expect_value/expect_error, truth/truth_error
 * for every drill of c (requires runner_start). Problems that make a drill
 * unusable are added to d as "FILE: drill ID: error: ...". Returns 0 when
 * none, -1 otherwise. */
int plan_prepare(catalog *c, diag *d);
/* The same for one drill (the quiz plans lazily). */
int plan_drill(drill *dr, diag *d);

#endif
