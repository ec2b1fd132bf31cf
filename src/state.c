/* state.c - the quiz's progress in $XDG_STATE_HOME/pydrill/progress.json.
 *
 * {"format": "pydrill-state/1",
 *  "entries": {"<id>": {"revision": 1, "attempts": 2, "passed": true,
 *                       "revealed_pass": false,
 *                       "last_status": "pass", "best_score": 1,
 *                       "last_answer": "...", "draft": "...",
 *                       "card": {"ease": 2.5, "reps": 1,
 *                                "interval_days": 1, "due": 1700000000}}}}
 *
 * A file we cannot understand is someone's history: it is renamed aside
 * (never over an earlier one) rather than overwritten by the next save. */
#define _GNU_SOURCE /* renameat2 */
#include "state.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "grade.h"
#include "util.h"

#define STATE_FORMAT "pydrill-state/1"
#define STATE_FORMAT_STEM "pydrill-state/"
#define STATE_FILE "progress.json"

char *state_dir(void)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    /* The XDG spec says relative paths are invalid and must be ignored. */
    if (xdg && xdg[0] == '/')
        return util_path_join(xdg, "pydrill");
    const char *home = getenv("HOME");
    if (!home || !home[0]) {
        struct passwd *pw = getpwuid(getuid());
        home = pw && pw->pw_dir && pw->pw_dir[0] ? pw->pw_dir : NULL;
    }
    if (!home)
        return NULL;
    return util_path_join(home, ".local/state/pydrill");
}

/* mkdir -p; folders it creates are private (0700): answers and drafts are
 * the user's own. */
static int make_dirs(const char *dir, char **err)
{
    char *p = xstrdup(dir);
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST) {
            *err = xasprintf("%s: error: cannot create folder: %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *q = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
        *err = xasprintf("%s: error: not a folder", p);
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

static void entry_init(state_entry *e, const char *id, int revision)
{
    memset(e, 0, sizeof(*e));
    e->id = xstrdup(id);
    e->revision = revision;
    e->last_status = -1;
    review_card_init(&e->card);
}

static void entry_release(state_entry *e)
{
    free(e->id);
    free(e->last_answer);
    free(e->draft);
}

static state_entry *entry_add(state *s, const char *id, int revision)
{
    s->entries = xrealloc(s->entries, (s->n + 1) * sizeof(*s->entries));
    state_entry *e = &s->entries[s->n++];
    entry_init(e, id, revision);
    return e;
}

static state_entry *entry_lookup(const state *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->entries[i].id, id) == 0)
            return &s->entries[i];
    return NULL;
}

/* ---- reading ----
 *
 * Every field is checked for its type and range: a file with one value
 * that pydrill would never have written (a draft that is a number, a
 * score of 1e308, a negative attempt count) is not read around, silently
 * dropping or "fixing" what it holds; it is set aside whole, as an
 * unparseable one is, and the reason names the value. Fields added later
 * may be missing (they take their defaults); fields pydrill does not know
 * are left alone. */

/* the largest values a state file may hold: far beyond what use reaches */
#define STATE_COUNT_MAX 1e9          /* revision, attempts, reps */
#define STATE_EASE_MAX 1000.0        /* SM-2 ease: +0.1 per good review */
#define STATE_INTERVAL_MAX 1e7       /* days: 27,000 years */
#define STATE_DUE_MAX 1e13           /* seconds since the epoch: year 300,000 */

static const cJSON *field(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name);
}

/* "/entries/ID/FIELD: what is wrong" (the id escaped as a JSON Pointer). */
static char *bad_value(const char *id, const char *sub, const char *name, const char *what)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "/entries/");
    for (const char *p = id; p && *p; p++) {
        if (*p == '~')
            sbuf_addstr(&sb, "~0");
        else if (*p == '/')
            sbuf_addstr(&sb, "~1");
        else
            sbuf_addch(&sb, *p);
    }
    if (sub)
        sbuf_addf(&sb, "/%s", sub);
    if (name)
        sbuf_addf(&sb, "/%s", name);
    sbuf_addf(&sb, ": %s", what);
    char *raw = sbuf_detach(&sb, NULL);
    /* an id is the file's: it must not drive the terminal it is shown on */
    char *out = util_escape_controls(raw);
    free(raw);
    return out;
}

/* A number in [min, max] (whole when whole is set), or absent (*set 0). */
static int num_field(const cJSON *o, const char *name, double min, double max, int whole, double *out, int *set,
                     const char **why)
{
    const cJSON *v = field(o, name);
    *set = v != NULL;
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v)) {
        *why = "not a number";
        return -1;
    }
    double d = v->valuedouble;
    if (!(d >= min && d <= max)) {
        *why = "out of range";
        return -1;
    }
    if (whole && d != (double)(long long)d) {
        *why = "not a whole number";
        return -1;
    }
    *out = d;
    return 0;
}

static int bool_field(const cJSON *o, const char *name, int *out, const char **why)
{
    const cJSON *v = field(o, name);
    if (!v)
        return 0;
    if (!cJSON_IsBool(v)) {
        *why = "not true or false";
        return -1;
    }
    *out = cJSON_IsTrue(v);
    return 0;
}

static int str_field(const cJSON *o, const char *name, char **out, const char **why)
{
    const cJSON *v = field(o, name);
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v) || !v->valuestring) {
        *why = "not a string";
        return -1;
    }
    *out = xstrdup(v->valuestring);
    return 0;
}

/* Reads one entry; -1 with *err ("/entries/ID/FIELD: ...") when a value is
 * not one pydrill writes. */
static int entry_from_json(state *s, const cJSON *item, char **err)
{
    const char *id = item->string, *why = NULL, *name = NULL, *sub = NULL;
    if (!id || !*id) {
        *err = xstrdup("/entries: an entry without a drill id");
        return -1;
    }
    if (!cJSON_IsObject(item)) {
        *err = bad_value(id, NULL, NULL, "not an object");
        return -1;
    }
    if (entry_lookup(s, id)) {
        *err = bad_value(id, NULL, NULL, "the drill appears twice");
        return -1;
    }
    double d;
    int set;
    if (num_field(item, name = "revision", 1, STATE_COUNT_MAX, 1, &d, &set, &why) < 0)
        goto bad;
    state_entry *e = entry_add(s, id, set ? (int)d : 1);
    if (num_field(item, name = "attempts", 0, STATE_COUNT_MAX, 1, &d, &set, &why) < 0)
        goto bad;
    e->attempts = set ? (int)d : 0;
    e->base_attempts = e->attempts;
    if (bool_field(item, name = "passed", &e->passed, &why) < 0 ||
        bool_field(item, name = "revealed_pass", &e->revealed_pass, &why) < 0)
        goto bad;
    const cJSON *st = field(item, name = "last_status");
    if (st && !cJSON_IsNull(st)) {
        status parsed;
        if (!cJSON_IsString(st) || status_parse(st->valuestring, &parsed) < 0) {
            why = "not a status";
            goto bad;
        }
        e->last_status = (int)parsed;
    }
    if (num_field(item, name = "best_score", 0, 1, 0, &d, &set, &why) < 0)
        goto bad;
    e->best_score = set ? d : 0;
    if (str_field(item, name = "last_answer", &e->last_answer, &why) < 0 ||
        str_field(item, name = "draft", &e->draft, &why) < 0)
        goto bad;
    const cJSON *card = field(item, name = "card");
    if (card) {
        if (!cJSON_IsObject(card)) {
            why = "not an object";
            goto bad;
        }
        sub = "card";
        if (num_field(card, name = "ease", 1.3 - 1e-9, STATE_EASE_MAX, 0, &d, &set, &why) < 0)
            goto bad;
        if (set)
            e->card.ease = d < 1.3 ? 1.3 : d;
        if (num_field(card, name = "reps", 0, STATE_COUNT_MAX, 1, &d, &set, &why) < 0)
            goto bad;
        e->card.reps = set ? (int)d : 0;
        if (num_field(card, name = "interval_days", 0, STATE_INTERVAL_MAX, 0, &d, &set, &why) < 0)
            goto bad;
        e->card.interval_days = set ? d : 0;
        if (num_field(card, name = "due", 0, STATE_DUE_MAX, 1, &d, &set, &why) < 0)
            goto bad;
        e->card.due = set ? (time_t)d : 0;
    }
    return 0;
bad:
    *err = bad_value(id, sub, name, why);
    return -1;
}

/* Renames path to path.corrupt-YYYYmmdd-HHMMSS (then -2, -3, ... when
 * that exists: an earlier set-aside file is never replaced). */
static int set_aside(const char *path, char **newpath, char **err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int i = 1; i < 1000; i++) {
        char *to = i == 1 ? xasprintf("%s.corrupt-%s", path, stamp)
                          : xasprintf("%s.corrupt-%s-%d", path, stamp, i);
        int rc = renameat2(AT_FDCWD, path, AT_FDCWD, to, RENAME_NOREPLACE);
        if (rc < 0 && (errno == EINVAL || errno == ENOSYS)) {
            /* no RENAME_NOREPLACE here: link() refuses to replace too */
            rc = link(path, to);
            if (rc == 0 && unlink(path) < 0) {
                int e = errno;
                unlink(to);
                errno = e;
                rc = -1;
            }
        }
        if (rc == 0) {
            *newpath = to;
            return 0;
        }
        int e = errno;
        free(to);
        if (e != EEXIST) {
            *err = xasprintf("%s: error: cannot set the unreadable state file aside: %s", path, strerror(e));
            return -1;
        }
    }
    *err = xasprintf("%s: error: cannot set the unreadable state file aside: too many earlier copies", path);
    return -1;
}

/* 1 if root is a state file of a later format than this pydrill reads:
 * someone's progress, kept by a newer pydrill, not a corrupt file. */
static int newer_format(const cJSON *root)
{
    const cJSON *fmt = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    if (!cJSON_IsString(fmt) || strncmp(fmt->valuestring, STATE_FORMAT_STEM, strlen(STATE_FORMAT_STEM)))
        return 0;
    const char *v = fmt->valuestring + strlen(STATE_FORMAT_STEM);
    char *end;
    long n = strtol(v, &end, 10);
    return *v >= '1' && *v <= '9' && !*end && n > 1;
}

/* The reason a file is not ours, or NULL when it is. */
static const char *check_format(const cJSON *root, const char *data, size_t len)
{
    if (!util_utf8_valid(data, len))
        return "not UTF-8";
    if (!root)
        return "not valid JSON";
    if (!cJSON_IsObject(root))
        return "not a JSON object";
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, STATE_FORMAT) != 0)
        return "format is not \"" STATE_FORMAT "\"";
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
    if (entries && !cJSON_IsObject(entries))
        return "\"entries\" is not an object";
    return NULL;
}

/* Reads the entries of root; -1 with *why (caller frees) at the first
 * value that is not one pydrill writes. */
static int state_entries(state *s, const cJSON *root, char **why)
{
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
    const cJSON *item;
    cJSON_ArrayForEach(item, entries)
    {
        if (entry_from_json(s, item, why) < 0)
            return -1;
    }
    return 0;
}

static void state_drop_entries(state *s)
{
    for (size_t i = 0; i < s->n; i++)
        entry_release(&s->entries[i]);
    free(s->entries);
    s->entries = NULL;
    s->n = 0;
}

/* state_load, and state_load_readonly when readonly: then nothing is
 * created or moved, and a file that is not a good state file is an error. */
static int state_open(state *s, int readonly, char **err)
{
    char *dir = NULL, *path = NULL, *data = NULL, *bad = NULL;
    cJSON *root = NULL;
    size_t len = 0;
    int rc = -1;

    memset(s, 0, sizeof(*s));
    dir = state_dir();
    if (!dir) {
        *err = xstrdup("no state folder: neither XDG_STATE_HOME nor HOME is set");
        s->never_saved = xstrdup(*err);
        goto end;
    }
    path = xasprintf("%s/" STATE_FILE, dir);
    if (!readonly && make_dirs(dir, err) < 0) {
        /* nothing to protect yet: each save tries the folder again */
        s->path = path;
        path = NULL;
        goto end;
    }
    struct stat st;
    if (stat(path, &st) < 0 && errno == ENOENT)
        goto ok;
    if (util_read_file(path, &data, &len, err) < 0) {
        /* (why it could not be read is *err, said once at start) */
        s->never_saved = xstrdup("the state file could not be read when pydrill started, so it is never replaced");
        goto end;
    }
    root = cJSON_ParseWithLength(data, len);
    if (newer_format(root)) {
        const char *f = cJSON_GetObjectItemCaseSensitive(root, "format")->valuestring;
        *err = xasprintf("%s was written by a newer pydrill (%.40s; this one reads " STATE_FORMAT "): it is "
                         "left as it is, and progress is not saved",
                         path, f);
        s->never_saved = xstrdup(*err);
        goto end;
    }
    const char *why = check_format(root, data, len);
    if (!why && state_entries(s, root, &bad) < 0)
        why = bad;
    if (why) {
        state_drop_entries(s);
        if (readonly) {
            *err = xasprintf("%s: error: not a pydrill state file (%s); the quiz sets it aside when it "
                             "next starts",
                             path, why);
            goto end;
        }
        char *aside = NULL;
        if (set_aside(path, &aside, err) < 0) {
            s->never_saved = xstrdup(*err);
            goto end;
        }
        /* the short words first: the path may take lines of a screen */
        s->notice = xasprintf(STATE_FILE " was not a pydrill state file (%s); set aside as %s, starting "
                              "afresh",
                              why, aside);
        free(aside);
        goto ok;
    }
ok:
    /* A file that could not be read (or a newer pydrill's) is history that
     * must not be replaced: never_saved says so to every save. */
    s->path = path;
    path = NULL;
    rc = 0;
end:
    cJSON_Delete(root);
    free(bad);
    free(data);
    free(path);
    free(dir);
    return rc;
}

int state_load(state *s, char **err)
{
    return state_open(s, 0, err);
}

int state_load_readonly(state *s, char **err)
{
    return state_open(s, 1, err);
}

/* ---- writing ---- */

static int by_id(const void *a, const void *b)
{
    const state_entry *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

static void add_str_or_skip(cJSON *o, const char *name, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, name, v);
}

static char *state_to_json(const state *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", STATE_FORMAT);
    cJSON *entries = cJSON_AddObjectToObject(root, "entries");
    /* sorted, so successive saves diff cleanly */
    const state_entry **order = xmalloc((s->n ? s->n : 1) * sizeof(*order));
    for (size_t i = 0; i < s->n; i++)
        order[i] = &s->entries[i];
    qsort(order, s->n, sizeof(*order), by_id);
    for (size_t i = 0; i < s->n; i++) {
        const state_entry *e = order[i];
        cJSON *o = cJSON_AddObjectToObject(entries, e->id);
        cJSON_AddNumberToObject(o, "revision", e->revision);
        cJSON_AddNumberToObject(o, "attempts", e->attempts);
        cJSON_AddBoolToObject(o, "passed", e->passed);
        if (e->revealed_pass)
            cJSON_AddBoolToObject(o, "revealed_pass", 1);
        if (e->last_status >= 0)
            cJSON_AddStringToObject(o, "last_status", status_name((status)e->last_status));
        cJSON_AddNumberToObject(o, "best_score", e->best_score);
        add_str_or_skip(o, "last_answer", e->last_answer);
        add_str_or_skip(o, "draft", e->draft);
        cJSON *card = cJSON_AddObjectToObject(o, "card");
        cJSON_AddNumberToObject(card, "ease", e->card.ease);
        cJSON_AddNumberToObject(card, "reps", e->card.reps);
        cJSON_AddNumberToObject(card, "interval_days", e->card.interval_days);
        cJSON_AddNumberToObject(card, "due", (double)e->card.due);
    }
    free(order);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}

static int was_reset(const state *s, const char *id)
{
    if (s->reset_all)
        return 1;
    for (size_t i = 0; i < s->nresets; i++)
        if (!strcmp(s->resets[i], id))
            return 1;
    return 0;
}

/* mine, a drill this process changed, with what another process saved of
 * the same drill since (d, moved from): the parts this one did not change
 * are d's; a graded answer adds its attempts to d's and keeps the better
 * of each score. Opening a drill in a second quiz and typing in it (a
 * draft) used to write that quiz's stale copy of the whole entry over the
 * pass the first quiz had just saved. */
static void merge_entry(state_entry *mine, state_entry *d)
{
    if ((mine->changed & STATE_CHANGED_ALL) || mine->revision != d->revision)
        return; /* mine is all new: a revision started afresh here, or there */
    state_entry m = *d;
    memset(d, 0, sizeof *d); /* moved into m */
    m.dirty = 1;
    m.changed = mine->changed;
    if (mine->changed & STATE_CHANGED_DRAFT) {
        free(m.draft);
        m.draft = mine->draft;
        mine->draft = NULL;
    }
    if (mine->changed & STATE_CHANGED_RESULT) {
        m.attempts += mine->attempts - mine->base_attempts;
        m.last_status = mine->last_status;
        free(m.last_answer);
        m.last_answer = mine->last_answer;
        mine->last_answer = NULL;
        m.passed |= mine->passed;
        m.revealed_pass = (m.revealed_pass || mine->revealed_pass) && !m.passed;
        if (mine->best_score > m.best_score)
            m.best_score = mine->best_score;
    }
    if (mine->changed & STATE_CHANGED_CARD)
        m.card = mine->card;
    m.base_attempts = m.attempts - (mine->attempts - mine->base_attempts);
    entry_release(mine);
    *mine = m;
}

/* Takes in what another process saved since this one loaded or last
 * saved: the entries of `disk` this process did not change replace its
 * own, those it changed keep what it did not change (merge_entry), and
 * its own unchanged entries that are no longer on disk (another process
 * reset them) go. */
static void merge_from(state *s, state *disk)
{
    size_t j = 0;
    for (size_t i = 0; i < s->n; i++) {
        state_entry *e = &s->entries[i];
        if (!e->dirty && !entry_lookup(disk, e->id))
            entry_release(e);
        else
            s->entries[j++] = *e;
    }
    s->n = j;
    for (size_t i = 0; i < disk->n; i++) {
        state_entry *d = &disk->entries[i];
        state_entry *mine = entry_lookup(s, d->id);
        if (was_reset(s, d->id))
            continue;
        if (mine && mine->dirty) {
            merge_entry(mine, d);
            continue;
        }
        if (!mine) {
            s->entries = xrealloc(s->entries, (s->n + 1) * sizeof(*s->entries));
            mine = &s->entries[s->n++];
        } else {
            entry_release(mine);
        }
        *mine = *d;
        memset(d, 0, sizeof *d); /* moved */
    }
}

/* What is on disk now, when it is a state file of ours; 0 if there is
 * none, -1 when it is not one (then nothing is taken in from it). */
static int read_disk(const char *path, state *disk)
{
    memset(disk, 0, sizeof *disk);
    char *data = NULL, *err = NULL, *why = NULL;
    size_t len = 0;
    struct stat st;
    if (stat(path, &st) < 0 && errno == ENOENT)
        return 0;
    if (util_read_file(path, &data, &len, &err) < 0) {
        free(err);
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(data, len);
    int rc = check_format(root, data, len) || state_entries(disk, root, &why) < 0 ? -1 : 0;
    if (rc < 0)
        state_drop_entries(disk);
    free(why);
    cJSON_Delete(root);
    free(data);
    return rc;
}

int state_save(state *s, char **err)
{
    if (s->never_saved || !s->path) {
        *err = xstrdup(s->never_saved ? s->never_saved : "no state folder is known");
        return -1;
    }
    char *dir = util_dirname(s->path);
    int rc = make_dirs(dir, err);
    /* Two processes that save at once take turns, on a lock of the state
     * folder itself (no lock file left lying about); where the lock is
     * refused a save still goes through, merged. */
    int lfd = rc < 0 ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (rc < 0)
        return -1;
    if (lfd >= 0)
        while (flock(lfd, LOCK_EX) < 0 && errno == EINTR)
            ;
    state disk;
    if (read_disk(s->path, &disk) == 0)
        merge_from(s, &disk);
    for (size_t i = 0; i < disk.n; i++)
        entry_release(&disk.entries[i]);
    free(disk.entries);
    char *text = state_to_json(s);
    rc = util_write_atomic(s->path, text, strlen(text), err);
    free(text);
    if (lfd >= 0)
        close(lfd); /* and the lock with it */
    if (rc == 0) {
        for (size_t i = 0; i < s->n; i++) {
            s->entries[i].dirty = 0;
            s->entries[i].changed = 0;
            s->entries[i].base_attempts = s->entries[i].attempts;
        }
        for (size_t i = 0; i < s->nresets; i++)
            free(s->resets[i]);
        free(s->resets);
        s->resets = NULL;
        s->nresets = 0;
        s->reset_all = 0;
    }
    return rc;
}

void state_free(state *s)
{
    for (size_t i = 0; i < s->n; i++)
        entry_release(&s->entries[i]);
    free(s->entries);
    free(s->path);
    free(s->notice);
    free(s->never_saved);
    for (size_t i = 0; i < s->nresets; i++)
        free(s->resets[i]);
    free(s->resets);
    memset(s, 0, sizeof(*s));
}

/* ---- entries ---- */

state_entry *state_get(state *s, const char *id, int revision)
{
    state_entry *e = entry_lookup(s, id);
    if (!e) {
        e = entry_add(s, id, revision);
        e->dirty = 1;
        return e;
    }
    if (e->revision != revision) {
        /* The drill changed meaning: its old answers, scores and schedule
         * say nothing about the new one. */
        char *keep = e->id;
        e->id = NULL;
        entry_release(e);
        entry_init(e, keep, revision);
        free(keep);
        e->changed |= STATE_CHANGED_ALL;
    }
    e->dirty = 1;
    return e;
}

const state_entry *state_find(const state *s, const char *id, int revision)
{
    const state_entry *e = entry_lookup(s, id);
    return e && e->revision == revision ? e : NULL;
}

void state_set_draft(state *s, const char *id, int revision, const char *text)
{
    state_entry *e = state_get(s, id, revision);
    free(e->draft);
    e->draft = text ? xstrdup(text) : NULL;
    e->changed |= STATE_CHANGED_DRAFT;
}

void state_reset(state *s, const char *id)
{
    if (!id) {
        s->reset_all = 1;
    } else {
        s->resets = xrealloc(s->resets, (s->nresets + 1) * sizeof *s->resets);
        s->resets[s->nresets++] = xstrdup(id);
    }
    size_t j = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!id || strcmp(s->entries[i].id, id) == 0)
            entry_release(&s->entries[i]);
        else
            s->entries[j++] = s->entries[i];
    }
    s->n = j;
}

void state_record(state *s, const char *id, int revision, int status, double score,
                  const char *answer, int hints_used, int retries, int revealed, time_t now)
{
    state_entry *e = state_get(s, id, revision);
    free(e->last_answer);
    e->last_answer = answer ? xstrdup(answer) : NULL;
    free(e->draft);
    e->draft = NULL;
    e->last_status = status;
    e->changed |= STATE_CHANGED_DRAFT | STATE_CHANGED_RESULT;
    /* A skipped drill (SPEC 3.1) counts neither way: no attempt, no review. */
    if (status == ST_SKIPPED)
        return;
    e->attempts++;
    /* retyping what a result has just shown is not a score earned */
    if (score > e->best_score && !revealed)
        e->best_score = score;
    review_grade g;
    if (status != ST_PASS) {
        g = REVIEW_FAIL;
    } else if (revealed) {
        if (!e->passed)
            e->revealed_pass = 1;
        g = REVIEW_REVEALED;
    } else {
        e->passed = 1;
        g = hints_used == 0 && retries == 0 ? REVIEW_GOOD : REVIEW_HARD;
    }
    review_update(&e->card, g, now);
    e->changed |= STATE_CHANGED_CARD;
}

void state_self_grade(state *s, const char *id, int revision, const review_card *before, review_grade g, time_t now)
{
    state_entry *e = state_get(s, id, revision);
    e->card = *before;
    review_update(&e->card, g, now);
    e->changed |= STATE_CHANGED_CARD;
}

int state_history_add(const char *json, char **err)
{
    char *dir = state_dir();
    if (!dir) {
        *err = xstrdup("no state folder: neither XDG_STATE_HOME nor HOME is set");
        return -1;
    }
    int rc = make_dirs(dir, err);
    char *path = xasprintf("%s/history.jsonl", dir);
    free(dir);
    if (rc < 0) {
        free(path);
        return -1;
    }
    /* O_APPEND: one write of a whole line, so two quizzes at once cannot
     * interleave their lines, and history is never rewritten */
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        *err = xasprintf("%s: error: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    /* A line left half-written (a full disk) is ended first, so that this
     * one does not run into it. */
    struct stat st;
    char last = '\n';
    if (fstat(fd, &st) == 0 && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
        last = '\n';
    char *line = xasprintf("%s%s\n", last == '\n' ? "" : "\n", json);
    size_t len = strlen(line);
    ssize_t w = write(fd, line, len);
    int e = errno;
    free(line);
    const char *undone = "";
    if (w >= 0 && w < (ssize_t)len) {
        /* a short write (the disk is full): take the part back, unless
         * another quiz has appended after it since */
        off_t end = lseek(fd, 0, SEEK_CUR);
        if (w == 0 || (end >= w && fstat(fd, &st) == 0 && st.st_size == end && ftruncate(fd, end - w) == 0))
            undone = w ? " (the part written was taken back)" : "";
        else
            undone = " (part of the line stays; the next line starts on a line of its own)";
    }
    if (close(fd) < 0 && w == (ssize_t)len) {
        w = -1;
        e = errno;
    }
    if (w != (ssize_t)len) {
        *err = xasprintf("%s: error: %s%s", path, w < 0 ? strerror(e) : "short write: is the disk full?", undone);
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

/* ---- export ---- */

static int write_stdout(const char *text, char **err)
{
    size_t len = strlen(text);
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        *err = xasprintf("pydrill: error: cannot write to standard output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int state_export(const state *s, const char *path, char **err)
{
    return state_export_current(s, NULL, path, err);
}

int state_export_current(const state *s, const catalog *c, const char *path, char **err)
{
    submission sub;
    submission_init(&sub);
    const char *user = getenv("USER");
    sub.candidate = xstrdup(user && user[0] ? user : "me");
    for (size_t i = 0; i < s->n; i++) {
        const state_entry *e = &s->entries[i];
        if (!e->last_answer)
            continue;
        /* the answer to an older question, as state_find would say */
        const drill *d = c ? catalog_find(c, e->id) : NULL;
        if (d && d->revision != e->revision)
            continue;
        submission_set(&sub, e->id, e->last_answer);
    }
    char *json = answers_to_json(&sub);
    submission_free(&sub);
    size_t len = strlen(json);
    char *text = len && json[len - 1] == '\n' ? xstrdup(json) : xasprintf("%s\n", json);
    free(json);
    int rc = path ? util_write_atomic(path, text, strlen(text), err) : write_stdout(text, err);
    free(text);
    return rc;
}
