/* test_answers.c - submissions: answers files (every fixture in
 * tests/fixtures/answers/bad gives exactly the messages of its .err
 * sidecar), folders of <id>.py / <id>.txt, and the export. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answers.h"

#define ANSWERS "tests/fixtures/answers"

static int check_messages(const char *errfile, const char *path, const diag *d)
{
    char *want, *err;
    size_t len;
    if (util_read_file(errfile, &want, &len, &err) < 0) {
        print_error("%s\n", err);
        free(err);
        return 0;
    }
    int ok = 1;
    size_t i = 0;
    char *save = NULL;
    for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
        char *expect = strncmp(line, "FILE", 4) == 0 ? xasprintf("%s%s", path, line + 4)
                                                      : xstrdup(line);
        if (i >= d->n || strcmp(d->msgs[i], expect) != 0) {
            print_error("%s: message %zu\n  want: %s\n  got:  %s\n", errfile, i, expect,
                        i < d->n ? d->msgs[i] : "(none)");
            ok = 0;
        }
        free(expect);
    }
    for (; i < d->n; i++) {
        print_error("%s: unexpected message: %s\n", errfile, d->msgs[i]);
        ok = 0;
    }
    free(want);
    return ok;
}

static void test_bad_fixtures(void **state)
{
    DIR *dir = opendir(ANSWERS "/bad");
    assert_non_null(dir);
    struct dirent *e;
    int cases = 0, failures = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char *path = xasprintf(ANSWERS "/bad/%s", e->d_name);
        char *errfile = xasprintf(ANSWERS "/bad/%.*s.err", (int)(n - 5), e->d_name);
        submission s;
        diag d;
        submission_init(&s);
        diag_init(&d);
        if (answers_load(&s, path, &d) != -1) {
            print_error("%s: loaded without error\n", path);
            failures++;
        } else if (!check_messages(errfile, path, &d)) {
            failures++;
        }
        submission_free(&s);
        diag_free(&d);
        free(path);
        free(errfile);
        cases++;
    }
    closedir(dir);
    assert_true(cases >= 10);
    assert_int_equal(failures, 0);
}

static void test_good_file(void **state)
{
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load(&s, ANSWERS "/good/alice.json", &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(s.candidate, "alice");
    assert_string_equal(s.source, ANSWERS "/good/alice.json");
    assert_int_equal(s.n, 4);
    assert_string_equal(s.items[0].id, "gil-threads-choice"); /* sorted */
    assert_string_equal(submission_get(&s, "mutable-default-predict"), "[1]\n[1, 2]");
    assert_non_null(strstr(submission_get(&s, "refcount-explain"), "Ünïcödé"));
    assert_null(submission_get(&s, "absent"));
    submission_free(&s);

    /* Without "candidate", the file's name stands in. */
    submission_init(&s);
    assert_int_equal(answers_load(&s, ANSWERS "/good/no-candidate.json", &d), 0);
    assert_string_equal(s.candidate, "no-candidate");
    submission_free(&s);
    diag_free(&d);
}

static void test_folder(void **state)
{
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load(&s, ANSWERS "/folders/carol/", &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(s.candidate, "carol");
    /* README.md, Not_An_Id.py, .hidden.py and the subdir.py folder are ignored */
    assert_int_equal(s.n, 3);
    assert_string_equal(submission_get(&s, "gil-threads-choice"), "b\n");
    assert_string_equal(submission_get(&s, "mutable-default-predict"), "[1]\n[1, 2]\n");
    assert_non_null(submission_get(&s, "mutable-default-fix"));
    submission_free(&s);

    submission_init(&s);
    assert_int_equal(answers_load(&s, ANSWERS "/folders/dave", &d), -1);
    assert_string_equal(s.candidate, "dave");
    assert_int_equal(d.n, 3);
    assert_string_equal(d.msgs[0], ANSWERS "/folders/dave/binary.txt:1:2: error: contains a NUL "
                                   "byte (not a text file)");
    assert_string_equal(d.msgs[1], ANSWERS "/folders/dave/both.txt: error: both both.py and "
                                   "both.txt answer drill both");
    assert_string_equal(d.msgs[2], ANSWERS "/folders/dave/latin1.py:1:4: error: not valid UTF-8 "
                                   "text");
    assert_string_equal(submission_get(&s, "fine"), "ok\n");
    assert_null(submission_get(&s, "latin1"));
    submission_free(&s);
    diag_free(&d);
}

/* An empty or blank answer is no answer: the drill is missing (SPEC 2.6),
 * in an answers file as in a folder. */
static void test_blank_answers_missing(void **state)
{
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load(&s, ANSWERS "/good/blank.json", &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(s.n, 1);
    assert_null(submission_get(&s, "a-choice"));
    assert_null(submission_get(&s, "b-write"));
    assert_string_equal(submission_get(&s, "c-predict"), "1");
    submission_free(&s);

    submission_init(&s);
    assert_int_equal(answers_load(&s, ANSWERS "/folders/erin", &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(s.n, 1);
    assert_null(submission_get(&s, "a-choice"));
    assert_null(submission_get(&s, "b-write"));
    assert_string_equal(submission_get(&s, "c-predict"), "1\n");
    submission_free(&s);
    diag_free(&d);
}

static void test_missing(void **state)
{
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load(&s, ANSWERS "/nope.json", &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], ANSWERS "/nope.json: error: cannot open: No such file or "
                                   "directory");
    submission_free(&s);
    diag_free(&d);
}

static void test_set_and_export(void **state)
{
    submission s, t;
    diag d;
    submission_init(&s);
    diag_init(&d);
    s.candidate = xstrdup("zoë \"quoted\"");
    submission_set(&s, "b-drill", "second");
    submission_set(&s, "a-drill", "first\nline\t\"q\" \\");
    submission_set(&s, "b-drill", "replaced");
    assert_int_equal(s.n, 2);
    assert_string_equal(submission_get(&s, "b-drill"), "replaced");
    char *json = answers_to_json(&s);
    assert_non_null(strstr(json, "\"pydrill-answers/1\""));
    assert_true(strstr(json, "a-drill") < strstr(json, "b-drill")); /* ids sorted */
    assert_int_equal(json[strlen(json) - 1], '\n');

    submission_init(&t);
    assert_int_equal(answers_load_text(&t, "x.json", json, strlen(json), &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(t.candidate, s.candidate);
    assert_string_equal(submission_get(&t, "a-drill"), "first\nline\t\"q\" \\");
    assert_string_equal(submission_get(&t, "b-drill"), "replaced");
    free(json);
    submission_free(&s);
    submission_free(&t);
    diag_free(&d);
}

static void test_duplicates_keep_first(void **state)
{
    const char *text = "{\"format\":\"pydrill-answers/1\",\"candidate\":\"c\",\"answers\":"
                       "{\"x\":\"1\",\"y\":\"2\",\"x\":\"3\",\"x\":\"4\"}}";
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load_text(&s, "m.json", text, strlen(text), &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], "m.json: /answers/x: error: more than one answer for x");
    assert_int_equal(s.n, 2);
    assert_string_equal(submission_get(&s, "x"), "1");
    submission_free(&s);
    diag_free(&d);
}

/* A file of a million duplicated ids says a hundred of them, as it does
 * of invalid ids: not one line each. */
static void test_duplicates_capped(void **state)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "{\"format\":\"pydrill-answers/1\",\"answers\":{");
    for (int i = 0; i < 300; i++)
        sbuf_addf(&sb, "%s\"d%d\":\"1\",\"d%d\":\"2\"", i ? "," : "", i, i);
    sbuf_addstr(&sb, "}}");
    submission s;
    diag d;
    submission_init(&s);
    diag_init(&d);
    assert_int_equal(answers_load_text(&s, "m.json", sb.buf, sb.len, &d), -1);
    assert_in_range(d.n, 1, 100);
    assert_string_equal(d.msgs[0], "m.json: /answers/d0: error: more than one answer for d0");
    assert_int_equal(s.n, 300);
    submission_free(&s);
    diag_free(&d);
    sbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_folder),
        cmocka_unit_test(test_blank_answers_missing),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_set_and_export),
        cmocka_unit_test(test_duplicates_keep_first),
        cmocka_unit_test(test_duplicates_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
