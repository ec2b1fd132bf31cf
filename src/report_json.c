/* report_json.c - the JSON report (SPEC 3.4) and JSON Lines, one
 * submission object per line with no envelope so that shards concatenate.
 * Strings are made valid UTF-8 first: cJSON copies bytes as they are. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "util.h"

static void add_string(cJSON *o, const char *key, const char *s)
{
    char *c = report_clean(s, 0);
    cJSON_AddStringToObject(o, key, c);
    free(c);
}

/* Rounded so that 1/3 prints as 0.3333, not 0.33333333333333331. */
static void add_number(cJSON *o, const char *key, double x, double scale)
{
    if (!isfinite(x))
        x = 0;
    cJSON_AddNumberToObject(o, key, round(x * scale) / scale);
}

static cJSON *test_json(const test_verdict *t, int reveal_hidden)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "name", t->name);
    cJSON_AddStringToObject(o, "status", status_name(t->st));
    cJSON_AddBoolToObject(o, "hidden", t->hidden != 0);
    if (t->hidden && !reveal_hidden)
        return o;
    if (t->expected)
        add_string(o, "expected", t->expected);
    if (t->got)
        add_string(o, "got", t->got);
    if (t->message)
        add_string(o, "message", t->message);
    return o;
}

static cJSON *drill_json(const drill_verdict *v, int reveal_hidden)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "id", report_drill_id(v));
    cJSON_AddStringToObject(o, "kind", v->drill ? drill_kind_name(v->drill->kind) : "?");
    cJSON_AddStringToObject(o, "status", status_name(v->st));
    add_number(o, "score", v->score, 1e4);
    add_number(o, "time_ms", v->time_ms, 1e3);
    if (v->message)
        add_string(o, "message", v->message);
    cJSON *tests = cJSON_AddArrayToObject(o, "tests");
    for (size_t i = 0; i < v->ntests; i++)
        cJSON_AddItemToArray(tests, test_json(&v->tests[i], reveal_hidden));
    return o;
}

cJSON *report_submission_json(const submission_verdict *s, int reveal_hidden)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "candidate", s->candidate);
    add_string(o, "source", s->source);
    add_number(o, "score", s->score, 1e4);
    add_number(o, "max", s->max, 1e4);
    cJSON_AddNumberToObject(o, "passed", s->passed);
    if (s->error)
        add_string(o, "error", s->error);
    if (s->warnings.n > 0) {
        cJSON *w = cJSON_AddArrayToObject(o, "warnings");
        for (size_t i = 0; i < s->warnings.n; i++) {
            char *c = report_clean(s->warnings.msgs[i], 0);
            cJSON_AddItemToArray(w, cJSON_CreateString(c));
            free(c);
        }
    }
    cJSON *drills = cJSON_AddArrayToObject(o, "drills");
    for (size_t i = 0; i < s->ndrills; i++)
        cJSON_AddItemToArray(drills, drill_json(&s->drills[i], reveal_hidden));
    return o;
}

/* cJSON reports running out of memory with NULL; the x* wrappers abort on
 * it, and so do we. */
static char *print_json(cJSON *o, int formatted)
{
    char *txt = formatted ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    if (!txt) {
        fputs("pydrill: out of memory\n", stderr);
        abort();
    }
    char *copy = xstrdup(txt);
    cJSON_free(txt);
    return copy;
}

char *report_json(const report *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "pydrill-report/1");
    add_string(root, "python", r->python_version ? r->python_version : "");
    if (r->catalog_title)
        add_string(root, "title", r->catalog_title);
    cJSON *subs = cJSON_AddArrayToObject(root, "submissions");
    for (size_t i = 0; i < r->nsubs; i++)
        cJSON_AddItemToArray(subs, report_submission_json(&r->subs[i], r->reveal_hidden));
    char *txt = print_json(root, 1);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", txt);
    free(txt);
    return out;
}

/* No envelope: each line stands alone, so shards concatenate. */
char *report_jsonl(const report *r)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < r->nsubs; i++) {
        cJSON *o = report_submission_json(&r->subs[i], r->reveal_hidden);
        char *line = print_json(o, 0);
        cJSON_Delete(o);
        sbuf_addstr(&sb, line);
        sbuf_addch(&sb, '\n');
        free(line);
    }
    return sbuf_detach(&sb, NULL);
}
