/* interview.c - the record of one interview: built from the verdicts when
 * it ends, kept as $XDG_STATE_HOME/pydrill/interviews/<when>.json, and read
 * back for the list of past interviews (interview_render.c draws it).
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
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kind.h"
#include "util.h"

#define IV_DIR "interviews"
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
    free(it->seen_before);
}

void interview_record_free(interview_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        item_free(&r->items[i]);
    free(r->items);
    free(r->python);
    free(r->path);
    free(r->owner_boot);
    interview_record_init(r);
}

double interview_score(const interview_record *r)
{
    double s = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].st != ST_SKIPPED)
            s += r->items[i].score;
    return s;
}

size_t interview_max(const interview_record *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->items[i].st != ST_SKIPPED;
    return n;
}

/* ---- who writes a journal ---- */

static char *boot_id(void)
{
    char *data = NULL, *err = NULL;
    size_t n = 0;
    if (util_read_file("/proc/sys/kernel/random/boot_id", &data, &n, &err) < 0) {
        free(err);
        return NULL;
    }
    while (n && (data[n - 1] == '\n' || data[n - 1] == ' '))
        data[--n] = '\0';
    return data;
}

/* The start time of a process (field 22 of /proc/PID/stat), 0 when unknown:
 * with the pid it names one process, a reused pid another. */
static unsigned long long proc_start(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    char *data = NULL, *err = NULL;
    size_t n = 0;
    if (util_read_file(path, &data, &n, &err) < 0) {
        free(err);
        return 0;
    }
    unsigned long long start = 0;
    const char *p = strrchr(data, ')'); /* the command name may hold anything */
    if (p) {
        /* ") S ppid ...": field 3 follows; start time is field 22 */
        int field = 2;
        for (p++; *p && field < 22; p++)
            if (*p == ' ')
                field++;
        if (field == 22)
            start = strtoull(p, NULL, 10);
    }
    free(data);
    return start;
}

void interview_set_running(interview_record *r)
{
    r->owner_pid = (long)getpid();
    r->owner_start = proc_start(r->owner_pid);
    free(r->owner_boot);
    r->owner_boot = boot_id();
}

int interview_owner_gone(const interview_record *r)
{
    if (!r->owner_pid)
        return 0;
    if (r->owner_pid < 0)
        return 1;
    char *boot = boot_id();
    int other_boot = boot && r->owner_boot && strcmp(boot, r->owner_boot);
    free(boot);
    if (other_boot)
        return 1;
    if (kill((pid_t)r->owner_pid, 0) < 0 && errno == ESRCH)
        return 1;
    /* alive, or another user's: the same process only if it started then */
    unsigned long long start = proc_start(r->owner_pid);
    return start && r->owner_start && start != r->owner_start;
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
    cJSON_AddNumberToObject(root, "max", (double)interview_max(r));
    add_str(root, "python", r->python);
    if (r->interrupted)
        cJSON_AddBoolToObject(root, "interrupted", 1);
    if (r->owner_pid) {
        cJSON *o = cJSON_AddObjectToObject(root, "running");
        cJSON_AddNumberToObject(o, "pid", (double)r->owner_pid);
        cJSON_AddNumberToObject(o, "start", (double)r->owner_start);
        add_str(o, "boot", r->owner_boot);
    }
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
        cJSON_AddBoolToObject(o, "shown", it->shown);
        if (it->passed_on)
            cJSON_AddBoolToObject(o, "passed_on", 1);
        cJSON_AddNumberToObject(o, "runs", it->runs);
        add_str(o, "seen_before", it->seen_before);
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
    /* a report from before "shown" was kept: every drill counts as shown */
    const cJSON *shown = cJSON_GetObjectItemCaseSensitive(o, "shown");
    it->shown = !cJSON_IsBool(shown) || cJSON_IsTrue(shown);
    it->passed_on = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "passed_on"));
    double runs = jnum(o, "runs");
    it->runs = runs < 1e6 ? (int)runs : 1000000;
    it->seen_before = jstr(o, "seen_before");
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
    r->interrupted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "interrupted"));
    const cJSON *run = cJSON_GetObjectItemCaseSensitive(root, "running");
    if (cJSON_IsObject(run)) {
        r->owner_pid = (long)jnum(run, "pid");
        r->owner_start = (unsigned long long)jnum(run, "start");
        r->owner_boot = jstr(run, "boot");
        if (!r->owner_pid)
            r->owner_pid = -1; /* a journal all the same: no one's, so its writer is gone */
    }
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

/* A temporary file in dir holding data, flushed to disk. */
static char *write_temp(const char *dir, const char *data, char **err)
{
    char *tmp = xasprintf("%s/.pydrill-XXXXXX.tmp", dir);
    int fd = mkstemps(tmp, 4);
    if (fd < 0) {
        *err = xasprintf("%s: error: no file can be made there: %s", dir, strerror(errno));
        free(tmp);
        return NULL;
    }
    size_t len = strlen(data), off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    int e = off < len ? (errno ? errno : ENOSPC) : 0;
    if (!e && fsync(fd) < 0)
        e = errno;
    if (close(fd) < 0 && !e)
        e = errno;
    if (e) {
        *err = xasprintf("%s: error: cannot write: %s", tmp, strerror(e));
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

int interview_write_new(const char *stem, const char *ext, const char *data, char **path, char **err)
{
    *path = NULL;
    char *dir = util_dirname(stem);
    char *tmp = write_temp(dir, data, err);
    free(dir);
    if (!tmp)
        return -1;
    int rc = -1;
    for (int i = 1; i <= IV_SAVE_TRIES; i++) {
        char *p = i == 1 ? xasprintf("%s.%s", stem, ext) : xasprintf("%s-%d.%s", stem, i, ext);
        /* link() never replaces: the name is ours or taken */
        if (link(tmp, p) == 0) {
            *path = p;
            rc = 0;
            break;
        }
        int e = errno;
        if (e != EEXIST) {
            *err = xasprintf("%s: error: cannot write: %s", p, strerror(e));
            free(p);
            break;
        }
        free(p);
        if (i == IV_SAVE_TRIES)
            *err = xasprintf("%s.%s: error: %d files of that name are there already", stem, ext, IV_SAVE_TRIES);
    }
    unlink(tmp);
    free(tmp);
    return rc;
}

int interview_save(interview_record *r, const char *dir, char **err)
{
    char *json = interview_to_json(r);
    int rc;
    if (r->path) {
        /* its own file (the journal it kept): replaced whole */
        rc = util_write_atomic(r->path, json, strlen(json), err);
        free(json);
        return rc;
    }
    char *folder = xasprintf("%s/" IV_DIR, dir);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        *err = xasprintf("%s: error: cannot create folder: %s", dir, strerror(errno));
        free(folder);
        free(json);
        return -1;
    }
    if (mkdir(folder, 0700) < 0 && errno != EEXIST) {
        *err = xasprintf("%s: error: cannot create folder: %s", folder, strerror(errno));
        free(folder);
        free(json);
        return -1;
    }
    char stamp[32];
    struct tm tm;
    localtime_r(&r->started, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *stem = xasprintf("%s/%s", folder, stamp), *path = NULL;
    rc = interview_write_new(stem, "json", json, &path, err);
    free(stem);
    free(folder);
    free(json);
    if (rc < 0)
        return -1;
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

int interview_list(const char *dir, interview_record **out, size_t *n, size_t *unreadable, char ***why)
{
    *out = NULL;
    *n = 0;
    *unreadable = 0;
    if (why)
        *why = NULL;
    char *folder = xasprintf("%s/" IV_DIR, dir);
    DIR *d = opendir(folder);
    if (!d) {
        /* none kept is no folder; any other failure is not "none" */
        int e = errno == ENOENT ? 0 : errno;
        free(folder);
        return e;
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
            if (why) {
                *why = xrealloc(*why, (*unreadable + 2) * sizeof(**why));
                /* "PATH: error: why" as the readers say it, without the
                 * "error": the caller says how bad it is */
                size_t pl = strlen(path);
                const char *msg = err;
                if (strncmp(err, path, pl) == 0 && strncmp(err + pl, ": error: ", 9) == 0)
                    msg = err + pl + 9;
                else if (strncmp(err, path, pl) == 0 && strncmp(err + pl, ": ", 2) == 0)
                    msg = err + pl + 2;
                (*why)[*unreadable] = xasprintf("%s: %s", path, msg);
                (*why)[*unreadable + 1] = NULL;
            }
            (*unreadable)++;
            free(err);
            free(data);
            free(path);
            continue;
        }
        free(data);
        r.path = path;
        if (r.owner_pid) {
            if (!interview_owner_gone(&r)) {
                /* an interview still running in another quiz: no report yet */
                interview_record_free(&r);
                continue;
            }
            r.interrupted = 1;
        }
        *out = xrealloc(*out, (*n + 1) * sizeof(**out));
        (*out)[(*n)++] = r;
    }
    closedir(d);
    free(folder);
    if (*n > 1)
        qsort(*out, *n, sizeof(**out), by_newest);
    return 0;
}

size_t interview_recover(const char *dir)
{
    interview_record *list;
    size_t n, bad, kept = 0;
    interview_list(dir, &list, &n, &bad, NULL);
    for (size_t i = 0; i < n; i++) {
        interview_record *r = &list[i];
        if (!r->owner_pid)
            continue;
        /* its writer is gone: from now on a report, marked interrupted */
        r->owner_pid = 0;
        free(r->owner_boot);
        r->owner_boot = NULL;
        r->interrupted = 1;
        char *err = NULL;
        if (interview_save(r, dir, &err) == 0)
            kept++;
        free(err);
    }
    for (size_t i = 0; i < n; i++)
        interview_record_free(&list[i]);
    free(list);
    return kept;
}

char **interview_shown_since(const char *dir, time_t since)
{
    interview_record *list;
    size_t n, bad, k = 0;
    interview_list(dir, &list, &n, &bad, NULL);
    char **out = xcalloc(1, sizeof *out);
    /* newest first: the latest report that showed a drill is named */
    for (size_t i = 0; i < n; i++) {
        const interview_record *r = &list[i];
        if (r->started < since)
            continue;
        char when[32];
        interview_when(r->started, when);
        for (size_t j = 0; j < r->n; j++) {
            int dup = 0;
            for (size_t m = 0; m < k && !dup; m += 2)
                dup = !strcmp(out[m], r->items[j].id);
            if (dup)
                continue;
            out = xrealloc(out, (k + 3) * sizeof *out);
            out[k++] = xstrdup(r->items[j].id);
            out[k++] = xasprintf("in the interview report of %s", when);
            out[k] = NULL;
        }
    }
    for (size_t i = 0; i < n; i++)
        interview_record_free(&list[i]);
    free(list);
    return out;
}
