/* report_json.c - the JSON report (SPEC 3.4), JSON Lines, and the reading
 * of JSON Lines back into views for `pydrill report`.
 *
 * JSON Lines are one submission object per line with no envelope, so that
 * shards concatenate; each line also carries what `report` needs to prove
 * shards complete and to rebuild the envelope: position, total, python,
 * title. Strings are made valid UTF-8 first: cJSON copies bytes as they
 * are. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

static void add_string(cJSON *o, const char *key, const char *s)
{
    char *c = report_clean(s, 0);
    cJSON_AddStringToObject(o, key, c);
    free(c);
}

static void add_number(cJSON *o, const char *key, double x)
{
    cJSON_AddNumberToObject(o, key, isfinite(x) ? x : 0);
}

static cJSON *test_json(const report_test *t)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "name", t->name);
    cJSON_AddStringToObject(o, "status", status_name(t->st));
    cJSON_AddBoolToObject(o, "hidden", t->hidden != 0);
    /* a hidden test's details are in the view only when revealed */
    if (t->expected)
        add_string(o, "expected", t->expected);
    if (t->got)
        add_string(o, "got", t->got);
    if (t->message)
        add_string(o, "message", t->message);
    return o;
}

static cJSON *drill_json(const report_drill *d)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "id", d->id);
    add_string(o, "kind", d->kind);
    if (d->title)
        add_string(o, "title", d->title);
    if (d->topic)
        add_string(o, "topic", d->topic);
    cJSON_AddStringToObject(o, "status", status_name(d->st));
    add_number(o, "score", d->score);
    add_number(o, "time_ms", d->time_ms);
    if (d->message)
        add_string(o, "message", d->message);
    cJSON *tests = cJSON_AddArrayToObject(o, "tests");
    for (size_t i = 0; i < d->ntests; i++)
        cJSON_AddItemToArray(tests, test_json(&d->tests[i]));
    return o;
}

cJSON *report_sub_json(const report_sub *s, const char *name)
{
    cJSON *o = cJSON_CreateObject();
    add_string(o, "candidate", name);
    add_string(o, "source", s->source);
    add_number(o, "score", s->score);
    add_number(o, "max", s->max);
    cJSON_AddNumberToObject(o, "passed", s->passed);
    if (s->error)
        add_string(o, "error", s->error);
    if (s->nwarnings > 0) {
        cJSON *w = cJSON_AddArrayToObject(o, "warnings");
        for (size_t i = 0; i < s->nwarnings; i++) {
            char *c = report_clean(s->warnings[i], 0);
            cJSON_AddItemToArray(w, cJSON_CreateString(c));
            free(c);
        }
    }
    cJSON *drills = cJSON_AddArrayToObject(o, "drills");
    for (size_t i = 0; i < s->ndrills; i++)
        cJSON_AddItemToArray(drills, drill_json(&s->drills[i]));
    return o;
}

/* cJSON reports running out of memory with NULL; the x* wrappers abort on
 * it, and so do we. */
char *report_print_json(cJSON *o, int formatted)
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

/* A formatted JSON string value, as cJSON prints it. */
static void put_json_string(util_out *out, const char *s)
{
    cJSON *str = cJSON_CreateString(s);
    char *txt = report_print_json(str, 0);
    util_out_puts(out, txt);
    free(txt);
    cJSON_Delete(str);
}

/* The document is written a submission at a time, laid out exactly as
 * cJSON_Print lays out the whole tree: each submission object is printed
 * alone and indented two tabs deeper (the root object and the array each
 * add one). */
int report_json_render(const report_batch *b, util_out *out, char **err)
{
    (void)err;
    const report_options *o = report_batch_options(b);
    char *c;
    util_out_puts(out, "{\n\t\"format\":\t\"pydrill-report/1\",\n\t\"python\":\t");
    c = report_clean(o->python_version ? o->python_version : "", 0);
    put_json_string(out, c);
    free(c);
    if (o->title) {
        util_out_puts(out, ",\n\t\"title\":\t");
        c = report_clean(o->title, 0);
        put_json_string(out, c);
        free(c);
    }
    util_out_puts(out, ",\n\t\"submissions\":\t[");
    report_view v;
    report_view_init(&v);
    for (size_t i = 0; i < report_batch_count(b); i++) {
        char *name = report_batch_name(b, i);
        cJSON *so = report_sub_json(report_batch_get(b, i, &v), name);
        char *txt = report_print_json(so, 1);
        cJSON_Delete(so);
        free(name);
        if (i)
            util_out_puts(out, ", ");
        for (const char *p = txt; *p; p++) {
            util_out_write(out, p, 1);
            if (*p == '\n')
                util_out_write(out, "\t\t", 2);
        }
        free(txt);
    }
    report_view_release(&v);
    util_out_puts(out, "]\n}\n");
    return 0;
}

void report_jsonl_add(report_stream *st, const report_sub *s)
{
    cJSON *o = report_sub_json(s, s->candidate);
    /* after source, where a reader looks for where the line belongs */
    cJSON *drills = cJSON_DetachItemFromObjectCaseSensitive(o, "drills");
    cJSON *score = cJSON_DetachItemFromObjectCaseSensitive(o, "score");
    cJSON *max = cJSON_DetachItemFromObjectCaseSensitive(o, "max");
    cJSON *passed = cJSON_DetachItemFromObjectCaseSensitive(o, "passed");
    cJSON *error = cJSON_DetachItemFromObjectCaseSensitive(o, "error");
    cJSON *warnings = cJSON_DetachItemFromObjectCaseSensitive(o, "warnings");
    cJSON_AddNumberToObject(o, "position", (double)s->position);
    cJSON_AddNumberToObject(o, "total", (double)s->total);
    cJSON_AddItemToObject(o, "score", score);
    cJSON_AddItemToObject(o, "max", max);
    cJSON_AddItemToObject(o, "passed", passed);
    if (error)
        cJSON_AddItemToObject(o, "error", error);
    if (warnings)
        cJSON_AddItemToObject(o, "warnings", warnings);
    cJSON_AddItemToObject(o, "drills", drills);
    if (st->opt->python_version)
        add_string(o, "python", st->opt->python_version);
    if (st->opt->packs)
        add_string(o, "packs", st->opt->packs);
    if (st->opt->batch)
        add_string(o, "batch", st->opt->batch);
    if (st->opt->title)
        add_string(o, "title", st->opt->title);
    if (s->reveal_hidden)
        cJSON_AddTrueToObject(o, "reveal_hidden");
    char *line = report_print_json(o, 0);
    cJSON_Delete(o);
    util_out_puts(st->out, line);
    util_out_write(st->out, "\n", 1);
    free(line);
}

/* ---- reading a line back ---- */

/* Checks and conversions with a JSON Pointer in every message. */
typedef struct {
    char *err;
} checker;

static int bad(checker *c, const char *ptr, const char *what, const cJSON *found)
{
    if (!c->err) {
        const char *type = !found                ? "nothing"
                           : cJSON_IsString(found) ? "a string"
                           : cJSON_IsNumber(found) ? "a number"
                           : cJSON_IsBool(found)   ? "a boolean"
                           : cJSON_IsNull(found)   ? "null"
                           : cJSON_IsArray(found)  ? "an array"
                                                   : "an object";
        c->err = xasprintf("%s: expected %s, found %s", ptr, what, type);
    }
    return -1;
}

static const cJSON *field(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static int get_string(checker *c, const cJSON *o, const char *key, const char *at, int required,
                      const char **out)
{
    const cJSON *v = field(o, key);
    *out = NULL;
    if (!v && !required)
        return 0;
    if (!cJSON_IsString(v)) {
        char *ptr = xasprintf("%s/%s", at, key);
        bad(c, ptr, "a string", v);
        free(ptr);
        return -1;
    }
    *out = v->valuestring;
    return 0;
}

static int get_number(checker *c, const cJSON *o, const char *key, const char *at, double lo, double hi,
                      double *out)
{
    const cJSON *v = field(o, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < lo || v->valuedouble > hi) {
        char *ptr = xasprintf("%s/%s", at, key);
        char *what = xasprintf("a number from %g to %g", lo, hi);
        if (cJSON_IsNumber(v) && !c->err)
            c->err = xasprintf("%s: expected %s, found %g", ptr, what, v->valuedouble);
        else
            bad(c, ptr, what, v);
        free(what);
        free(ptr);
        return -1;
    }
    *out = v->valuedouble;
    return 0;
}

static int get_count(checker *c, const cJSON *o, const char *key, const char *at, double lo, size_t *out)
{
    double x;
    if (get_number(c, o, key, at, lo, 1e15, &x) < 0)
        return -1;
    if (x != floor(x)) {
        if (!c->err)
            c->err = xasprintf("%s/%s: expected a whole number, found %g", at, key, x);
        return -1;
    }
    *out = (size_t)x;
    return 0;
}

static int get_status(checker *c, const cJSON *o, const char *at, status *out)
{
    const char *s;
    if (get_string(c, o, "status", at, 1, &s) < 0)
        return -1;
    if (status_parse(s, out) < 0) {
        if (!c->err)
            c->err = xasprintf("%s/status: unknown status \"%.40s\"", at, s);
        return -1;
    }
    return 0;
}

static int get_array(checker *c, const cJSON *o, const char *key, const char *at, int required,
                     const cJSON **out)
{
    const cJSON *v = field(o, key);
    *out = NULL;
    if (!v && !required)
        return 0;
    if (!cJSON_IsArray(v)) {
        char *ptr = xasprintf("%s/%s", at, key);
        bad(c, ptr, "an array", v);
        free(ptr);
        return -1;
    }
    *out = v;
    return 0;
}

static int check_test(checker *c, const cJSON *t, const char *at, report_test *rt)
{
    if (!cJSON_IsObject(t))
        return bad(c, at, "a test object", t);
    const cJSON *h = field(t, "hidden");
    if (!cJSON_IsBool(h)) {
        char *ptr = xasprintf("%s/hidden", at);
        bad(c, ptr, "a boolean", h);
        free(ptr);
        return -1;
    }
    rt->hidden = cJSON_IsTrue(h);
    if (get_string(c, t, "name", at, 1, &rt->name) < 0 || get_status(c, t, at, &rt->st) < 0 ||
        get_string(c, t, "expected", at, 0, &rt->expected) < 0 || get_string(c, t, "got", at, 0, &rt->got) < 0 ||
        get_string(c, t, "message", at, 0, &rt->message) < 0)
        return -1;
    return 0;
}

static int check_drill(checker *c, const cJSON *d, const char *at, report_drill *rd)
{
    if (!cJSON_IsObject(d))
        return bad(c, at, "a drill object", d);
    if (get_string(c, d, "id", at, 1, &rd->id) < 0 || get_string(c, d, "kind", at, 1, &rd->kind) < 0 ||
        get_string(c, d, "title", at, 0, &rd->title) < 0 || get_string(c, d, "topic", at, 0, &rd->topic) < 0 ||
        get_status(c, d, at, &rd->st) < 0 || get_number(c, d, "score", at, 0, 1, &rd->score) < 0 ||
        get_number(c, d, "time_ms", at, 0, 1e12, &rd->time_ms) < 0 ||
        get_string(c, d, "message", at, 0, &rd->message) < 0)
        return -1;
    rd->score = report_round(rd->score, 1e4);
    rd->time_ms = report_round(rd->time_ms, 1e3);
    return 0;
}

const report_sub *report_view_of_json(report_view *v, const cJSON *line, char **err)
{
    checker c = { NULL };
    report_sub *s = &v->sub;
    memset(s, 0, sizeof *s);
    if (!cJSON_IsObject(line)) {
        bad(&c, "(the line)", "a submission object", line);
        goto fail;
    }
    const cJSON *drills, *warnings, *tests, *reveal = field(line, "reveal_hidden");
    double passed;
    if (get_string(&c, line, "candidate", "", 1, &s->candidate) < 0 ||
        get_string(&c, line, "source", "", 1, &s->source) < 0 ||
        get_count(&c, line, "position", "", 1, &s->position) < 0 ||
        get_count(&c, line, "total", "", 1, &s->total) < 0 ||
        get_number(&c, line, "score", "", 0, 1e9, &s->score) < 0 ||
        get_number(&c, line, "max", "", 0, 1e9, &s->max) < 0 ||
        get_number(&c, line, "passed", "", 0, 1e9, &passed) < 0 ||
        get_string(&c, line, "error", "", 0, &s->error) < 0 ||
        get_array(&c, line, "warnings", "", 0, &warnings) < 0 || get_array(&c, line, "drills", "", 1, &drills) < 0)
        goto fail;
    if (s->position > s->total) {
        c.err = xasprintf("/position: %zu is past the total, %zu", s->position, s->total);
        goto fail;
    }
    if (reveal && !cJSON_IsBool(reveal)) {
        bad(&c, "/reveal_hidden", "a boolean", reveal);
        goto fail;
    }
    s->reveal_hidden = cJSON_IsTrue(reveal);
    s->passed = (int)passed;
    s->score = report_round(s->score, 1e4);
    s->max = report_round(s->max, 1e4);
    size_t nd = (size_t)cJSON_GetArraySize(drills), nw = warnings ? (size_t)cJSON_GetArraySize(warnings) : 0;
    size_t nt = 0;
    for (const cJSON *d = drills->child; d; d = d->next)
        if ((tests = field(d, "tests")) && cJSON_IsArray(tests))
            nt += (size_t)cJSON_GetArraySize(tests);
    if (nd > v->drills_cap) {
        v->drills_cap = nd;
        v->drills = xrealloc(v->drills, nd * sizeof *v->drills);
    }
    if (nt > v->tests_cap) {
        v->tests_cap = nt;
        v->tests = xrealloc(v->tests, nt * sizeof *v->tests);
    }
    if (nw > v->warnings_cap) {
        v->warnings_cap = nw;
        v->warnings = xrealloc(v->warnings, nw * sizeof *v->warnings);
    }
    size_t k = 0;
    for (const cJSON *w = warnings ? warnings->child : NULL; w; w = w->next, k++) {
        if (!cJSON_IsString(w)) {
            char *ptr = xasprintf("/warnings/%zu", k);
            bad(&c, ptr, "a string", w);
            free(ptr);
            goto fail;
        }
        v->warnings[k] = w->valuestring;
    }
    s->warnings = v->warnings;
    s->nwarnings = nw;
    size_t t = 0, i = 0;
    for (const cJSON *d = drills->child; d; d = d->next, i++) {
        char *at = xasprintf("/drills/%zu", i);
        report_drill *rd = &v->drills[i];
        int r = check_drill(&c, d, at, rd);
        if (r == 0)
            r = get_array(&c, d, "tests", at, 1, &tests);
        rd->tests = v->tests ? v->tests + t : NULL;
        rd->ntests = 0;
        size_t j = 0;
        for (const cJSON *x = r == 0 ? tests->child : NULL; x && r == 0; x = x->next, j++) {
            char *tat = xasprintf("%s/tests/%zu", at, j);
            report_test *rt = &v->tests[t];
            r = check_test(&c, x, tat, rt);
            /* as a verdict's view: a hidden test's details only when the
             * line says they were revealed */
            if (rt->hidden && !s->reveal_hidden)
                rt->expected = rt->got = rt->message = NULL;
            free(tat);
            t++;
            rd->ntests++;
        }
        free(at);
        if (r < 0)
            goto fail;
    }
    s->drills = v->drills;
    s->ndrills = nd;
    return s;
fail:
    *err = c.err ? c.err : xstrdup("not a submission object");
    return NULL;
}
