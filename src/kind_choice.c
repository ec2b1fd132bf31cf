/* kind_choice.c - a choice drill: 2 to 8 options, one or several right;
 * the answer is letters (SPEC 2.3, 2.6), judged in C. */
#include "kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "util.h"

static const char *const fields[] = { "choices", "answer", NULL };

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Whether two choices read the same: white space at either end does not
 * show in the list the candidate picks from. */
static int same_choice(const char *a, const char *b)
{
    static const char ws[] = " \t\n\r\f\v";
    a += strspn(a, ws);
    b += strspn(b, ws);
    size_t la = strlen(a), lb = strlen(b);
    while (la && strchr(ws, a[la - 1]))
        la--;
    while (lb && strchr(ws, b[lb - 1]))
        lb--;
    return la == lb && memcmp(a, b, la) == 0;
}

/* Two choices that read the same are one choice shown twice: the
 * candidate cannot tell which letter is the right one. */
static void check_distinct(vctx *v, const drill *dr)
{
    size_t mark = vpush(v, "choices");
    for (size_t i = 1; i < dr->nchoices; i++)
        for (size_t k = 0; k < i; k++)
            if (same_choice(dr->choices[i], dr->choices[k])) {
                char idx[32];
                snprintf(idx, sizeof idx, "%zu", i);
                verr(v, idx, "the same as /choices/%zu: each choice must read differently", k);
                break;
            }
    vpop(v, mark);
}

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    dr->choices = vget_strv(v, obj, "choices", V_REQUIRED | V_NONEMPTY, &dr->nchoices);
    const cJSON *ch = cJSON_GetObjectItemCaseSensitive(obj, "choices");
    int nch = cJSON_IsArray(ch) ? cJSON_GetArraySize(ch) : -1;
    if (nch >= 0 && (nch < 2 || nch > GRADE_MAX_CHOICES))
        verr(v, "choices", "must have 2 to %d choices, found %d", GRADE_MAX_CHOICES, nch);
    else if (nch >= 0 && dr->nchoices == (size_t)nch)
        check_distinct(v, dr);
    const cJSON *ans = cJSON_GetObjectItemCaseSensitive(obj, "answer");
    if (!ans) {
        vmissing(v, "answer", NULL);
        return;
    }
    int limit = nch >= 2 && nch <= GRADE_MAX_CHOICES ? nch : GRADE_MAX_CHOICES;
    if (cJSON_IsNumber(ans)) {
        int x;
        if (vcheck_int(v, "answer", ans, 0, limit - 1, &x)) {
            dr->answer = xmalloc(sizeof *dr->answer);
            dr->answer[0] = x;
            dr->nanswer = 1;
        }
        return;
    }
    if (!cJSON_IsArray(ans)) {
        verr(v, "answer", "expected an index or an array of indexes, found %s",
             jsontext_type_name(ans));
        return;
    }
    size_t mark = vpush(v, "answer");
    if (!ans->child)
        verr(v, NULL, "must not be empty");
    unsigned seen = 0;
    size_t i = 0;
    for (const cJSON *it = ans->child; it; it = it->next, i++) {
        char idx[32];
        snprintf(idx, sizeof idx, "%zu", i);
        int x;
        if (!vcheck_int(v, idx, it, 0, limit - 1, &x))
            continue;
        if (seen & (1u << x)) {
            verr(v, idx, "duplicate index %d", x);
            continue;
        }
        seen |= 1u << x;
        dr->answer = xrealloc(dr->answer, (dr->nanswer + 1) * sizeof *dr->answer);
        dr->answer[dr->nanswer++] = x;
    }
    if (dr->nanswer)
        qsort(dr->answer, dr->nanswer, sizeof *dr->answer, cmp_int);
    vpop(v, mark);
}


static void show(const drill *d, int solution, FILE *out)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->nchoices; i++) {
        sbuf_addf(&sb, "%s  %c) ", i ? "" : "\n", 'a' + (int)i);
        kind_show_hanging(&sb, d->choices[i]);
        sbuf_addch(&sb, '\n');
    }
    /* as the quiz says before an answer: the page is a handout too */
    if (d->nanswer > 1)
        sbuf_addstr(&sb, "  (several answers are right: give all their letters)\n");
    fputs(sb.buf ? sb.buf : "", out);
    sbuf_release(&sb);
    if (solution && d->nanswer) {
        fprintf(out, "\nAnswer:");
        for (size_t i = 0; i < d->nanswer; i++)
            fprintf(out, " %c", 'a' + d->answer[i]);
        fprintf(out, "\n");
    }
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-choice-drill\",\n"
    "  \"title\": \"Which is true of the GIL?\",\n"
    "  \"topic\": \"concurrency\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"choice\",\n"
    "  \"prompt\": \"In CPython 3.11, which statement is true?\",\n"
    "  \"choices\": [\n"
    "    \"Threads run Python bytecode in parallel on several cores\",\n"
    "    \"Only one thread runs Python bytecode at a time\",\n"
    "    \"The GIL is released only when a thread ends\"\n"
    "  ],\n"
    "  \"answer\": 1,\n"
    "  \"explanation\": \"The GIL lets one thread execute bytecode at a time; it is released around blocking I/O and periodically.\"\n"
    "}\n";

const kind_ops kind_choice = {
    .name = "choice",
    .kind = KIND_CHOICE,
    .input = INPUT_CHOICE,
    .fields = fields,
    .parse = parse,
    .judge = grade_choice,
    .show = show,
    .template_json = template_json,
};
