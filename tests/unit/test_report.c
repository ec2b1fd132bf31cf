/* test_report.c - every report format on a cohort with hostile strings:
 * markup, quotes, invalid UTF-8, control characters and line breaks
 * followed by TAP test lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

/* vendored (MIT) from ../shared/schemas; unit tests run from the top of the tree */
#define SCHEMA "tests/schemas/junit-10.xsd"
#define HOSTILE "<script>alert(\"x\")</script> & 'q' \xff\x01\x1b[31m #1\nok 1 - pwned"

static drill drills[4];

typedef struct {
    submission_verdict subs[3];
    report_options o;
} fixture;

/* The fixture through the report writer, as grade writes it. */
static char *render(fixture *f, const char *format, int reveal)
{
    f->o.format = format;
    char *out = report_render(&f->o, f->subs, 3, reveal);
    assert_non_null(out);
    return out;
}

static void add_test(drill_verdict *v, const char *name, status st, int hidden, const char *exp, const char *got,
                     const char *msg)
{
    v->tests = xrealloc(v->tests, (v->ntests + 1) * sizeof *v->tests);
    test_verdict *t = &v->tests[v->ntests++];
    t->name = xstrdup(name);
    t->st = st;
    t->hidden = hidden;
    t->expected = exp ? xstrdup(exp) : NULL;
    t->got = got ? xstrdup(got) : NULL;
    t->message = msg ? xstrdup(msg) : NULL;
}

static void set_drill(drill_verdict *v, const drill *d, status st, double score, double ms, const char *msg)
{
    drill_verdict_init(v, d);
    v->st = st;
    v->score = score;
    v->time_ms = ms;
    v->message = msg ? xstrdup(msg) : NULL;
}

static int setup(void **state)
{
    static const struct { const char *id, *topic, *title; drill_kind k; } dd[] = {
        { "mutable-default-fix", "functions", "Fix <b>the</b> default", KIND_FIX },
        { "closure-predict", "functions", "Late binding", KIND_PREDICT },
        { "gil-choice", "concurrency", "The GIL", KIND_CHOICE },
        { "new-syntax-write", "syntax", "Match statement", KIND_WRITE },
    };
    fixture *f = xcalloc(1, sizeof *f);
    for (size_t i = 0; i < 4; i++) {
        memset(&drills[i], 0, sizeof drills[i]);
        drills[i].id = (char *)dd[i].id;
        drills[i].topic = (char *)dd[i].topic;
        drills[i].title = (char *)dd[i].title;
        drills[i].kind = dd[i].k;
    }

    submission_verdict *a = &f->subs[0], *b = &f->subs[1], *c = &f->subs[2];
    submission_verdict_init(a);
    a->candidate = xstrdup("alice " HOSTILE);
    a->source = xstrdup("answers/alice.json");
    a->ndrills = 4;
    a->drills = xcalloc(4, sizeof *a->drills);
    set_drill(&a->drills[0], &drills[0], ST_FAIL, 0.5, 1.25, "2 of 4 tests failed\nok 9 - injected");
    add_test(&a->drills[0], "first call", ST_PASS, 0, "[1]", "[1]", NULL);
    add_test(&a->drills[0], "second call " HOSTILE, ST_FAIL, 0, "[2]", "[1, 2]\nok 1 - fake\nnot ok 2\n" HOSTILE,
             "wrong value");
    add_test(&a->drills[0], "hidden one", ST_FAIL, 1, "SECRET-EXPECTED", "SECRET-GOT", "SECRET-MSG");
    add_test(&a->drills[0], "hidden two", ST_PASS, 1, "SECRET-EXPECTED", "SECRET-EXPECTED", NULL);
    set_drill(&a->drills[1], &drills[1], ST_PASS, 1, 3.5, NULL);
    set_drill(&a->drills[2], &drills[2], ST_TIMEOUT, 0, 2000, "over 2000 ms\n# not a comment\n\xc0\xaf");
    set_drill(&a->drills[3], &drills[3], ST_SKIPPED, 0, 0, "requires python >=3.12 # really");
    a->score = 1.5;
    a->max = 3;
    a->passed = 1;
    diag_add(&a->warnings, "answer for unknown drill id \"zzz\" <i>");

    submission_verdict_init(b);
    b->candidate = xstrdup("bob");
    b->source = xstrdup("answers/bob");
    b->ndrills = 4;
    b->drills = xcalloc(4, sizeof *b->drills);
    set_drill(&b->drills[0], &drills[0], ST_PASS, 1, 0.5, NULL);
    set_drill(&b->drills[1], &drills[1], ST_PASS, 1, 0.25, NULL);
    set_drill(&b->drills[2], &drills[2], ST_MISSING, 0, 0, NULL);
    set_drill(&b->drills[3], &drills[3], ST_SKIPPED, 0, 0, NULL);
    b->score = 2;
    b->max = 3;
    b->passed = 2;

    submission_verdict_init(c);
    c->candidate = xstrdup("carol");
    c->source = xstrdup("answers/carol.json");
    c->error = xstrdup("answers/carol.json:1:1: error: <bad> & \xff");

    f->o.python_version = "3.11.2";
    f->o.title = "Gotchas <&>";
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < 3; i++)
        submission_verdict_free(&f->subs[i]);
    free(f);
    return 0;
}

static char *write_temp(const char *text, const char *suffix)
{
    char *path = xasprintf("/tmp/test_report.XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

static void assert_clean_utf8(const char *s)
{
    assert_true(util_utf8_valid(s, strlen(s)));
    /* nothing a candidate wrote may reach a terminal as an escape */
    assert_null(strchr(s, '\x1b'));
    assert_null(strchr(s, '\x01'));
}

static void test_find(void **state)
{
    (void)state;
    static const char *const known[] = { "text", "json", "jsonl", "junit", "tap", "html", "csv", "gradescope",
                                         "prairielearn" };
    for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
        assert_true(report_format_known(known[i]));
        assert_non_null(strstr(report_format_names(), known[i]));
    }
    assert_false(report_format_known("xml"));
    assert_false(report_format_known(""));
    assert_false(report_format_known(NULL));
    assert_true(report_format_single("gradescope"));
    assert_true(report_format_single("prairielearn"));
    assert_false(report_format_single("json"));
}

static void test_clean(void **state)
{
    (void)state;
    char *s = report_clean("a\xff" "b", 0);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b");
    free(s);
    /* overlong forms, a surrogate, past U+10FFFF, a cut sequence */
    s = report_clean("\xc0\xaf|\xe0\x80\xaf|\xf0\x80\x80\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82", 0);
    assert_true(util_utf8_valid(s, strlen(s)));
    assert_null(strstr(s, "\xc0"));
    assert_null(strstr(s, "\xe0"));
    assert_null(strstr(s, "\xf0"));
    assert_null(strstr(s, "\xed"));
    assert_null(strstr(s, "\xf4"));
    assert_null(strstr(s, "\xe2"));
    free(s);
    s = report_clean("caf\xc3\xa9 \xf0\x9f\x90\x8d", 0);
    assert_string_equal(s, "caf\xc3\xa9 \xf0\x9f\x90\x8d");
    free(s);
    s = report_clean("x\x01y\tz\n\x7f\xef\xbf\xbe", REPORT_CLEAN_CONTROLS);
    assert_string_equal(s, "x\xEF\xBF\xBDy\tz\n\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    s = report_clean("a\rb\xc2\x9b", REPORT_CLEAN_TERMINAL);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    free(s);
    s = report_clean(NULL, 0);
    assert_string_equal(s, "");
    free(s);
}

static void test_fmt_num(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(report_fmt_num(b, 7.5), "7.5");
    assert_string_equal(report_fmt_num(b, 10), "10");
    assert_string_equal(report_fmt_num(b, 1.0 / 3), "0.33");
    assert_string_equal(report_fmt_num(b, 0), "0");
    assert_string_equal(report_fmt_num(b, -0.001), "0");
    assert_string_equal(report_fmt_num(b, 0.999), "1");
}

static cJSON *get(cJSON *o, const char *key)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        fail_msg("missing field \"%s\"", key);
    return v;
}

static void test_json(void **state)
{
    fixture *f = *state;
    char *out = render(f, "json", 0);
    assert_true(util_utf8_valid(out, strlen(out)));
    assert_null(strstr(out, "SECRET"));
    cJSON *root = cJSON_Parse(out);
    assert_non_null(root);
    assert_string_equal(get(root, "format")->valuestring, "pydrill-report/1");
    assert_string_equal(get(root, "python")->valuestring, "3.11.2");
    cJSON *subs = get(root, "submissions");
    assert_int_equal(cJSON_GetArraySize(subs), 3);

    cJSON *a = cJSON_GetArrayItem(subs, 0);
    assert_non_null(strstr(get(a, "candidate")->valuestring, "<script>alert(\"x\")</script> & 'q' \xEF\xBF\xBD\x01"));
    assert_string_equal(get(a, "source")->valuestring, "answers/alice.json");
    assert_true(get(a, "score")->valuedouble == 1.5);
    assert_true(get(a, "max")->valuedouble == 3);
    assert_int_equal(get(a, "passed")->valueint, 1);
    assert_null(cJSON_GetObjectItem(a, "error"));
    assert_int_equal(cJSON_GetArraySize(get(a, "warnings")), 1);
    cJSON *drills = get(a, "drills");
    assert_int_equal(cJSON_GetArraySize(drills), 4);
    cJSON *d0 = cJSON_GetArrayItem(drills, 0);
    assert_string_equal(get(d0, "id")->valuestring, "mutable-default-fix");
    assert_string_equal(get(d0, "kind")->valuestring, "fix");
    assert_string_equal(get(d0, "status")->valuestring, "fail");
    assert_true(get(d0, "score")->valuedouble == 0.5);
    assert_true(get(d0, "time_ms")->valuedouble == 1.25);
    assert_non_null(strstr(get(d0, "message")->valuestring, "2 of 4"));
    cJSON *tests = get(d0, "tests");
    assert_int_equal(cJSON_GetArraySize(tests), 4);
    cJSON *t1 = cJSON_GetArrayItem(tests, 1), *t2 = cJSON_GetArrayItem(tests, 2);
    assert_string_equal(get(t1, "expected")->valuestring, "[2]");
    assert_non_null(strstr(get(t1, "got")->valuestring, "\nok 1 - fake"));
    assert_true(cJSON_IsFalse(get(t1, "hidden")));
    assert_string_equal(get(t2, "name")->valuestring, "hidden one");
    assert_string_equal(get(t2, "status")->valuestring, "fail");
    assert_true(cJSON_IsTrue(get(t2, "hidden")));
    assert_null(cJSON_GetObjectItem(t2, "expected"));
    assert_null(cJSON_GetObjectItem(t2, "got"));
    assert_null(cJSON_GetObjectItem(t2, "message"));
    cJSON *d1 = cJSON_GetArrayItem(drills, 1);
    assert_null(cJSON_GetObjectItem(d1, "message"));
    assert_string_equal(get(cJSON_GetArrayItem(drills, 3), "status")->valuestring, "skipped");

    cJSON *c = cJSON_GetArrayItem(subs, 2);
    assert_non_null(strstr(get(c, "error")->valuestring, "<bad> & \xEF\xBF\xBD"));
    assert_int_equal(cJSON_GetArraySize(get(c, "drills")), 0);
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(subs, 1), "warnings"));
    cJSON_Delete(root);
    free(out);

    out = render(f, "json", 1);
    root = cJSON_Parse(out);
    assert_non_null(root);
    t2 = cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(root, "submissions"), 0), "drills"), 0),
                                "tests"),
                            2);
    assert_string_equal(get(t2, "expected")->valuestring, "SECRET-EXPECTED");
    assert_string_equal(get(t2, "got")->valuestring, "SECRET-GOT");
    assert_string_equal(get(t2, "message")->valuestring, "SECRET-MSG");
    cJSON_Delete(root);
    free(out);
}

static void test_jsonl(void **state)
{
    fixture *f = *state;
    char *out = render(f, "jsonl", 0);
    size_t lines = 0;
    assert_true(util_utf8_valid(out, strlen(out)));
    assert_null(strstr(out, "SECRET"));
    assert_true(out[strlen(out) - 1] == '\n');
    for (char *p = out, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        assert_non_null(nl);
        char *line = xstrndup(p, (size_t)(nl - p));
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        assert_null(cJSON_GetObjectItem(o, "format"));
        assert_non_null(cJSON_GetObjectItem(o, "candidate"));
        assert_non_null(cJSON_GetObjectItem(o, "drills"));
        assert_int_equal(cJSON_GetObjectItem(o, "position")->valueint, (int)lines + 1);
        assert_int_equal(cJSON_GetObjectItem(o, "total")->valueint, 3);
        assert_string_equal(cJSON_GetObjectItem(o, "python")->valuestring, "3.11.2");
        cJSON_Delete(o);
        free(line);
        lines++;
    }
    assert_int_equal(lines, 3);
    free(out);
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_junit(void **state)
{
    fixture *f = *state;
    for (int reveal = 0; reveal <= 1; reveal++) {
        char *out = render(f, "junit", reveal);
        assert_clean_utf8(out);
        assert_null(strstr(out, "<script"));
        assert_non_null(strstr(out, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;"));
        assert_true(reveal == (strstr(out, "SECRET") != NULL));
        assert_non_null(strstr(out, "<testsuite name=\"bob\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""));
        assert_non_null(strstr(out, "<failure type=\"timeout\""));
        assert_non_null(strstr(out, "<failure type=\"missing\""));
        assert_non_null(strstr(out, "<failure type=\"unreadable\""));
        assert_non_null(strstr(out, "<skipped"));
        assert_true((strstr(out, "1 of 2 hidden tests passed") != NULL) == !reveal);
        char *path = write_temp(out, ".xml");
        /* the schema is in the tree, and xmllint a test package: no fallback */
        assert_int_equal(access(SCHEMA, R_OK), 0);
        char *cmd = xasprintf("xmllint --noout --schema %s %s 2>/dev/null", SCHEMA, path);
        assert_int_equal(run(cmd), 0);
        free(cmd);
        unlink(path);
        free(path);
        free(out);
    }
}

static int is_plan(const char *line, size_t *n)
{
    char tail;
    return sscanf(line, "1..%zu%c", n, &tail) == 1;
}

static void test_tap(void **state)
{
    fixture *f = *state;
    char *out = render(f, "tap", 0);
    size_t plan = 0, points = 0, lineno = 0;
    int yaml = 0;

    assert_clean_utf8(out);
    assert_null(strstr(out, "SECRET"));
    for (char *p = out, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        assert_non_null(nl);
        char *line = xstrndup(p, (size_t)(nl - p));
        lineno++;
        if (lineno == 1)
            assert_string_equal(line, "TAP version 13");
        else if (lineno == 2)
            assert_true(is_plan(line, &plan));
        else if (!strcmp(line, "  ---"))
            yaml = 1;
        else if (!strcmp(line, "  ..."))
            yaml = 0;
        else if (yaml)
            assert_true(line[0] == ' ' && line[1] == ' ' && line[2] != '\0');
        else if (line[0] == '#')
            ;
        else {
            size_t n = 0;
            if (sscanf(line, "ok %zu - ", &n) != 1 && sscanf(line, "not ok %zu - ", &n) != 1)
                fail_msg("stray line %zu: %s", lineno, line);
            assert_int_equal(n, ++points);
            /* a '#' in a name must be escaped, or it starts a directive */
            char *hash = strchr(line, '#');
            while (hash && hash[-1] == '\\')
                hash = strchr(hash + 1, '#');
            if (hash)
                assert_true(!strncmp(hash, "# SKIP ", 7));
        }
        free(line);
    }
    assert_false(yaml);
    assert_int_equal(plan, 9); /* 4 + 4 drills, 1 unreadable submission */
    assert_int_equal(points, plan);
    assert_non_null(strstr(out, "ok 2 - alice "));
    assert_non_null(strstr(out, "not ok 1 - alice "));
    assert_non_null(strstr(out, "ok 4 - alice ") && strstr(strstr(out, "ok 4 - alice "), "# SKIP requires python"));
    assert_non_null(strstr(out, "not ok 7 - bob: gil-choice\n"));
    assert_non_null(strstr(out, "not ok 9 - carol: could not be read\n"));
    assert_non_null(strstr(out, "  hidden_tests: \"1 of 2 passed\"\n"));

    if (run("command -v prove >/dev/null 2>&1") == 0) {
        char *path = write_temp(out, ".tap");
        char *cmd = xasprintf("prove -v -e cat %s 2>&1 | grep -Eq 'Parse errors|Unsupported YAMLish|not support'",
                              path);
        assert_int_not_equal(run(cmd), 0);
        free(cmd);
        /* prove finds exactly the test points we wrote, and the failures */
        cmd = xasprintf("prove -e cat %s 2>&1 | grep -q 'Failed 4/9 subtests'", path);
        assert_int_equal(run(cmd), 0);
        free(cmd);
        unlink(path);
        free(path);
    }
    free(out);
}

static void test_text(void **state)
{
    fixture *f = *state;
    char *out = render(f, "text", 0);
    assert_clean_utf8(out);
    assert_null(strstr(out, "SECRET"));
    assert_non_null(strstr(out, "bob (answers/bob): 2/3, 2 passed\n"));
    assert_non_null(strstr(out, "(answers/alice.json): 1.5/3, 1 passed\n"));
    assert_non_null(strstr(out, "  FAIL     mutable-default-fix  0.50      1.2 ms\n"));
    assert_non_null(strstr(out, "  PASS     closure-predict      1.00      3.5 ms\n"));
    assert_non_null(strstr(out, "  MISSING  gil-choice           0.00\n"));
    assert_non_null(strstr(out, "expected: [2]\n"));
    assert_non_null(strstr(out, "1 of 2 hidden tests passed\n"));
    /* an error located at the file: the name, then the message once */
    assert_non_null(strstr(out, "\ncarol: answers/carol.json:1:1: error: <bad> & "));
    assert_null(strstr(out, "error: answers/carol.json"));
    assert_non_null(strstr(out, "3 submissions, mean score 1.75/3, 1 unreadable\n"));
    /* continuation lines of candidate text stay indented */
    assert_null(strstr(out, "\nok 1 - fake"));
    assert_null(strstr(out, "\nok 9"));
    /* names stay on their line */
    assert_null(strstr(out, "\nok 1 - pwned"));
    assert_non_null(strstr(out, " #1 ok 1 - pwned (answers/alice.json)"));
    assert_non_null(strstr(out, "test second call <script>"));
    free(out);

    out = render(f, "text", 1);
    assert_non_null(strstr(out, "SECRET-GOT"));
    assert_null(strstr(out, "hidden tests passed"));
    free(out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static void test_html(void **state)
{
    fixture *f = *state;
    char *out = render(f, "html", 0);
    assert_clean_utf8(out);
    assert_null(strstr(out, "SECRET"));
    for (char *p = out; *p; p++)
        assert_false(strncasecmp(p, "<script", 7) == 0);
    assert_null(strstr(out, "<i>"));
    assert_non_null(strstr(out, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    assert_non_null(strstr(out, "<title>Gotchas &lt;&amp;&gt;"));
    assert_int_equal(count(out, "<svg"), 1);
    assert_int_equal(count(out, "</svg>"), 1);
    assert_non_null(strstr(out, "Score distribution"));
    /* no external assets */
    assert_null(strstr(out, "http://"));
    assert_null(strstr(out, "https://"));
    assert_null(strstr(out, "<link"));
    /* rows by score: bob (2) above alice (1.5); carol, unreadable, last */
    char *tbody = strstr(out, "<tbody>");
    assert_non_null(tbody);
    char *bob = strstr(tbody, ">bob<"), *alice = strstr(tbody, ">alice "), *carol = strstr(tbody, ">carol<");
    assert_non_null(bob);
    assert_non_null(alice);
    assert_non_null(carol);
    assert_true(bob < alice && alice < carol);
    /* hardest first: gil-choice (0 of 2) before closure-predict (2 of 2) */
    char *rates = strstr(out, "class=\"drills\"");
    assert_non_null(rates);
    assert_true(strstr(rates, ">gil-choice<") < strstr(rates, ">closure-predict<"));
    /* skipped everywhere: last, and not called hard */
    assert_true(strstr(rates, ">closure-predict<") < strstr(rates, ">new-syntax-write<"));
    assert_non_null(strstr(rates, ">skipped</td>"));
    /* a mean score for every drill graded, and topics rolled up */
    assert_non_null(strstr(out, "<tfoot>"));
    assert_non_null(strstr(out, "class=\"topics\""));
    /* each candidate has a detail, reached from the tables */
    assert_non_null(strstr(out, "<div class=\"det\" id=\"c1\">"));
    assert_non_null(strstr(out, "href=\"#c2\""));
    assert_non_null(strstr(out, "could not be read"));
    assert_non_null(strstr(out, ">concurrency</span>"));
    /* cells read without colour */
    assert_non_null(strstr(out, ">miss</td>"));
    assert_non_null(strstr(out, ">time</td>"));
    assert_non_null(strstr(out, ">skip</td>"));
    free(out);
}

static void test_add_text(void **state)
{
    (void)state;
    cJSON *o = cJSON_CreateObject();
    report_add_text(o, "short", "caf\xc3\xa9\x01", 10);
    assert_string_equal(cJSON_GetObjectItem(o, "short")->valuestring, "caf\xc3\xa9\xEF\xBF\xBD");
    char *big = xmalloc(10001);
    memset(big, 'x', 10000);
    big[10000] = '\0';
    report_add_text(o, "big", big, 4000);
    const char *v = cJSON_GetObjectItem(o, "big")->valuestring;
    assert_int_equal(strspn(v, "x"), 4000);
    assert_non_null(strstr(v, "[... 6000 more characters left out]"));
    free(big);
    cJSON_Delete(o);
}

static void test_empty(void **state)
{
    (void)state;
    report_options o = { .python_version = "3.11.2" };
    static const char *const names[] = { "text", "json", "jsonl", "junit", "tap", "html", "csv" };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        o.format = names[i];
        char *out = report_render(&o, NULL, 0, 0);
        assert_non_null(out);
        free(out);
    }
    /* a platform format takes exactly one submission */
    o.format = "gradescope";
    assert_null(report_render(&o, NULL, 0, 0));
    o.format = "tap";
    char *tap = report_render(&o, NULL, 0, 0);
    assert_string_equal(tap, "TAP version 13\n1..0\n");
    free(tap);
    o.format = "json";
    char *json = report_render(&o, NULL, 0, 0);
    cJSON *j = cJSON_Parse(json);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "submissions")), 0);
    cJSON_Delete(j);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_fmt_num),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_junit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
        cmocka_unit_test(test_add_text),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
