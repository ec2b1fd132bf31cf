/* test_state.c - progress persistence: round trip, atomic save, corrupt
 * files set aside, revision resets, XDG paths, export. Each test works in
 * a fresh temporary XDG_STATE_HOME. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grade.h"
#include "state.h"
#include "util.h"

#define T0 ((time_t)1700000000)

typedef struct {
    char root[64];
    char *dir;  /* root/pydrill */
    char *file; /* root/pydrill/progress.json */
} fixture;

static void rm_rf(const char *path)
{
    char *cmd = xasprintf("rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", path);
    free(cmd);
}

static int setup(void **st)
{
    fixture *f = calloc(1, sizeof(*f));
    strcpy(f->root, "/tmp/pydrill-test-state-XXXXXX");
    if (!mkdtemp(f->root))
        return -1;
    setenv("XDG_STATE_HOME", f->root, 1);
    f->dir = xasprintf("%s/pydrill", f->root);
    f->file = xasprintf("%s/progress.json", f->dir);
    *st = f;
    return 0;
}

static int teardown(void **st)
{
    fixture *f = *st;
    rm_rf(f->root);
    free(f->dir);
    free(f->file);
    free(f);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static char *read_file(const char *path)
{
    char *data, *err = NULL;
    size_t len;
    if (util_read_file(path, &data, &len, &err) < 0) {
        free(err);
        return NULL;
    }
    return data;
}

/* Names in dir other than . and .., sorted, joined by spaces. */
static char *list_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    sbuf sb;
    sbuf_init(&sb);
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (sb.len)
                sbuf_addch(&sb, ' ');
            sbuf_addstr(&sb, names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
    return sbuf_detach(&sb, NULL);
}

static void load_ok(state *s)
{
    char *err = NULL;
    int rc = state_load(s, &err);
    if (rc != 0)
        fail_msg("state_load: %s", err);
}

static void save_ok(state *s)
{
    char *err = NULL;
    int rc = state_save(s, &err);
    if (rc != 0)
        fail_msg("state_save: %s", err);
}

static void test_empty_start_creates_private_folder(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    assert_int_equal(s.n, 0);
    assert_null(s.notice);
    assert_string_equal(s.path, f->file);
    struct stat sb;
    assert_int_equal(stat(f->dir, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(sb.st_mode & 0777, 0700);
    state_free(&s);
}

static void test_nested_folders_created(void **st)
{
    fixture *f = *st;
    char *deep = xasprintf("%s/a/b", f->root);
    setenv("XDG_STATE_HOME", deep, 1);
    state s;
    load_ok(&s);
    save_ok(&s);
    char *file = xasprintf("%s/pydrill/progress.json", deep);
    assert_int_equal(access(file, F_OK), 0);
    state_free(&s);
    free(file);
    free(deep);
}

static void test_round_trip(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_record(&s, "mutable-default-fix", 2, ST_PASS, 1.0, "def f(x=None):\n    pass\n", 0, 0, 0, T0);
    state_record(&s, "gil-choice", 1, ST_FAIL, 0.0, "b", 0, 0, 0, T0);
    state_record(&s, "gil-choice", 1, ST_FAIL, 0.5, "a, c", 0, 1, 0, T0 + 60);
    state_set_draft(&s, "unicode-write", 1, "print('\xC3\xA9\xE6\xBC\xA2')\n\"quoted\"\t\\");
    save_ok(&s);
    state_free(&s);

    load_ok(&s);
    assert_null(s.notice);
    assert_int_equal(s.n, 3);
    const state_entry *e = state_find(&s, "mutable-default-fix", 2);
    assert_non_null(e);
    assert_int_equal(e->attempts, 1);
    assert_true(e->passed);
    assert_int_equal(e->last_status, ST_PASS);
    assert_float_equal(e->best_score, 1.0, 1e-9);
    assert_string_equal(e->last_answer, "def f(x=None):\n    pass\n");
    assert_null(e->draft);
    assert_int_equal(e->card.reps, 1);
    assert_float_equal(e->card.ease, 2.6, 1e-9);
    assert_float_equal(e->card.interval_days, 1, 1e-9);
    assert_int_equal(e->card.due, T0 + 86400);

    e = state_find(&s, "gil-choice", 1);
    assert_non_null(e);
    assert_int_equal(e->attempts, 2);
    assert_false(e->passed);
    assert_int_equal(e->last_status, ST_FAIL);
    assert_float_equal(e->best_score, 0.5, 1e-9);
    assert_string_equal(e->last_answer, "a, c");
    assert_int_equal(e->card.reps, 0);
    assert_int_equal(e->card.due, T0 + 60 + 600);

    e = state_find(&s, "unicode-write", 1);
    assert_non_null(e);
    assert_int_equal(e->attempts, 0);
    assert_int_equal(e->last_status, -1);
    assert_null(e->last_answer);
    assert_string_equal(e->draft, "print('\xC3\xA9\xE6\xBC\xA2')\n\"quoted\"\t\\");
    assert_int_equal(e->card.due, 0);
    state_free(&s);
}

static void test_file_format(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    state_record(&s, "x", 3, ST_TIMEOUT, 0, "while True: pass", 0, 0, 0, T0);
    save_ok(&s);
    state_free(&s);
    char *text = read_file(f->file);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, "pydrill-state/1");
    cJSON *x = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "entries"), "x");
    assert_non_null(x);
    assert_int_equal(cJSON_GetObjectItem(x, "revision")->valueint, 3);
    assert_string_equal(cJSON_GetObjectItem(x, "last_status")->valuestring, "timeout");
    assert_non_null(cJSON_GetObjectItem(x, "card"));
    cJSON_Delete(root);
    free(text);
}

static void test_save_leaves_no_temp_files(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    for (int i = 0; i < 3; i++) {
        state_record(&s, "a", 1, ST_PASS, 1, "x", 0, 0, 0, T0 + i);
        save_ok(&s);
    }
    char *names = list_dir(f->dir);
    assert_string_equal(names, "progress.json");
    free(names);
    state_free(&s);
}

static void test_save_replaces_whole_file(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    state_record(&s, "a-long-id-with-a-long-answer", 1, ST_PASS, 1,
                 "a long answer that makes the first file bigger than the second", 0, 0, 0, T0);
    save_ok(&s);
    state_reset(&s, NULL);
    save_ok(&s);
    state_free(&s);
    char *text = read_file(f->file);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root); /* no leftover tail from the longer file */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "entries")), 0);
    cJSON_Delete(root);
    free(text);
}

static void assert_set_aside(fixture *f, const char *garbage, const char *reason)
{
    assert_int_equal(mkdir(f->dir, 0700), 0);
    write_file(f->file, garbage);
    state s;
    load_ok(&s);
    assert_int_equal(s.n, 0);
    assert_non_null(s.notice);
    assert_non_null(strstr(s.notice, "set aside"));
    assert_non_null(strstr(s.notice, reason));
    assert_int_equal(access(f->file, F_OK), -1); /* moved, not copied */

    char *names = list_dir(f->dir);
    assert_true(strncmp(names, "progress.json.corrupt-", 22) == 0);
    assert_null(strchr(names, ' '));
    char *aside = xasprintf("%s/%s", f->dir, names);
    assert_non_null(strstr(s.notice, aside));
    char *kept = read_file(aside);
    assert_string_equal(kept, garbage);

    /* Saving now writes a fresh file beside the set-aside one. */
    state_record(&s, "a", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    save_ok(&s);
    free(kept);
    kept = read_file(aside);
    assert_string_equal(kept, garbage);
    state_free(&s);
    free(kept);
    free(aside);
    free(names);
}

static void test_corrupt_json_set_aside(void **st)
{
    assert_set_aside(*st, "{\"format\": \"pydrill-state/1\", \"entries\": {", "not valid JSON");
}

static void test_foreign_format_set_aside(void **st)
{
    assert_set_aside(*st, "{\"format\": \"other-state/1\", \"entries\": {}}", "format");
}

/* A newer pydrill's file is someone's progress: left as it is, and never
 * saved over (going back to the newer pydrill finds it). */
static void test_newer_format_left_alone(void **st)
{
    fixture *f = *st;
    assert_int_equal(mkdir(f->dir, 0700), 0);
    const char *future = "{\"format\": \"pydrill-state/2\", \"entries\": {\"a\": {\"streak\": 3}}}";
    write_file(f->file, future);
    state s;
    char *err = NULL;
    assert_int_equal(state_load(&s, &err), -1);
    assert_non_null(strstr(err, "written by a newer pydrill (pydrill-state/2"));
    free(err);
    state_record(&s, "b", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    err = NULL;
    assert_int_equal(state_save(&s, &err), -1);
    assert_non_null(strstr(err, "newer pydrill"));
    free(err);
    state_free(&s);
    char *text = read_file(f->file);
    assert_string_equal(text, future);
    free(text);
    char *names = list_dir(f->dir);
    assert_string_equal(names, "progress.json");
    free(names);
}

/* Two processes on one state (the quiz and a watch, two quizzes): each
 * save keeps what the other saved, entry by entry, and a reset in one is
 * not undone by the other. */
static void test_two_processes_merge(void **st)
{
    (void)st;
    state a, b;
    load_ok(&a);
    state_record(&a, "old", 1, ST_PASS, 1, "o", 0, 0, 0, T0);
    save_ok(&a);
    state_free(&a);
    load_ok(&a);
    load_ok(&b);
    state_record(&a, "from-a", 1, ST_PASS, 1, "a", 0, 0, 0, T0);
    save_ok(&a);
    state_record(&b, "from-b", 1, ST_FAIL, 0.5, "b", 0, 0, 0, T0);
    state_reset(&b, "old");
    save_ok(&b);
    /* b's save kept a's entry and took it in */
    assert_non_null(state_find(&b, "from-a", 1));
    assert_null(state_find(&b, "old", 1));
    /* a saves again: b's entry and b's reset hold */
    state_set_draft(&a, "from-a", 1, "draft");
    save_ok(&a);
    assert_non_null(state_find(&a, "from-b", 1));
    assert_null(state_find(&a, "old", 1));
    state_free(&a);
    state_free(&b);
    load_ok(&a);
    assert_non_null(state_find(&a, "from-a", 1));
    assert_string_equal(state_find(&a, "from-a", 1)->draft, "draft");
    assert_non_null(state_find(&a, "from-b", 1));
    assert_null(state_find(&a, "old", 1));
    state_free(&a);
}

/* Two processes change the same drill: each save keeps the parts the
 * other changed. A second quiz that only typed a draft in a drill the
 * first had just passed wrote its stale copy of the whole entry over the
 * pass; one that graded a failing answer there lost the pass and the
 * first attempt. */
static void test_two_processes_same_drill(void **st)
{
    (void)st;
    state a, b;
    load_ok(&a);
    load_ok(&b);
    state_record(&a, "d", 1, ST_PASS, 1, "right", 0, 0, 0, T0);
    save_ok(&a);
    state_set_draft(&b, "d", 1, "# B");
    save_ok(&b);
    const state_entry *e = state_find(&b, "d", 1);
    assert_non_null(e);
    assert_true(e->passed);
    assert_int_equal(e->attempts, 1);
    assert_int_equal(e->last_status, ST_PASS);
    assert_float_equal(e->best_score, 1.0, 1e-9);
    assert_string_equal(e->last_answer, "right");
    assert_string_equal(e->draft, "# B");
    assert_int_equal(e->card.reps, 1);
    /* b now grades a wrong answer there: a second attempt, the pass and
     * the best score kept */
    state_record(&b, "d", 1, ST_ERROR, 0, "wrong", 0, 0, 0, T0 + 10);
    save_ok(&b);
    /* and a, which has not seen b's saves, types a draft again */
    state_set_draft(&a, "d", 1, "# A");
    save_ok(&a);
    state_free(&a);
    state_free(&b);
    load_ok(&a);
    e = state_find(&a, "d", 1);
    assert_non_null(e);
    assert_int_equal(e->attempts, 2);
    assert_true(e->passed);
    assert_float_equal(e->best_score, 1.0, 1e-9);
    assert_int_equal(e->last_status, ST_ERROR);
    assert_string_equal(e->last_answer, "wrong");
    assert_string_equal(e->draft, "# A");
    state_free(&a);
}

/* A folder that cannot be made at start is tried again by each save:
 * the message says why, and fixing the folder lets progress be saved. */
static void test_folder_made_later(void **st)
{
    fixture *f = *st;
    /* a file where the state home should be: no folder can be made there,
     * whoever runs this */
    char *home = xasprintf("%s/home", f->root);
    write_file(home, "not a folder");
    setenv("XDG_STATE_HOME", home, 1);
    state s;
    char *err = NULL;
    assert_int_equal(state_load(&s, &err), -1);
    assert_non_null(strstr(err, "cannot create folder"));
    free(err);
    state_record(&s, "a", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    err = NULL;
    assert_int_equal(state_save(&s, &err), -1);
    assert_non_null(strstr(err, "cannot create folder"));
    assert_null(strstr(err, "could not be read"));
    free(err);
    /* the user fixes it: the next save goes through */
    assert_int_equal(unlink(home), 0);
    state_record(&s, "b", 1, ST_PASS, 1, "y", 0, 0, 0, T0);
    save_ok(&s);
    state_free(&s);
    load_ok(&s);
    assert_non_null(state_find(&s, "a", 1));
    assert_non_null(state_find(&s, "b", 1));
    state_free(&s);
    setenv("XDG_STATE_HOME", f->root, 1);
    free(home);
}

static void test_not_utf8_set_aside(void **st)
{
    assert_set_aside(*st, "{\"format\": \"pydrill-state/1\", \"entries\": {\"a\": {\"draft\": \"\xFF\"}}}",
                      "UTF-8");
}

static void test_second_corrupt_file_does_not_overwrite_first(void **st)
{
    fixture *f = *st;
    assert_int_equal(mkdir(f->dir, 0700), 0);
    write_file(f->file, "first garbage");
    state s;
    load_ok(&s);
    state_free(&s);
    write_file(f->file, "second garbage");
    load_ok(&s); /* most likely within the same second: same time stamp */
    assert_non_null(s.notice);
    state_free(&s);

    char *names = list_dir(f->dir);
    char *space = strchr(names, ' ');
    assert_non_null(space);
    *space = '\0';
    char *a = xasprintf("%s/%s", f->dir, names), *b = xasprintf("%s/%s", f->dir, space + 1);
    char *ta = read_file(a), *tb = read_file(b);
    assert_non_null(ta);
    assert_non_null(tb);
    /* both kept, whichever order the names sort in */
    assert_true((strcmp(ta, "first garbage") == 0 && strcmp(tb, "second garbage") == 0) ||
                (strcmp(tb, "first garbage") == 0 && strcmp(ta, "second garbage") == 0));
    free(ta);
    free(tb);
    free(a);
    free(b);
    free(names);
}

static void test_set_aside_never_replaces_an_earlier_copy(void **st)
{
    fixture *f = *st;
    assert_int_equal(mkdir(f->dir, 0700), 0);
    /* earlier copies under the names this second and the next would get */
    char *older[2];
    time_t now = time(NULL);
    for (int i = 0; i < 2; i++) {
        time_t t = now + i;
        struct tm tm;
        char stamp[32];
        localtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        older[i] = xasprintf("%s.corrupt-%s", f->file, stamp);
        write_file(older[i], "older copy");
    }
    write_file(f->file, "new garbage");
    state s;
    load_ok(&s);
    assert_non_null(s.notice);
    assert_non_null(strstr(s.notice, ".corrupt-"));
    assert_non_null(strstr(s.notice, "-2"));
    for (int i = 0; i < 2; i++) {
        char *t = read_file(older[i]);
        assert_string_equal(t, "older copy");
        free(t);
        free(older[i]);
    }
    char *names = list_dir(f->dir);
    /* three set-aside files, and no progress.json */
    int count = 0;
    for (char *p = names; (p = strstr(p, "progress.json.corrupt-")); p++)
        count++;
    assert_int_equal(count, 3);
    assert_null(strstr(names, "progress.json "));
    free(names);
    state_free(&s);
}

/* A file with a value pydrill never writes is not read around (dropping
 * or "fixing" what it holds, and rewriting it so at exit): it is set aside
 * whole, as an unparseable one is, and the notice names the value. */
static void test_invalid_values_set_aside(void **st)
{
    fixture *f = *st;
    static const struct {
        const char *entry, *reason;
    } cases[] = {
        /* what an audit found accepted: no message, a 100-digit score, and
         * the file rewritten with the draft dropped and passed made false */
        { "\"mutable-default-predict\": {\"draft\": 5, \"passed\": \"x\", \"attempts\": -3, \"best_score\": 1e308,"
          " \"card\": {\"ease\": \"a\", \"due\": -1e308}}",
          "/entries/mutable-default-predict/" },
        { "\"a\": {\"draft\": 5}", "/entries/a/draft: not a string" },
        { "\"a\": {\"last_answer\": [1]}", "/entries/a/last_answer: not a string" },
        { "\"a\": {\"passed\": \"x\"}", "/entries/a/passed: not true or false" },
        { "\"a\": {\"passed\": 1}", "/entries/a/passed: not true or false" },
        { "\"a\": {\"revealed_pass\": \"yes\"}", "/entries/a/revealed_pass: not true or false" },
        { "\"a\": {\"attempts\": -3}", "/entries/a/attempts: out of range" },
        { "\"a\": {\"attempts\": 1.5}", "/entries/a/attempts: not a whole number" },
        { "\"a\": {\"revision\": \"two\"}", "/entries/a/revision: not a number" },
        { "\"a\": {\"revision\": 0}", "/entries/a/revision: out of range" },
        { "\"a\": {\"best_score\": 1e308}", "/entries/a/best_score: out of range" },
        { "\"a\": {\"best_score\": -0.5}", "/entries/a/best_score: out of range" },
        { "\"a\": {\"last_status\": \"weird\"}", "/entries/a/last_status: not a status" },
        { "\"a\": {\"card\": 3}", "/entries/a/card: not an object" },
        { "\"a\": {\"card\": {\"ease\": \"a\"}}", "/entries/a/card/ease: not a number" },
        { "\"a\": {\"card\": {\"ease\": 0.2}}", "/entries/a/card/ease: out of range" },
        { "\"a\": {\"card\": {\"reps\": -1}}", "/entries/a/card/reps: out of range" },
        { "\"a\": {\"card\": {\"interval_days\": -2}}", "/entries/a/card/interval_days: out of range" },
        { "\"a\": {\"card\": {\"due\": -1e308}}", "/entries/a/card/due: out of range" },
        { "\"a\": {\"card\": {\"due\": 1e300}}", "/entries/a/card/due: out of range" },
        { "\"b\": 12", "/entries/b: not an object" },
        { "\"a/b~c\": {\"draft\": false}", "/entries/a~1b~0c/draft: not a string" },
        { "\"a\": {}, \"a\": {}", "/entries/a: the drill appears twice" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = xasprintf("{\"format\": \"pydrill-state/1\", \"entries\": {%s}}", cases[i].entry);
        assert_set_aside(f, text, cases[i].reason);
        free(text);
        rm_rf(f->dir);
    }
}

/* Every field at the edges of what pydrill writes, or left out, is read
 * as it is: valid files are never set aside. */
static void test_valid_values_read(void **st)
{
    fixture *f = *st;
    assert_int_equal(mkdir(f->dir, 0700), 0);
    write_file(f->file, "{\"format\": \"pydrill-state/1\", \"entries\": {"
                        "\"a\": {\"revision\": 4, \"attempts\": 0, \"passed\": false, \"revealed_pass\": true,"
                        " \"last_status\": \"timeout\", \"best_score\": 1, \"last_answer\": \"x\", \"draft\": \"\","
                        " \"later_field\": [1, 2],"
                        " \"card\": {\"ease\": 1.3, \"reps\": 0, \"interval_days\": 0.0069444, \"due\": 0}},"
                        "\"b\": {},"
                        "\"c\": {\"best_score\": 0, \"card\": {\"ease\": 5.7, \"reps\": 12, \"interval_days\": 4000,"
                        " \"due\": 2000000000}}}}");
    state s;
    load_ok(&s);
    assert_null(s.notice);
    assert_int_equal(s.n, 3);
    const state_entry *e = state_find(&s, "a", 4);
    assert_non_null(e);
    assert_int_equal(e->attempts, 0);
    assert_false(e->passed);
    assert_true(e->revealed_pass);
    assert_int_equal(e->last_status, ST_TIMEOUT);
    assert_float_equal(e->best_score, 1, 1e-9);
    assert_string_equal(e->last_answer, "x");
    assert_string_equal(e->draft, "");
    assert_float_equal(e->card.ease, 1.3, 1e-9);
    e = state_find(&s, "b", 1);
    assert_non_null(e);
    assert_int_equal(e->last_status, -1);
    assert_float_equal(e->card.ease, 2.5, 1e-9);
    e = state_find(&s, "c", 1);
    assert_non_null(e);
    assert_int_equal(e->card.reps, 12);
    assert_int_equal(e->card.due, 2000000000);
    state_free(&s);
    char *names = list_dir(f->dir);
    assert_string_equal(names, "progress.json");
    free(names);
}

/* pydrill export only reads: a corrupt file is an error that names it,
 * and stays where it is; a missing folder is not created. */
static void test_readonly_load(void **st)
{
    fixture *f = *st;
    state s;
    char *err = NULL;
    assert_int_equal(state_load_readonly(&s, &err), 0);
    assert_int_equal(s.n, 0);
    state_free(&s);
    assert_int_equal(access(f->dir, F_OK), -1);

    assert_int_equal(mkdir(f->dir, 0700), 0);
    const char *bad = "{\"format\": \"pydrill-state/1\", \"entries\": {\"a\": {\"draft\": 5}}}";
    write_file(f->file, bad);
    assert_int_equal(state_load_readonly(&s, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, f->file));
    assert_non_null(strstr(err, "error: not a pydrill state file"));
    assert_non_null(strstr(err, "/entries/a/draft: not a string"));
    free(err);
    err = NULL;
    state_free(&s);
    char *names = list_dir(f->dir);
    assert_string_equal(names, "progress.json");
    free(names);
    char *kept = read_file(f->file);
    assert_string_equal(kept, bad);
    free(kept);

    write_file(f->file, "{ not json");
    assert_int_equal(state_load_readonly(&s, &err), -1);
    assert_non_null(strstr(err, "not valid JSON"));
    free(err);
    state_free(&s);
    names = list_dir(f->dir);
    assert_string_equal(names, "progress.json");
    free(names);
}

static void test_revision_change_resets_history(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_record(&s, "d", 1, ST_PASS, 1, "old answer", 0, 0, 0, T0);
    state_set_draft(&s, "d", 1, "old draft");
    assert_non_null(state_find(&s, "d", 1));
    assert_null(state_find(&s, "d", 2));

    state_entry *e = state_get(&s, "d", 2);
    assert_int_equal(e->revision, 2);
    assert_int_equal(e->attempts, 0);
    assert_false(e->passed);
    assert_int_equal(e->last_status, -1);
    assert_float_equal(e->best_score, 0, 1e-9);
    assert_null(e->last_answer);
    assert_null(e->draft);
    assert_int_equal(e->card.reps, 0);
    assert_int_equal(e->card.due, 0);
    assert_int_equal(s.n, 1);
    assert_null(state_find(&s, "d", 1));

    /* the same revision keeps everything */
    state_record(&s, "d", 2, ST_FAIL, 0.25, "new", 0, 0, 0, T0);
    e = state_get(&s, "d", 2);
    assert_int_equal(e->attempts, 1);
    assert_string_equal(e->last_answer, "new");
    state_free(&s);
}

static void test_record_feeds_schedule(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_set_draft(&s, "good", 1, "draft");
    state_record(&s, "good", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    state_record(&s, "hinted", 1, ST_PASS, 1, "x", 1, 0, 0, T0);
    state_record(&s, "retried", 1, ST_PASS, 1, "x", 0, 2, 0, T0);
    state_record(&s, "failed", 1, ST_ERROR, 0, "x", 0, 0, 0, T0);
    state_record(&s, "skipped", 1, ST_SKIPPED, 0, "x", 0, 0, 0, T0);

    const state_entry *e = state_find(&s, "good", 1);
    assert_null(e->draft); /* submitting clears the draft */
    assert_float_equal(e->card.ease, 2.6, 1e-9);
    assert_int_equal(e->card.due, T0 + 86400);
    e = state_find(&s, "hinted", 1);
    assert_float_equal(e->card.ease, 2.36, 1e-9);
    assert_int_equal(e->card.reps, 1);
    e = state_find(&s, "retried", 1);
    assert_float_equal(e->card.ease, 2.36, 1e-9);
    e = state_find(&s, "failed", 1);
    assert_int_equal(e->card.reps, 0);
    assert_int_equal(e->card.due, T0 + 600);
    assert_int_equal(e->last_status, ST_ERROR);
    assert_false(e->passed);
    assert_true(review_is_due(&e->card, T0 + 600));
    e = state_find(&s, "skipped", 1);
    assert_int_equal(e->attempts, 0);
    assert_int_equal(e->card.due, 0);
    assert_int_equal(e->last_status, ST_SKIPPED);

    /* passed stays true after a later failure; best score is kept */
    state_record(&s, "good", 1, ST_FAIL, 0.5, "y", 0, 0, 0, T0 + 86400);
    e = state_find(&s, "good", 1);
    assert_true(e->passed);
    assert_float_equal(e->best_score, 1, 1e-9);
    assert_int_equal(e->last_status, ST_FAIL);
    assert_int_equal(e->attempts, 2);
    state_free(&s);
}

static void test_reset(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_record(&s, "a", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    state_record(&s, "b", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    state_record(&s, "c", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    state_reset(&s, "b");
    assert_int_equal(s.n, 2);
    assert_non_null(state_find(&s, "a", 1));
    assert_null(state_find(&s, "b", 1));
    assert_non_null(state_find(&s, "c", 1));
    state_reset(&s, NULL);
    assert_int_equal(s.n, 0);
    state_free(&s);
}

static void test_xdg_fallback(void **st)
{
    fixture *f = *st;
    char *home = xasprintf("%s/home", f->root);
    char *want = xasprintf("%s/.local/state/pydrill", home);
    setenv("HOME", home, 1);

    unsetenv("XDG_STATE_HOME");
    char *d = state_dir();
    assert_string_equal(d, want);
    free(d);

    setenv("XDG_STATE_HOME", "", 1);
    d = state_dir();
    assert_string_equal(d, want);
    free(d);

    setenv("XDG_STATE_HOME", "relative/state", 1);
    d = state_dir();
    assert_string_equal(d, want);
    free(d);

    setenv("XDG_STATE_HOME", "/x/y", 1);
    d = state_dir();
    assert_string_equal(d, "/x/y/pydrill");
    free(d);

    /* and load really uses it */
    unsetenv("XDG_STATE_HOME");
    state s;
    load_ok(&s);
    save_ok(&s);
    char *file = xasprintf("%s/progress.json", want);
    assert_int_equal(access(file, F_OK), 0);
    state_free(&s);
    free(file);
    free(want);
    free(home);
}

static void test_unusable_folder_is_an_error(void **st)
{
    fixture *f = *st;
    /* a file where the folder should be */
    write_file(f->dir, "not a folder");
    state s;
    char *err = NULL;
    assert_int_equal(state_load(&s, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "error"));
    free(err);
    state_free(&s);
}

static void test_unreadable_file_is_never_replaced(void **st)
{
    fixture *f = *st;
    /* A symlink loop cannot be read (ELOOP) but could be replaced by a
     * rename: exactly the file a careless save would destroy. */
    assert_int_equal(mkdir(f->dir, 0700), 0);
    assert_int_equal(symlink("progress.json", f->file), 0);
    state s;
    char *err = NULL;
    assert_int_equal(state_load(&s, &err), -1);
    assert_non_null(err);
    free(err);
    err = NULL;
    /* what the quiz does at exit even after a failed load */
    state_record(&s, "a", 1, ST_PASS, 1, "x", 0, 0, 0, T0);
    assert_int_equal(state_save(&s, &err), -1);
    assert_non_null(err);
    /* the quiz puts "progress not saved: " in front: no "pydrill:" inside */
    assert_null(strstr(err, "pydrill:"));
    free(err);
    struct stat sb;
    assert_int_equal(lstat(f->file, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    state_free(&s);
}

static void test_export(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    char *out = xasprintf("%s/answers.json", f->root);
    char *err = NULL;

    setenv("USER", "alice", 1);
    assert_int_equal(state_export(&s, out, &err), 0);
    char *text = read_file(out);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, "pydrill-answers/1");
    assert_string_equal(cJSON_GetObjectItem(root, "candidate")->valuestring, "alice");
    cJSON *answers = cJSON_GetObjectItem(root, "answers");
    assert_true(cJSON_IsObject(answers));
    assert_int_equal(cJSON_GetArraySize(answers), 0);
    cJSON_Delete(root);
    free(text);

    state_record(&s, "b-fix", 1, ST_FAIL, 0, "def f():\n    return 1\n", 0, 0, 0, T0);
    state_record(&s, "a-choice", 1, ST_PASS, 1, "b", 0, 0, 0, T0);
    state_set_draft(&s, "c-draft-only", 1, "not submitted");
    unsetenv("USER");
    assert_int_equal(state_export(&s, out, &err), 0);
    text = read_file(out);
    root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "candidate")->valuestring, "me");
    answers = cJSON_GetObjectItem(root, "answers");
    assert_int_equal(cJSON_GetArraySize(answers), 2);
    assert_string_equal(cJSON_GetObjectItem(answers, "b-fix")->valuestring, "def f():\n    return 1\n");
    assert_string_equal(cJSON_GetObjectItem(answers, "a-choice")->valuestring, "b");
    assert_null(cJSON_GetObjectItem(answers, "c-draft-only"));
    cJSON_Delete(root);
    free(text);

    char *bad = xasprintf("%s/no/such/folder/answers.json", f->root);
    assert_int_equal(state_export(&s, bad, &err), -1);
    assert_non_null(err);
    free(err);
    free(bad);
    free(out);
    state_free(&s);
}

/* The quiz's export leaves out answers to an older revision of a drill
 * of its catalog (the question is no longer asked), keeps the rest. */
static void test_export_current_skips_other_revisions(void **st)
{
    fixture *f = *st;
    state s;
    load_ok(&s);
    char *out = xasprintf("%s/answers.json", f->root);
    char *err = NULL;
    state_record(&s, "bumped", 1, ST_PASS, 1, "old answer", 0, 0, 0, T0);
    state_record(&s, "same", 2, ST_FAIL, 0, "current answer", 0, 0, 0, T0);
    state_record(&s, "elsewhere", 1, ST_FAIL, 0, "other pack", 0, 0, 0, T0);
    drill d[2];
    memset(d, 0, sizeof d);
    d[0].id = "bumped";
    d[0].revision = 2;
    d[1].id = "same";
    d[1].revision = 2;
    catalog c;
    memset(&c, 0, sizeof c);
    c.drills = d;
    c.ndrills = 2;
    assert_int_equal(state_export_current(&s, &c, out, &err), 0);
    char *text = read_file(out);
    cJSON *root = cJSON_Parse(text);
    cJSON *answers = cJSON_GetObjectItem(root, "answers");
    assert_int_equal(cJSON_GetArraySize(answers), 2);
    assert_null(cJSON_GetObjectItem(answers, "bumped"));
    assert_string_equal(cJSON_GetObjectItem(answers, "same")->valuestring, "current answer");
    assert_string_equal(cJSON_GetObjectItem(answers, "elsewhere")->valuestring, "other pack");
    cJSON_Delete(root);
    free(text);
    /* without a catalog: every answer, as `pydrill export` does */
    assert_int_equal(state_export_current(&s, NULL, out, &err), 0);
    text = read_file(out);
    assert_non_null(strstr(text, "old answer"));
    free(text);
    free(out);
    state_free(&s);
}

static void test_pass_after_reveal(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_record(&s, "seen", 1, ST_FAIL, 0.5, "x", 0, 0, 0, T0);
    state_record(&s, "seen", 1, ST_PASS, 1, "y", 0, 1, 1, T0 + 60);
    const state_entry *e = state_find(&s, "seen", 1);
    assert_false(e->passed);
    assert_true(e->revealed_pass);
    assert_float_equal(e->best_score, 0.5, 1e-9); /* not raised by the retyped answer */
    assert_int_equal(e->card.reps, 0);            /* SM-2 quality 2: learn it again */
    assert_int_equal(e->card.due, T0 + 60 + 600);
    save_ok(&s);
    state_free(&s);
    load_ok(&s);
    e = state_find(&s, "seen", 1);
    assert_true(e->revealed_pass);
    assert_false(e->passed);
    /* an honest pass later makes it passed */
    state_record(&s, "seen", 1, ST_PASS, 1, "y", 0, 0, 0, T0 + 86400);
    e = state_find(&s, "seen", 1);
    assert_true(e->passed);
    assert_float_equal(e->best_score, 1, 1e-9);
    state_free(&s);
}

static void test_self_grade_replaces_the_automatic_one(void **st)
{
    (void)st;
    state s;
    load_ok(&s);
    state_entry *e = state_get(&s, "ex", 1);
    review_card before = e->card;
    state_record(&s, "ex", 1, ST_PASS, 1, "words", 0, 0, 0, T0);
    e = state_get(&s, "ex", 1);
    assert_int_equal(e->card.due, T0 + 86400); /* automatic: GOOD */
    state_self_grade(&s, "ex", 1, &before, REVIEW_FAIL, T0 + 5);
    e = state_get(&s, "ex", 1);
    assert_int_equal(e->card.reps, 0);
    assert_int_equal(e->card.due, T0 + 5 + 600);
    state_self_grade(&s, "ex", 1, &before, REVIEW_HARD, T0 + 5); /* changing one's mind */
    e = state_get(&s, "ex", 1);
    assert_int_equal(e->card.reps, 1);
    assert_float_equal(e->card.ease, 2.36, 1e-9);
    assert_true(e->passed); /* the verdict stands; only the schedule is the candidate's */
    state_free(&s);
}

static void test_history_appends_lines(void **st)
{
    (void)st;
    char *err = NULL;
    assert_int_equal(state_history_add("{\"a\":1}", &err), 0);
    assert_int_equal(state_history_add("{\"b\":2}", &err), 0);
    char *dir = state_dir();
    char *path = xasprintf("%s/history.jsonl", dir);
    char *data = NULL;
    size_t n = 0;
    assert_int_equal(util_read_file(path, &data, &n, &err), 0);
    assert_string_equal(data, "{\"a\":1}\n{\"b\":2}\n");
    free(data);
    free(path);
    free(dir);
}

static void test_history_ends_a_half_line_first(void **st)
{
    (void)st;
    char *err = NULL;
    assert_int_equal(state_history_add("{\"a\":1}", &err), 0);
    char *dir = state_dir();
    char *path = xasprintf("%s/history.jsonl", dir);
    /* what a write cut short by a full disk once left */
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs("{\"mode\":\"prac", f);
    fclose(f);
    assert_int_equal(state_history_add("{\"b\":2}", &err), 0);
    char *data = NULL;
    size_t n = 0;
    assert_int_equal(util_read_file(path, &data, &n, &err), 0);
    assert_string_equal(data, "{\"a\":1}\n{\"mode\":\"prac\n{\"b\":2}\n");
    free(data);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_start_creates_private_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nested_folders_created, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_leaves_no_temp_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_replaces_whole_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_json_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_format_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_format_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_same_drill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_made_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_utf8_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_corrupt_file_does_not_overwrite_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_aside_never_replaces_an_earlier_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_values_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_valid_values_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revision_change_resets_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_feeds_schedule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pass_after_reveal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_current_skips_other_revisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_grade_replaces_the_automatic_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_appends_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_ends_a_half_line_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xdg_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unusable_folder_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_file_is_never_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
