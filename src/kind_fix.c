/* kind_fix.c - a fix drill: the code has a bug, the answer is the code
 * corrected, graded by running it against the tests (SPEC 2.3). */
#include "kind_tests.h"

static const char *const fields[] = { "tests", "solution", "wrong", NULL };

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    kind_tests_parse(v, obj, dr, 1);
}

/* The solution passes, the buggy starter does not, nor any wrong answer. */
static int check(const drill *d, const kind_check_env *env, diag *dg)
{
    return kind_tests_passes(d, d->solution, "the solution", env, dg) &
           kind_tests_starter_fails(d, d->code, "the starter code", env, dg) & kind_tests_wrong_fail(d, env, dg);
}

static void show(const drill *d, int solution, FILE *out)
{
    kind_tests_show(d, solution, out);
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-fix-drill\",\n"
    "  \"title\": \"Fix the shared default list\",\n"
    "  \"topic\": \"functions\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"fix\",\n"
    "  \"prompt\": \"append_to(x, lst) appends x to lst, in place, and returns lst; called without a list, it should start from a new empty list every time. Fix it.\",\n"
    "  \"code\": \"def append_to(x, lst=[]):\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"solution\": \"def append_to(x, lst=None):\\n    if lst is None:\\n        lst = []\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"hints\": [\"When is the default value created?\", \"Use None as a sentinel.\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"first call\", \"expr\": \"append_to(1)\", \"expect\": \"[1]\" },\n"
    "    { \"name\": \"second call gets a fresh list\", \"setup\": \"append_to(1)\", \"expr\": \"append_to(2)\", \"expect\": \"[2]\" },\n"
    "    { \"name\": \"a given list is used\", \"expr\": \"append_to(3, [1])\", \"expect\": \"[1, 3]\", \"hidden\": true },\n"
    "    { \"name\": \"a given empty list is filled in place\", \"setup\": \"mine = []\\nappend_to(3, mine)\", \"expr\": \"mine\", \"expect\": \"[3]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"wrong\": [\n"
    "    \"def append_to(x, lst=[]):\\n    lst.append(x)\\n    return lst[:]\\n\",\n"
    "    \"def append_to(x, lst=None):\\n    lst = lst or []\\n    lst.append(x)\\n    return lst\\n\"\n"
    "  ],\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs; a None sentinel makes a new list per call. Test the sentinel with `is None`: `lst or []` also replaces a caller's empty list.\"\n"
    "}\n";

const kind_ops kind_fix = {
    .name = "fix",
    .kind = KIND_FIX,
    .input = INPUT_CODE,
    .code_required = 1,
    .runs_answer = 1,
    .fields = fields,
    .parse = parse,
    .plan = kind_tests_plan,
    .code_of = kind_tests_code_of,
    .check = check,
    .show = show,
    .template_json = template_json,
};
