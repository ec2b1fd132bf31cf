/* kind_parsons.c - a Parsons problem: put shuffled lines of code in order
 * (SPEC 2.3). The drill gives the solution's lines in order, each with its
 * indentation, and optionally distractors (lines that belong to no right
 * answer); the candidate sees them all shuffled, in an order fixed by the
 * drill's id, lettered a, b, ...; the answer is the letters of the lines
 * chosen, in order. The chosen lines, joined, are graded as a write answer
 * is, by the tests: every order that passes them is right. An answer that
 * uses a distractor is wrong whatever the tests say (a distractor placed
 * after a return is dead code, not a right line), so it fails unrun. */
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

/* Whether p (one of dr->shown) is a line of the solution, not a distractor. */
static int is_line(const drill *dr, const char *p)
{
    for (size_t i = 0; i < dr->nlines; i++)
        if (dr->lines[i] == p)
            return 1;
    return 0;
}

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
    /* Never the answer itself: when the solution's lines read in the right
     * order (distractors between them or not), the first of them and the
     * next one that reads differently change places. */
    size_t pos[PARSONS_MAX_LINES], k = 0;
    for (size_t i = 0; i < n && k < dr->nlines; i++)
        if (is_line(dr, dr->shown[i]))
            pos[k++] = i;
    int solved = 1;
    for (size_t i = 0; i < k && solved; i++)
        solved = strcmp(dr->shown[pos[i]], dr->lines[i]) == 0;
    for (size_t i = 1; solved && i < k; i++)
        if (strcmp(dr->shown[pos[i]], dr->shown[pos[0]]) != 0) {
            char *t = dr->shown[pos[0]];
            dr->shown[pos[0]] = dr->shown[pos[i]];
            dr->shown[pos[i]] = t;
            solved = 0;
        }
}

/* A line, or a distractor, is one line of code: the answer joins them with
 * newlines, and Python ends a line at a carriage return too. */
static int check_line(const char *s, char **err)
{
    if (strpbrk(s, "\n\r")) {
        *err = xstrdup("a line must not contain a line break (give each line on its own)");
        return -1;
    }
    if (!s[strspn(s, " \t\f")]) {
        *err = xstrdup("a line must not be blank");
        return -1;
    }
    return 0;
}

/* Whether two lines read the same: trailing white space does not show on
 * screen and means nothing to Python (indentation does, so it counts). */
static int same_line(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    while (la && strchr(" \t\f", a[la - 1]))
        la--;
    while (lb && strchr(" \t\f", b[lb - 1]))
        lb--;
    return la == lb && memcmp(a, b, la) == 0;
}

/* A distractor that reads like a line, or like another distractor, could
 * stand in for it: the answer that uses it would be right after all. */
static void check_distractors(vctx *v, const drill *dr)
{
    size_t mark = vpush(v, "distractors");
    for (size_t i = 0; i < dr->ndistractors; i++) {
        char idx[32];
        snprintf(idx, sizeof idx, "%zu", i);
        for (size_t k = 0; k < dr->nlines; k++)
            if (same_line(dr->distractors[i], dr->lines[k])) {
                verr(v, idx, "the same as /lines/%zu: a distractor must belong to no right answer", k);
                break;
            }
        for (size_t k = 0; k < i; k++)
            if (same_line(dr->distractors[i], dr->distractors[k])) {
                verr(v, idx, "the same as /distractors/%zu", k);
                break;
            }
    }
    vpop(v, mark);
}

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    size_t before = v->nerr;
    dr->lines = vget_strv_checked(v, obj, "lines", V_REQUIRED | V_NONEMPTY, check_line, &dr->nlines);
    dr->distractors = vget_strv_checked(v, obj, "distractors", 0, check_line, &dr->ndistractors);
    kind_tests_parse(v, obj, dr, 0);
    if (dr->lines && dr->nlines < PARSONS_MIN_LINES)
        verr(v, "lines", "must have at least %d lines, found %zu", PARSONS_MIN_LINES, dr->nlines);
    /* the pairwise check only within the limit: 40,000 distractors took
     * a minute to compare, to tell what the limit already says */
    if (dr->nlines + dr->ndistractors > PARSONS_MAX_LINES)
        verr(v, "lines", "lines and distractors together are lettered a-z: at most %d, found %zu",
             PARSONS_MAX_LINES, dr->nlines + dr->ndistractors);
    else
        check_distractors(v, dr);
    if (v->nerr == before)
        shuffle(dr);
}

static int is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 'x' for printable ASCII, else a hex escape, for messages. */
static char *show_char(unsigned char c)
{
    if (c > 0x20 && c < 0x7F)
        return xasprintf("'%c'", c);
    return xasprintf("byte 0x%02x", c);
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
        unsigned char c = (unsigned char)*p;
        char lc = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        if (lc < 'a' || lc > 'z') {
            char *sc = show_char(c);
            *err = xasprintf("unexpected %s: answer with the letters of the lines in order, like \"c a b\" (a-%c)",
                             sc, last);
            free(sc);
            return -1;
        }
        if (p[1] && !is_sep(p[1])) {
            char *sc = show_char((unsigned char)p[1]);
            *err = xasprintf("unexpected %s after '%c': separate the letters with spaces or commas", sc, *p);
            free(sc);
            return -1;
        }
        size_t i = (size_t)(lc - 'a');
        if (i >= d->nshown) {
            *err = xasprintf("there is no line '%c' (lines are a-%c)", lc, last);
            return -1;
        }
        if (used & (1UL << i)) {
            *err = xasprintf("line '%c' is used twice", lc);
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

/* A distractor belongs to no right answer (SPEC 2.3), wherever it is put:
 * after a return, or in a definition that a later one replaces, it would
 * not change what the tests see, so an answer that uses one fails before
 * it runs. NULL, or the message naming the distractors used. */
static char *distractors_used(const drill *d, const size_t *idx, int n)
{
    sbuf sb;
    sbuf_init(&sb);
    int found = 0;
    for (int i = 0; i < n; i++)
        if (!is_line(d, d->shown[idx[i]]))
            sbuf_addf(&sb, "%s'%c'", found++ ? ", " : "", (char)('a' + idx[i]));
    char *msg = found ? xasprintf("line%s %s belong%s to no right answer", found > 1 ? "s" : "", sb.buf,
                                  found > 1 ? "" : "s")
                      : NULL;
    sbuf_release(&sb);
    return msg;
}

static char *code_of(const drill *d, const char *answer, char **err)
{
    size_t idx[PARSONS_MAX_LINES];
    int n = parse_letters(d, answer, idx, err);
    if (n < 0)
        return NULL;
    if ((*err = distractors_used(d, idx, n)) != NULL)
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
    char *what = xasprintf("the solution's order (%s)", right);
    int ok = kind_tests_passes(d, right, what, env, dg);
    free(what);
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
    what = xasprintf("%s (%s)", same ? "the reverse order" : "the order shown", wrong);
    ok &= kind_tests_fails(d, wrong, what, env, dg);
    free(what);
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
