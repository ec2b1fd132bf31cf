/* kind_explain.c - an explain drill: a spoken-interview question; the
 * answer is prose, judged in C against a rubric (rubric.c, SPEC 2.3). */
#include "kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "rubric.h"
#include "util.h"

static const char *const fields[] = { "model_answer", "rubric", "pass_score", NULL };

static const char *const rubric_fields[] = { "point", "keywords", "contradicts", "misconception", NULL };

/* One rubric entry: a point ({point, keywords, contradicts}) or a
 * misconception ({misconception, keywords}); every pattern is checked
 * here, so a typo in one is reported where it is, not ignored when graded. */
static void vparse_rubric_entry(vctx *v, const cJSON *it, drill *dr)
{
    vscope saved = vfields(v, it, rubric_fields);
    int is_point = cJSON_GetObjectItemCaseSensitive(it, "point") != NULL;
    int is_mis = cJSON_GetObjectItemCaseSensitive(it, "misconception") != NULL;
    if (is_point && is_mis) {
        verr(v, "misconception", "a rubric entry is a point or a misconception, not both");
    } else if (is_mis) {
        rubric_misconception *m = &dr->misconceptions[dr->nmisconceptions++];
        m->feedback = vget_str(v, it, "misconception", V_REQUIRED | V_NONEMPTY);
        m->keywords = vget_strv_checked(v, it, "keywords", V_REQUIRED | V_NONEMPTY, rubric_pattern_check,
                                        &m->nkeywords);
        if (cJSON_GetObjectItemCaseSensitive(it, "contradicts"))
            verr(v, "contradicts", "only a point has \"contradicts\"; a misconception fails the answer");
    } else {
        rubric_point *rp = &dr->rubric[dr->nrubric++];
        if (!is_point)
            vmissing(v, "point", "misconception");
        else
            rp->point = vget_str(v, it, "point", V_REQUIRED | V_NONEMPTY);
        rp->keywords = vget_strv_checked(v, it, "keywords", V_REQUIRED | V_NONEMPTY, rubric_pattern_check,
                                         &rp->nkeywords);
        rp->contradicts = vget_strv_checked(v, it, "contradicts", V_NONEMPTY, rubric_pattern_check,
                                            &rp->ncontradicts);
    }
    v->scope = saved;
}

static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    dr->model_answer = vget_str(v, obj, "model_answer", V_REQUIRED | V_NONEMPTY);
    dr->pass_score = 0.6;
    const cJSON *ps = vget(v, obj, "pass_score", J_NUM, 0);
    if (ps) {
        if (!(ps->valuedouble > 0 && ps->valuedouble <= 1))
            verr(v, "pass_score", "must be a number above 0 and at most 1, found %g",
                 ps->valuedouble);
        else
            dr->pass_score = ps->valuedouble;
    }
    const cJSON *arr = vget(v, obj, "rubric", J_ARR, V_REQUIRED);
    if (!arr)
        return;
    size_t mark = vpush(v, "rubric");
    int count = cJSON_GetArraySize(arr);
    dr->rubric = xcalloc((size_t)count + 1, sizeof *dr->rubric);
    dr->misconceptions = xcalloc((size_t)count + 1, sizeof *dr->misconceptions);
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        size_t m2 = vpush_index(v, i);
        if (!cJSON_IsObject(it))
            verr(v, NULL, "expected a rubric point (an object), found %s", jsontext_type_name(it));
        else
            vparse_rubric_entry(v, it, dr);
        vpop(v, m2);
    }
    if (dr->nrubric == 0)
        verr(v, NULL, "must have at least one point");
    vpop(v, mark);
}


/* The model answer meets its own rubric (or no candidate can), and the
 * question alone does not (or repeating it would pass). */
static int check(const drill *d, const kind_check_env *env, diag *dg)
{
    drill_verdict v;
    env->judge(d, d->model_answer, &v);
    int ok = v.st == ST_PASS;
    if (!ok)
        diag_add(dg, "%s: drill %s: error: the model answer does not meet its own rubric: %s", d->pack_path,
                 d->id, v.message ? v.message : "");
    drill_verdict_free(&v);
    env->judge(d, d->prompt, &v);
    if (v.st == ST_PASS) {
        diag_add(dg, "%s: drill %s: error: the question itself meets the rubric: an answer that repeats it "
                     "would pass", d->pack_path, d->id);
        ok = 0;
    }
    drill_verdict_free(&v);
    return ok;
}

static void show_patterns(FILE *out, const char *label, char **pats, size_t n)
{
    if (!n)
        return;
    fprintf(out, "      %s: ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s\"%s\"", i ? ", " : "", pats[i]);
    fprintf(out, "\n");
}

/* With the solution, what grading listens for: an author checking a pack,
 * or an instructor wondering why an answer scored as it did, reads the
 * rubric here rather than in the JSON. */
static void show(const drill *d, int solution, FILE *out)
{
    if (!solution)
        return;
    if (d->model_answer) {
        fprintf(out, "\nModel answer:\n");
        const char *p = d->model_answer;
        while (*p) {
            size_t n = strcspn(p, "\n");
            fprintf(out, "    %.*s\n", (int)n, p);
            p += n + (p[n] == '\n');
        }
    }
    if (!d->nrubric)
        return;
    size_t need = 0; /* the fewest points that pass, counted as grade.c counts */
    while (need < d->nrubric && (double)need + 1e-9 < d->pass_score * (double)d->nrubric)
        need++;
    fprintf(out, "\nRubric (passes with %zu of its %zu point%s: pass_score %g):\n", need, d->nrubric,
            d->nrubric == 1 ? "" : "s", d->pass_score);
    for (size_t i = 0; i < d->nrubric; i++) {
        const rubric_point *r = &d->rubric[i];
        fprintf(out, "  %zu. %s\n", i + 1, r->point);
        show_patterns(out, "heard in", r->keywords, r->nkeywords);
        show_patterns(out, "undone by", r->contradicts, r->ncontradicts);
    }
    for (size_t i = 0; i < d->nmisconceptions; i++) {
        const rubric_misconception *m = &d->misconceptions[i];
        fprintf(out, "%s  - %s\n", i ? "" : "Misconceptions (stating one fails the answer):\n", m->feedback);
        show_patterns(out, "heard in", m->keywords, m->nkeywords);
    }
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-explain-drill\",\n"
    "  \"title\": \"How does CPython free memory?\",\n"
    "  \"topic\": \"memory\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"explain\",\n"
    "  \"prompt\": \"Explain how CPython decides when an object can be freed.\",\n"
    "  \"model_answer\": \"Every object has a reference count; when it drops to zero the object is freed at once. Reference cycles never reach zero, so a cyclic garbage collector finds groups of objects that refer to each other but are unreachable, and frees them.\",\n"
    "  \"rubric\": [\n"
    "    { \"point\": \"reference counting\",\n"
    "      \"keywords\": [\"reference count*\", \"refcount*\", \"(how many|number of) references\"] },\n"
    "    { \"point\": \"freed as soon as the count drops to zero\",\n"
    "      \"keywords\": [\"(freed|frees|deallocat*|reclaim*) ... (zero|0)\", \"(zero|0) ... (freed|frees|deallocat*|reclaim*)\",\n"
    "                   \"(drop*|fall*|goes) to (zero|0)\", \"immediately\", \"at once\"] },\n"
    "    { \"point\": \"cycles need the cyclic garbage collector\",\n"
    "      \"keywords\": [\"cycle*\", \"cyclic\", \"refer* to each other\"],\n"
    "      \"contradicts\": [\"reference counting ... (frees|handles) ... cycle*\"] },\n"
    "    { \"misconception\": \"CPython frees most objects as soon as their count drops to zero; the garbage collector is only for cycles.\",\n"
    "      \"keywords\": [\"only when the (gc|garbage collector) runs\", \"like java\", \"(zero|0) (does )?not free*\",\n"
    "                   \"(gc|collector) ... free* ... (count|refcount*) (is|reaches|hits) (zero|0)\"] }\n"
    "  ],\n"
    "  \"pass_score\": 0.6,\n"
    "  \"explanation\": \"Reference counting frees most objects immediately; the generational cycle collector handles reference cycles.\"\n"
    "}\n";

const kind_ops kind_explain = {
    .name = "explain",
    .kind = KIND_EXPLAIN,
    .input = INPUT_TEXT,
    .fields = fields,
    .parse = parse,
    .judge = grade_explain,
    .check = check,
    .show = show,
    .template_json = template_json,
};
