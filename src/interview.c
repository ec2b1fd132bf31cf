/* interview.c - the record of one interview: built from the verdicts when
 * it ends, kept as $XDG_STATE_HOME/pydrill/interviews/<when>.json, read
 * back for the list of past interviews, and rendered for the screen, as
 * text, or as HTML.
 *
 * {"format": "pydrill-interview/1", "started": 1700000000, "seconds": 612,
 *  "minutes": 30, "timed_out": false, "python": "3.11.2",
 *  "drills": [{"id": "...", "title": "...", "topic": "...", "kind": "fix",
 *              "status": "fail", "score": 0.5, "seconds": 80,
 *              "answer": "...", "message": "...", "expected": "...",
 *              "tests": [{"name": "...", "status": "fail", "hidden": false,
 *                         "expected": "[2]", "got": "[1, 2]", "message": "..."}],
 *              "points": [{"point": "...", "hit": true, "note": null}],
 *              "out": "...", "err": "...",
 *              "explanation": "...", "model_answer": "..."}]}
 *
 * The record is self-contained (titles, explanations), so it reads the same
 * after the packs change. Hidden tests keep their name and status only. */
#define _GNU_SOURCE
#include "interview.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kind.h"
#include "util.h"

#define IV_DIR "interviews"
#define IV_BAR_W 20
#define IV_TEXT_W 78
/* how many files a name may take a suffix for before saving gives up */
#define IV_SAVE_TRIES 100

void interview_record_init(interview_record *r)
{
    memset(r, 0, sizeof(*r));
}

static void item_free(interview_item *it)
{
    free(it->id);
    free(it->title);
    free(it->topic);
    free(it->kind);
    free(it->answer);
    free(it->message);
    free(it->expected);
    for (size_t i = 0; i < it->ntests; i++) {
        free(it->tests[i].name);
        free(it->tests[i].expected);
        free(it->tests[i].got);
        free(it->tests[i].message);
    }
    free(it->tests);
    for (size_t i = 0; i < it->npoints; i++) {
        free(it->points[i].point);
        free(it->points[i].note);
    }
    free(it->points);
    free(it->out);
    free(it->err);
    free(it->explanation);
    free(it->model_answer);
}

void interview_record_free(interview_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        item_free(&r->items[i]);
    free(r->items);
    free(r->python);
    free(r->path);
    interview_record_init(r);
}

double interview_score(const interview_record *r)
{
    double s = 0;
    for (size_t i = 0; i < r->n; i++)
        s += r->items[i].score;
    return s;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static interview_item *item_push(interview_record *r)
{
    r->items = xrealloc(r->items, (r->n + 1) * sizeof(*r->items));
    interview_item *it = &r->items[r->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

/* "b) the option's text", one line per letter of a choice answer. */
static char *choice_lines(const drill *d, const int *idx, size_t n)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < n; i++)
        if (idx[i] >= 0 && (size_t)idx[i] < d->nchoices)
            sbuf_addf(&sb, "%s%c) %s", sb.len ? "\n" : "", 'a' + idx[i], d->choices[idx[i]]);
    return sbuf_detach(&sb, NULL);
}

/* The lines a parsons answer's letters name, in its order ("c a b"). */
static char *order_lines(const drill *d, const char *letters)
{
    sbuf sb;
    sbuf_init(&sb);
    for (const char *p = letters; p && *p; p++) {
        int c = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
        if (c >= 'a' && c <= 'z' && (size_t)(c - 'a') < d->nshown)
            sbuf_addf(&sb, "%s%s", sb.len ? "\n" : "", d->shown[c - 'a']);
    }
    return sbuf_detach(&sb, NULL);
}

void interview_add(interview_record *r, const drill *d, const char *answer, const drill_verdict *v, double secs)
{
    interview_item *it = item_push(r);
    it->id = xstrdup(d->id);
    it->title = xstrdup(d->title);
    it->topic = xstrdup(d->topic);
    it->kind = xstrdup(drill_kind_name(d->kind));
    it->st = v->st;
    it->score = v->score;
    it->seconds = secs;
    it->message = dup_or_null(v->message);
    it->out = dup_or_null(v->out);
    it->err = dup_or_null(v->err);
    it->explanation = dup_or_null(d->explanation);
    it->model_answer = dup_or_null(d->model_answer);
    kind_input in = kind_get(d->kind)->input;
    if (in == INPUT_CHOICE) {
        int *idx = NULL;
        size_t n = 0;
        char *err = NULL;
        if (answer && grade_parse_choice(answer, d->nchoices, &idx, &n, &err) == 0)
            it->answer = choice_lines(d, idx, n);
        else
            it->answer = dup_or_null(answer);
        free(idx);
        free(err);
        it->expected = choice_lines(d, d->answer, d->nanswer);
    } else if (in == INPUT_ORDER) {
        /* the program the letters make, and the solution's */
        it->answer = answer ? order_lines(d, answer) : NULL;
        char *right = kind_parsons_solution_letters(d);
        it->expected = order_lines(d, right);
        free(right);
    } else {
        it->answer = dup_or_null(answer);
        it->expected = dup_or_null(d->truth);
    }
    if (v->ntests) {
        it->tests = xcalloc(v->ntests, sizeof(*it->tests));
        it->ntests = v->ntests;
        for (size_t i = 0; i < v->ntests; i++) {
            const test_verdict *t = &v->tests[i];
            test_verdict *o = &it->tests[i];
            o->name = xstrdup(t->name ? t->name : "");
            o->st = t->st;
            o->hidden = t->hidden;
            if (!t->hidden) {
                o->expected = dup_or_null(t->expected);
                o->got = dup_or_null(t->got);
                o->message = dup_or_null(t->message);
            }
        }
    }
    if (v->npoints) {
        it->points = xcalloc(v->npoints, sizeof(*it->points));
        it->npoints = v->npoints;
        for (size_t i = 0; i < v->npoints; i++) {
            it->points[i].point = dup_or_null(v->points[i].point);
            it->points[i].hit = v->points[i].hit;
            it->points[i].note = dup_or_null(v->points[i].note);
        }
    }
}

/* ---- JSON ---- */

static void add_str(cJSON *o, const char *name, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, name, v);
}

char *interview_to_json(const interview_record *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", INTERVIEW_FORMAT);
    cJSON_AddNumberToObject(root, "started", (double)r->started);
    cJSON_AddNumberToObject(root, "seconds", r->seconds);
    cJSON_AddNumberToObject(root, "minutes", r->minutes);
    cJSON_AddBoolToObject(root, "timed_out", r->timed_out);
    cJSON_AddNumberToObject(root, "score", interview_score(r));
    cJSON_AddNumberToObject(root, "max", (double)r->n);
    add_str(root, "python", r->python);
    cJSON *arr = cJSON_AddArrayToObject(root, "drills");
    for (size_t i = 0; i < r->n; i++) {
        const interview_item *it = &r->items[i];
        cJSON *o = cJSON_CreateObject();
        add_str(o, "id", it->id);
        add_str(o, "title", it->title);
        add_str(o, "topic", it->topic);
        add_str(o, "kind", it->kind);
        cJSON_AddStringToObject(o, "status", status_name(it->st));
        cJSON_AddNumberToObject(o, "score", it->score);
        cJSON_AddNumberToObject(o, "seconds", it->seconds);
        add_str(o, "answer", it->answer);
        add_str(o, "message", it->message);
        add_str(o, "expected", it->expected);
        if (it->ntests) {
            cJSON *ts = cJSON_AddArrayToObject(o, "tests");
            for (size_t k = 0; k < it->ntests; k++) {
                const test_verdict *t = &it->tests[k];
                cJSON *x = cJSON_CreateObject();
                add_str(x, "name", t->name);
                cJSON_AddStringToObject(x, "status", status_name(t->st));
                cJSON_AddBoolToObject(x, "hidden", t->hidden);
                add_str(x, "expected", t->expected);
                add_str(x, "got", t->got);
                add_str(x, "message", t->message);
                cJSON_AddItemToArray(ts, x);
            }
        }
        if (it->npoints) {
            cJSON *ps = cJSON_AddArrayToObject(o, "points");
            for (size_t k = 0; k < it->npoints; k++) {
                cJSON *x = cJSON_CreateObject();
                add_str(x, "point", it->points[k].point);
                cJSON_AddBoolToObject(x, "hit", it->points[k].hit);
                add_str(x, "note", it->points[k].note);
                cJSON_AddItemToArray(ps, x);
            }
        }
        add_str(o, "out", it->out);
        add_str(o, "err", it->err);
        add_str(o, "explanation", it->explanation);
        add_str(o, "model_answer", it->model_answer);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}

static char *jstr(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

static double jnum(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
    return isfinite(d) && d >= 0 && d < 1e12 ? d : 0;
}

static status jstatus(const cJSON *o)
{
    status st = ST_MISSING;
    char *s = jstr(o, "status");
    if (!s || status_parse(s, &st) < 0)
        st = ST_MISSING;
    free(s);
    return st;
}

/* Fields are read leniently: an odd value costs that value, not the record. */
static void item_from_json(interview_record *r, const cJSON *o)
{
    interview_item *it = item_push(r);
    it->id = jstr(o, "id");
    if (!it->id)
        it->id = xstrdup("?");
    it->title = jstr(o, "title");
    if (!it->title)
        it->title = xstrdup(it->id);
    it->topic = jstr(o, "topic");
    if (!it->topic)
        it->topic = xstrdup("?");
    it->kind = jstr(o, "kind");
    it->st = jstatus(o);
    it->score = jnum(o, "score");
    if (it->score > 1)
        it->score = 1;
    it->seconds = jnum(o, "seconds");
    it->answer = jstr(o, "answer");
    it->message = jstr(o, "message");
    it->expected = jstr(o, "expected");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "tests");
    if (cJSON_IsArray(ts) && cJSON_GetArraySize(ts) > 0) {
        it->tests = xcalloc((size_t)cJSON_GetArraySize(ts), sizeof(*it->tests));
        const cJSON *x;
        cJSON_ArrayForEach(x, ts)
        {
            if (!cJSON_IsObject(x))
                continue;
            test_verdict *t = &it->tests[it->ntests++];
            t->name = jstr(x, "name");
            if (!t->name)
                t->name = xstrdup("?");
            t->st = jstatus(x);
            t->hidden = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "hidden"));
            if (!t->hidden) {
                t->expected = jstr(x, "expected");
                t->got = jstr(x, "got");
                t->message = jstr(x, "message");
            }
        }
    }
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(o, "points");
    if (cJSON_IsArray(ps) && cJSON_GetArraySize(ps) > 0) {
        it->points = xcalloc((size_t)cJSON_GetArraySize(ps), sizeof(*it->points));
        const cJSON *x;
        cJSON_ArrayForEach(x, ps)
        {
            if (!cJSON_IsObject(x))
                continue;
            point_verdict *p = &it->points[it->npoints++];
            p->point = jstr(x, "point");
            if (!p->point)
                p->point = xstrdup("?");
            p->hit = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "hit"));
            p->note = jstr(x, "note");
        }
    }
    it->out = jstr(o, "out");
    it->err = jstr(o, "err");
    it->explanation = jstr(o, "explanation");
    it->model_answer = jstr(o, "model_answer");
}

int interview_from_json(const char *text, size_t len, const char *what, interview_record *r, char **err)
{
    interview_record_init(r);
    if (!util_utf8_valid(text, len)) {
        *err = xasprintf("%s: error: not UTF-8", what);
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *drills = cJSON_GetObjectItemCaseSensitive(root, "drills");
    if (!cJSON_IsObject(root) || !cJSON_IsString(fmt) || strcmp(fmt->valuestring, INTERVIEW_FORMAT) ||
        !cJSON_IsArray(drills)) {
        *err = xasprintf("%s: error: not a " INTERVIEW_FORMAT " file", what);
        cJSON_Delete(root);
        return -1;
    }
    r->started = (time_t)jnum(root, "started");
    r->seconds = jnum(root, "seconds");
    r->minutes = jnum(root, "minutes");
    r->timed_out = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "timed_out"));
    r->python = jstr(root, "python");
    const cJSON *o;
    cJSON_ArrayForEach(o, drills)
    {
        if (cJSON_IsObject(o))
            item_from_json(r, o);
    }
    cJSON_Delete(root);
    return 0;
}

/* ---- the folder ---- */

int interview_save(interview_record *r, const char *dir, char **err)
{
    char *folder = xasprintf("%s/" IV_DIR, dir);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        *err = xasprintf("%s: error: cannot create folder: %s", dir, strerror(errno));
        free(folder);
        return -1;
    }
    if (mkdir(folder, 0700) < 0 && errno != EEXIST) {
        *err = xasprintf("%s: error: cannot create folder: %s", folder, strerror(errno));
        free(folder);
        return -1;
    }
    char stamp[32];
    struct tm tm;
    localtime_r(&r->started, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *path = NULL;
    for (int i = 1; i <= IV_SAVE_TRIES && !path; i++) {
        char *p = i == 1 ? xasprintf("%s/%s.json", folder, stamp) : xasprintf("%s/%s-%d.json", folder, stamp, i);
        struct stat st;
        if (lstat(p, &st) < 0 && errno == ENOENT)
            path = p;
        else
            free(p);
    }
    free(folder);
    if (!path) {
        *err = xasprintf("%s/" IV_DIR ": error: too many interviews saved at %s", dir, stamp);
        return -1;
    }
    char *json = interview_to_json(r);
    int rc = util_write_atomic(path, json, strlen(json), err);
    free(json);
    if (rc < 0) {
        free(path);
        return -1;
    }
    free(r->path);
    r->path = path;
    return 0;
}

/* The n of a file saved as <stamp>-n.json in the same second as another
 * (1 for the plain <stamp>.json). */
static long save_order(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dash = strrchr(base, '-');
    /* <date>-<time>.json has one dash, <date>-<time>-<n>.json two */
    if (!dash || dash == strchr(base, '-'))
        return 1;
    return strtol(dash + 1, NULL, 10);
}

static int by_newest(const void *a, const void *b)
{
    const interview_record *x = a, *y = b;
    if (x->started != y->started)
        return x->started < y->started ? 1 : -1;
    long ox = save_order(x->path), oy = save_order(y->path);
    if (ox != oy)
        return ox < oy ? 1 : -1;
    return strcmp(y->path, x->path);
}

void interview_list(const char *dir, interview_record **out, size_t *n, size_t *unreadable)
{
    *out = NULL;
    *n = 0;
    *unreadable = 0;
    char *folder = xasprintf("%s/" IV_DIR, dir);
    DIR *d = opendir(folder);
    if (!d) {
        free(folder);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") || e->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", folder, e->d_name);
        char *data = NULL, *err = NULL;
        size_t dlen = 0;
        interview_record r;
        if (util_read_file(path, &data, &dlen, &err) < 0 || interview_from_json(data, dlen, path, &r, &err) < 0) {
            (*unreadable)++;
            free(err);
            free(data);
            free(path);
            continue;
        }
        free(data);
        r.path = path;
        *out = xrealloc(*out, (*n + 1) * sizeof(**out));
        (*out)[(*n)++] = r;
    }
    closedir(d);
    free(folder);
    if (*n > 1)
        qsort(*out, *n, sizeof(**out), by_newest);
}

/* ---- rendering ---- */

void interview_when(time_t t, char buf[32])
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
}

static void fmt_secs(char buf[32], double secs)
{
    long s = (long)(secs + 0.5);
    snprintf(buf, 32, "%ldm%02lds", s / 60, s % 60);
}

/* "1 minute", "30 seconds", "1.5 minutes" */
static void fmt_minutes(char buf[48], double m)
{
    if (m < 1) {
        long s = (long)(m * 60 + 0.5);
        snprintf(buf, 48, "%ld second%s", s, s == 1 ? "" : "s");
    } else if (m == (double)(long)m) {
        snprintf(buf, 48, "%ld minute%s", (long)m, (long)m == 1 ? "" : "s");
    } else {
        snprintf(buf, 48, "%.1f minutes", m);
    }
}

static void emitf(interview_sink sink, void *ctx, interview_style st, int indent, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void emitf(interview_sink sink, void *ctx, interview_style st, int indent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sink(ctx, st, indent, s);
    free(s);
}

static interview_style st_style(status s)
{
    return s == ST_PASS ? IV_PASS : IV_FAIL;
}

/* The distinct topics in the order they first appear. */
static size_t topics_of(const interview_record *r, const char ***out)
{
    const char **t = xcalloc(r->n + 1, sizeof(*t));
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        size_t k;
        for (k = 0; k < n; k++)
            if (!strcmp(t[k], r->items[i].topic))
                break;
        if (k == n)
            t[n++] = r->items[i].topic;
    }
    *out = t;
    return n;
}

static void render_item(const interview_item *it, size_t i, int utf8, interview_sink sink, void *ctx)
{
    const char *ok = utf8 ? "\u2713" : "+", *bad = utf8 ? "\u2717" : "x";
    char t[32];
    fmt_secs(t, it->seconds);
    sink(ctx, IV_NORMAL, 0, "");
    emitf(sink, ctx, IV_HEAD, 0, "%zu. %s (%s)", i + 1, it->title, it->id);
    emitf(sink, ctx, st_style(it->st), 3, "%s %s   score %.2f   %s   %s, %s", it->st == ST_PASS ? ok : bad,
          status_name(it->st), it->score, t, it->kind ? it->kind : "?", it->topic);
    int prose = it->kind && !strcmp(it->kind, "explain");
    sink(ctx, IV_TITLE, 3, "Your answer");
    if (it->answer && *it->answer)
        sink(ctx, prose ? IV_WRAP : IV_CODE, 5, it->answer);
    else
        sink(ctx, IV_DIM, 5, "(no answer)");
    if (it->message && *it->message && it->st != ST_PASS && it->st != ST_MISSING)
        sink(ctx, IV_WRAP, 5, it->message);
    if (it->expected && *it->expected && it->st != ST_PASS) {
        sink(ctx, IV_TITLE, 3, it->kind && !strcmp(it->kind, "choice")    ? "The right answer"
                               : it->kind && !strcmp(it->kind, "parsons") ? "A right order"
                                                                          : "What it prints");
        sink(ctx, IV_CODE, 5, it->expected);
    }
    size_t hidden = 0, hidden_ok = 0, shown = 0;
    for (size_t k = 0; k < it->ntests; k++) {
        const test_verdict *tv = &it->tests[k];
        if (tv->hidden) {
            hidden++;
            hidden_ok += tv->st == ST_PASS;
            continue;
        }
        if (!shown++)
            sink(ctx, IV_TITLE, 3, "Tests");
        emitf(sink, ctx, st_style(tv->st), 5, "%s %s  [%s]", tv->st == ST_PASS ? ok : bad, tv->name,
              status_name(tv->st));
        if (tv->st != ST_PASS) {
            if (tv->expected)
                emitf(sink, ctx, IV_CODE, 9, "expected: %s", tv->expected);
            if (tv->got)
                emitf(sink, ctx, IV_CODE, 9, "got:      %s", tv->got);
            else if (tv->message)
                sink(ctx, IV_WRAP, 9, tv->message);
        }
    }
    if (hidden)
        emitf(sink, ctx, hidden_ok == hidden ? IV_PASS : IV_FAIL, 5, "%zu of %zu hidden tests passed", hidden_ok,
              hidden);
    if (it->npoints) {
        size_t hit = 0;
        for (size_t k = 0; k < it->npoints; k++)
            hit += it->points[k].hit != 0;
        emitf(sink, ctx, IV_TITLE, 3, "Rubric: %zu of %zu points", hit, it->npoints);
        for (size_t k = 0; k < it->npoints; k++) {
            const point_verdict *p = &it->points[k];
            emitf(sink, ctx, p->hit ? IV_PASS : IV_FAIL, 5, "%s %s", p->hit ? ok : bad, p->point);
            if (p->note && *p->note)
                sink(ctx, IV_WRAP, 7, p->note);
        }
    }
    if (it->out && *it->out) {
        sink(ctx, IV_TITLE, 3, "Output");
        sink(ctx, IV_CODE, 5, it->out);
    }
    if (it->err && *it->err) {
        sink(ctx, IV_TITLE, 3, "Errors");
        sink(ctx, IV_CODE, 5, it->err);
    }
    if (it->explanation && *it->explanation) {
        sink(ctx, IV_TITLE, 3, "Why");
        sink(ctx, IV_WRAP, 5, it->explanation);
    }
    if (it->model_answer && *it->model_answer) {
        sink(ctx, IV_TITLE, 3, "A model answer");
        sink(ctx, IV_WRAP, 5, it->model_answer);
    }
}

void interview_render(const interview_record *r, int utf8, interview_sink sink, void *ctx)
{
    const char *full = utf8 ? "\u2588" : "#", *empty = utf8 ? "\u2591" : "-";
    const char *ok = utf8 ? "\u2713" : "+", *bad = utf8 ? "\u2717" : "x";
    char when[32], took[32], mins[48];
    interview_when(r->started, when);
    fmt_secs(took, r->seconds);
    fmt_minutes(mins, r->minutes);
    double score = interview_score(r);
    sink(ctx, IV_TITLE, 0, "Interview report");
    emitf(sink, ctx, IV_DIM, 0, "%s, %s of %s%s%s%s", when, took, mins,
          r->timed_out ? ", the time ran out" : "", r->python ? ", Python " : "", r->python ? r->python : "");
    sink(ctx, IV_NORMAL, 0, "");
    emitf(sink, ctx, IV_NORMAL, 0, "Score: %.1f / %zu (%.0f%%)", score, r->n,
          r->n ? 100.0 * score / (double)r->n : 0.0);
    sink(ctx, IV_NORMAL, 0, "");
    sink(ctx, IV_TITLE, 0, "By topic");
    const char **topics;
    size_t nt = topics_of(r, &topics);
    for (size_t t = 0; t < nt; t++) {
        double s = 0;
        int n = 0;
        for (size_t i = 0; i < r->n; i++)
            if (!strcmp(r->items[i].topic, topics[t])) {
                s += r->items[i].score;
                n++;
            }
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addf(&sb, "%-16.16s ", topics[t]);
        int fill = (int)(s / n * IV_BAR_W + 0.5);
        for (int i = 0; i < IV_BAR_W; i++)
            sbuf_addstr(&sb, i < fill ? full : empty);
        sbuf_addf(&sb, " %.1f/%d", s, n);
        sink(ctx, IV_BAR, 2, sb.buf);
        sbuf_release(&sb);
    }
    free(topics);
    sink(ctx, IV_NORMAL, 0, "");
    sink(ctx, IV_TITLE, 0, "Drills");
    for (size_t i = 0; i < r->n; i++) {
        const interview_item *it = &r->items[i];
        char t[32];
        fmt_secs(t, it->seconds);
        emitf(sink, ctx, st_style(it->st), 2, "%s %-8s %.2f %7s  %s", it->st == ST_PASS ? ok : bad,
              status_name(it->st), it->score, t, it->title);
    }
    for (size_t i = 0; i < r->n; i++)
        render_item(&r->items[i], i, utf8, sink, ctx);
}

/* ---- text ---- */

/* Word-wraps one paragraph at IV_TEXT_W columns (bytes: text exports are
 * for reading, not for columns). */
static void text_wrap(sbuf *sb, int indent, const char *p)
{
    int width = IV_TEXT_W - indent;
    if (width < 20)
        width = 20;
    while (*p) {
        const char *nl = strchrnul(p, '\n');
        size_t n = (size_t)(nl - p);
        do {
            size_t take = n;
            if ((int)n > width) {
                take = (size_t)width;
                while (take > 0 && p[take] != ' ')
                    take--;
                if (take == 0)
                    take = (size_t)width;
            }
            sbuf_addf(sb, "%*s%.*s\n", indent, "", (int)take, p);
            p += take;
            n -= take;
            while (n > 0 && *p == ' ') {
                p++;
                n--;
            }
        } while (n > 0);
        p = *nl ? nl + 1 : nl;
        if (*nl && !*p)
            break;
    }
}

static void text_sink(void *ctx, interview_style st, int indent, const char *text)
{
    sbuf *sb = ctx;
    if (!*text) {
        sbuf_addch(sb, '\n');
        return;
    }
    if (st == IV_WRAP) {
        text_wrap(sb, indent, text);
        return;
    }
    const char *p = text;
    for (;;) {
        const char *nl = strchrnul(p, '\n');
        sbuf_addf(sb, "%*s%.*s\n", indent, "", (int)(nl - p), p);
        if (!*nl)
            break;
        p = nl + 1;
    }
}

char *interview_text(const interview_record *r)
{
    sbuf sb;
    sbuf_init(&sb);
    interview_render(r, 0, text_sink, &sb);
    return sbuf_detach(&sb, NULL);
}

/* ---- HTML ---- */

static void esc(sbuf *sb, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': sbuf_addstr(sb, "&amp;"); break;
        case '<': sbuf_addstr(sb, "&lt;"); break;
        case '>': sbuf_addstr(sb, "&gt;"); break;
        case '"': sbuf_addstr(sb, "&quot;"); break;
        case '\'': sbuf_addstr(sb, "&#39;"); break;
        default: sbuf_addch(sb, *s);
        }
    }
}

static const char *html_class(interview_style st)
{
    switch (st) {
    case IV_TITLE: return "t";
    case IV_PASS: return "ok";
    case IV_FAIL: return "bad";
    case IV_DIM: return "dim";
    case IV_BAR: return "bar";
    case IV_HEAD: return "head";
    case IV_CODE: return "code";
    default: return "p";
    }
}

/* The same lines as the text, each a block of its own: one layout for the
 * screen, the text and the page. */
static void html_sink(void *ctx, interview_style st, int indent, const char *text)
{
    sbuf *sb = ctx;
    if (!*text) {
        sbuf_addstr(sb, "<div class=\"gap\"></div>\n");
        return;
    }
    sbuf_addf(sb, "<%s class=\"%s\" style=\"margin-left:%dch\">", st == IV_CODE ? "pre" : "div", html_class(st),
              indent);
    esc(sb, text);
    sbuf_addf(sb, "</%s>\n", st == IV_CODE ? "pre" : "div");
}

char *interview_html(const interview_record *r)
{
    sbuf sb;
    sbuf_init(&sb);
    char when[32];
    interview_when(r->started, when);
    sbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pydrill interview, ");
    esc(&sb, when);
    sbuf_addstr(&sb,
                "</title>\n<style>\n"
                "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
                "line-height:1.4;color:#222}\n"
                ".t{font-weight:bold;margin-top:.6rem}.head{font-weight:bold;font-size:1.15rem;"
                "margin-top:1.2rem;border-top:1px solid #ccc;padding-top:.6rem}\n"
                ".ok{color:#17702a}.bad{color:#b3261e}.dim{color:#666}.gap{height:.4rem}\n"
                ".bar{font-family:monospace;white-space:pre}\n"
                "pre.code{background:#f5f5f5;padding:.3rem .5rem;margin:.2rem 0;white-space:pre-wrap;"
                "overflow-wrap:anywhere}\n"
                "</style>\n</head>\n<body>\n");
    interview_render(r, 1, html_sink, &sb);
    sbuf_addstr(&sb, "</body>\n</html>\n");
    return sbuf_detach(&sb, NULL);
}
