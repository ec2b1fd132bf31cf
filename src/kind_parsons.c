/* kind_parsons.c - a Parsons problem: put shuffled lines of code in order
 * (SPEC 2.3). The drill gives the solution's lines in order, each with its
 * indentation, and optionally distractors (lines that belong to no right
 * answer); the candidate sees them all shuffled, in an order fixed by the
 * drill's id, lettered a, b, ...; the answer is the letters of the lines
 * chosen, in order. The chosen lines, joined, are graded as a write answer
 * is, by the tests: every order that passes them is right. */
#include "kind_tests.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "util.h"

/* Lines are lettered a..z. */
#define PARSONS_MAX_LINES 26
#define PARSONS_MIN_LINES 2

static const char *const fields[] = { "lines", "distractors", "tests", NULL };

/* The order the candidate sees: a shuffle seeded by the id (FNV-1a, then
 * xorshift64*), so every run, report and machine shows the same letters. */
static void shuffle(drill *dr)
{
    size_t n = dr->nlines + dr->ndistractors;
    dr->shown = xcalloc(n ? n : 1, sizeof *dr->shown);
    dr->nshown = n;
    for (size_t i = 0; i < dr->nlines; i++)
        dr->shown[i] = dr->lines[i];
    for (size_t i = 0; i < dr->ndistractors; i++)
        dr->shown[dr->nlines + i] = dr->distractors[i];
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = dr->id ? dr->id : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    for (size_t i = n; i > 1; i--) {
        h ^= h >> 12;
        h ^= h << 25;
        h ^= h >> 27;
        size_t j = (size_t)((h * 2685821657736338717ULL) % i);
        char *t = dr->shown[i - 1];
        dr->shown[i - 1] = dr->shown[j];
        dr->shown[j] = t;
    }
    /* Never the answer itself: the solution's lines first, in order. */
    int solved = 1;
    for (size_t i = 0; i < dr->nlines && solved; i++)
        solved = dr->shown[i] == dr->lines[i];
    if (solved && n > 1) {
        char *first = dr->shown[0];
        memmove(dr->shown, dr->shown + 1, (n - 1) * sizeof *dr->shown);
        dr->shown[n - 1] = first;
    }
}

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    dr->lines = vget_strv(v, obj, "lines", V_REQUIRED | V_NONEMPTY, &dr->nlines);
    dr->distractors = vget_strv(v, obj, "distractors", 0, &dr->ndistractors);
    kind_tests_parse(v, obj, dr, 0);
    if (dr->lines && dr->nlines < PARSONS_MIN_LINES)
        verr(v, "lines", "must have at least %d lines, found %zu", PARSONS_MIN_LINES, dr->nlines);
    if (dr->nlines + dr->ndistractors > PARSONS_MAX_LINES)
        verr(v, "lines", "lines and distractors together are lettered a-z: at most %d, found %zu",
             PARSONS_MAX_LINES, dr->nlines + dr->ndistractors);
    for (size_t i = 0; i < dr->nlines; i++)
        if (strchr(dr->lines[i], '\n')) {
            size_t mark = vpush(v, "lines");
            char idx[32];
            snprintf(idx, sizeof idx, "%zu", i);
            verr(v, idx, "a line must not contain a newline (give each line on its own)");
            vpop(v, mark);
        }
    if (dr->nlines && dr->nlines + dr->ndistractors <= PARSONS_MAX_LINES)
        shuffle(dr);
}

static int is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Letters, in order, separated as choice answers are ("c a d b", "c,a");
 * each line at most once. Returns how many, or -1 with *err. */
static int parse_letters(const drill *d, const char *answer, size_t *idx, char **err)
{
    int n = 0;
    unsigned long used = 0;
    char last = (char)('a' + (d->nshown ? d->nshown - 1 : 0));
    for (const char *p = answer ? answer : ""; *p; p++) {
        if (is_sep(*p))
            continue;
        char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
        if (c < 'a' || c > 'z' || (p[1] && !is_sep(p[1]))) {
            *err = xasprintf("answer with the letters of the lines in order, like \"c a b\" (a-%c)", last);
            return -1;
        }
        size_t i = (size_t)(c - 'a');
        if (i >= d->nshown) {
            *err = xasprintf("there is no line '%c' (lines are a-%c)", c, last);
            return -1;
        }
        if (used & (1UL << i)) {
            *err = xasprintf("line '%c' is used twice", c);
            return -1;
        }
        used |= 1UL << i;
        idx[n++] = i;
    }
    if (n == 0) {
        *err = xasprintf("no line given: answer with the letters of the lines in order (a-%c)", last);
        return -1;
    }
    return n;
}

static char *code_of(const drill *d, const char *answer, char **err)
{
    size_t idx[PARSONS_MAX_LINES];
    int n = parse_letters(d, answer, idx, err);
    if (n < 0)
        return NULL;
    sbuf sb;
    sbuf_init(&sb);
    for (int i = 0; i < n; i++) {
        sbuf_addstr(&sb, d->shown[idx[i]]);
        sbuf_addch(&sb, '\n');
    }
    char *code = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return code;
}

/* The letters of lines taken in the given order (of d->lines). */
static char *letters_of(const drill *d, const size_t *order, size_t n)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < d->nshown; i++)
            if (d->shown[i] == d->lines[order[k]])
                sbuf_addf(&sb, "%s%c", k ? " " : "", (char)('a' + i));
    char *s = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return s;
}

char *kind_parsons_solution_letters(const drill *d)
{
    size_t order[PARSONS_MAX_LINES];
    for (size_t i = 0; i < d->nlines; i++)
        order[i] = i;
    return letters_of(d, order, d->nlines);
}

/* The solution's lines in order pass; in another order (as shown, or
 * reversed when that is the same) they fail, or the order is not what the
 * drill is about. */
static int check(const drill *d, const kind_check_env *env, diag *dg)
{
    char *right = kind_parsons_solution_letters(d);
    int ok = kind_tests_passes(d, right, "the lines in order", env, dg);
    size_t order[PARSONS_MAX_LINES], n = 0;
    for (size_t i = 0; i < d->nshown; i++)
        for (size_t k = 0; k < d->nlines; k++)
            if (d->shown[i] == d->lines[k])
                order[n++] = k;
    int same = 1;
    for (size_t k = 0; k < n && same; k++)
        same = order[k] == k;
    if (same)
        for (size_t k = 0; k < n; k++)
            order[k] = n - 1 - k;
    char *wrong = letters_of(d, order, n);
    ok &= kind_tests_fails(d, wrong, same ? "the lines in reverse order" : "the lines in the order shown", env,
                           dg);
    free(right);
    free(wrong);
    return ok;
}

static void show(const drill *d, int solution, FILE *out)
{
    fprintf(out, "\nLines (answer with their letters, in order):\n");
    for (size_t i = 0; i < d->nshown; i++)
        fprintf(out, "  %c) %s\n", (char)('a' + i), d->shown[i]);
    kind_tests_show(d, solution, out);
    if (solution) {
        char *right = kind_parsons_solution_letters(d);
        fprintf(out, "\nAnswer: %s\n", right);
        free(right);
    }
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-parsons-drill\",\n"
    "  \"title\": \"Put append_to together\",\n"
    "  \"topic\": \"functions\",\n"
    "  \"level\": 1,\n"
    "  \"kind\": \"parsons\",\n"
    "  \"prompt\": \"Order the lines so that append_to(x, lst) appends x to lst and returns it, starting from a new empty list on every call that passes none. Two lines belong to no right answer.\",\n"
    "  \"lines\": [\n"
    "    \"def append_to(x, lst=None):\",\n"
    "    \"    if lst is None:\",\n"
    "    \"        lst = []\",\n"
    "    \"    lst.append(x)\",\n"
    "    \"    return lst\"\n"
    "  ],\n"
    "  \"distractors\": [\"def append_to(x, lst=[]):\", \"    lst = lst or []\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"first call\", \"expr\": \"append_to(1)\", \"expect\": \"[1]\" },\n"
    "    { \"name\": \"second call gets a fresh list\", \"setup\": \"append_to(1)\", \"expr\": \"append_to(2)\", \"expect\": \"[2]\" },\n"
    "    { \"name\": \"a given empty list is filled in place\", \"setup\": \"mine = []\\nappend_to(3, mine)\", \"expr\": \"mine\", \"expect\": \"[3]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs; a None sentinel tested with `is None` makes a new list per call and keeps a caller's empty list.\"\n"
    "}\n";

const kind_ops kind_parsons = {
    .name = "parsons",
    .kind = KIND_PARSONS,
    .input = INPUT_ORDER,
    .runs_answer = 1,
    .fields = fields,
    .parse = parse,
    .plan = kind_tests_plan,
    .code_of = code_of,
    .check = check,
    .show = show,
    .template_json = template_json,
};
