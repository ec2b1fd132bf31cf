/* kind_write.c - a write drill: the answer is code written to the prompt
 * (starting from `code`, the stub, when there is one), graded by running
 * it against the tests (SPEC 2.3). */
#include "kind_tests.h"

static const char *const fields[] = { "tests", "solution", "wrong", NULL };

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    kind_tests_parse(v, obj, dr, 1);
}

/* The solution passes, the stub (if any) does not, nor any wrong answer. */
static int check(const drill *d, const kind_check_env *env, diag *dg)
{
    int ok = kind_tests_passes(d, d->solution, "the solution", env, dg);
    if (d->code)
        ok &= kind_tests_starter_fails(d, d->code, "the stub", env, dg);
    return ok & kind_tests_wrong_fail(d, env, dg);
}

static void show(const drill *d, int solution, FILE *out)
{
    kind_tests_show(d, solution, out);
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-write-drill\",\n"
    "  \"title\": \"Flatten one level\",\n"
    "  \"topic\": \"iteration\",\n"
    "  \"level\": 1,\n"
    "  \"kind\": \"write\",\n"
    "  \"prompt\": \"Write flatten(xss) returning a list of the items of the inner lists, in order.\",\n"
    "  \"code\": \"def flatten(xss):\\n    pass\\n\",\n"
    "  \"solution\": \"def flatten(xss):\\n    return [x for xs in xss for x in xs]\\n\",\n"
    "  \"hints\": [\"A nested comprehension reads left to right.\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"two lists\", \"expr\": \"flatten([[1, 2], [3]])\", \"expect\": \"[1, 2, 3]\" },\n"
    "    { \"name\": \"three lists\", \"expr\": \"flatten([[1], [], [2, 3]])\", \"expect\": \"[1, 2, 3]\", \"hidden\": true },\n"
    "    { \"name\": \"empty\", \"expr\": \"flatten([])\", \"expect\": \"[]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"wrong\": [\n"
    "    \"def flatten(xss):\\n    return [x for x in xss]\\n\",\n"
    "    \"def flatten(xss):\\n    return xss[0] + xss[1]\\n\"\n"
    "  ],\n"
    "  \"explanation\": \"A comprehension with two for clauses nests them in the order written.\"\n"
    "}\n";

const kind_ops kind_write = {
    .name = "write",
    .kind = KIND_WRITE,
    .input = INPUT_CODE,
    .runs_answer = 1,
    .fields = fields,
    .parse = parse,
    .plan = kind_tests_plan,
    .code_of = kind_tests_code_of,
    .check = check,
    .show = show,
    .template_json = template_json,
};
