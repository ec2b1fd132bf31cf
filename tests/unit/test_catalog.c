/* test_catalog.c - the catalog and pack loader: every fixture in
 * tests/fixtures/packs/bad must give exactly the messages of its .err
 * sidecar ("FILE" standing for the path), the good pack must load whole,
 * and hostile input (deep nesting, huge strings, floods of errors) must
 * give a message, never a crash or a hang. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog.h"
#include "jsontext.h"
#include "vctx.h"

#define PACKS "tests/fixtures/packs"

static char *read_text(const char *path)
{
    char *data, *err;
    size_t len;
    if (util_read_file(path, &data, &len, &err) < 0) {
        fail_msg("%s", err);
        return NULL;
    }
    return data;
}

/* Compares d with the lines of the .err file, "FILE" replaced by path. */
static int check_messages(const char *errfile, const char *path, const diag *d)
{
    char *want = read_text(errfile);
    int ok = 1;
    size_t i = 0;
    char *save = NULL;
    for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
        char *expect = strncmp(line, "FILE", 4) == 0 ? xasprintf("%s%s", path, line + 4)
                                                      : xstrdup(line);
        if (i >= d->n) {
            print_error("%s: missing message: %s\n", errfile, expect);
            ok = 0;
        } else if (strcmp(d->msgs[i], expect) != 0) {
            print_error("%s: message %zu\n  want: %s\n  got:  %s\n", errfile, i, expect,
                        d->msgs[i]);
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
    DIR *dir = opendir(PACKS "/bad");
    assert_non_null(dir);
    struct dirent *e;
    int cases = 0, failures = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char *path = xasprintf(PACKS "/bad/%s", e->d_name);
        char *errfile = xasprintf(PACKS "/bad/%.*s.err", (int)(n - 5), e->d_name);
        catalog c;
        diag d;
        catalog_init(&c);
        diag_init(&d);
        int rc = catalog_add_pack(&c, path, &d);
        if (rc != -1) {
            print_error("%s: loaded without error\n", path);
            failures++;
        } else if (!check_messages(errfile, path, &d)) {
            failures++;
        }
        catalog_free(&c);
        diag_free(&d);
        free(path);
        free(errfile);
        cases++;
    }
    closedir(dir);
    assert_true(cases >= 25);
    assert_int_equal(failures, 0);
}

static void test_good_pack(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_add_pack(&c, PACKS "/good/all-kinds.json", &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.npacks, 1);
    assert_string_equal(c.packs[0].name, "fixture");
    assert_int_equal(c.packs[0].nauthors, 1);
    assert_int_equal(c.packs[0].defaults.timeout_ms, 3000);
    assert_int_equal(c.packs[0].defaults.memory_mb, 128);
    assert_int_equal(c.packs[0].defaults.output_kb, 64);
    assert_int_equal(c.ndrills, 8);

    const drill *p = catalog_find(&c, "mutable-default-predict");
    assert_non_null(p);
    assert_int_equal(p->kind, KIND_PREDICT);
    assert_int_equal(p->revision, 1);
    assert_int_equal(p->repl, 0);
    assert_string_equal(p->expect_output, "[1]\n[1, 2]");
    assert_int_equal(p->ntags, 2);
    assert_int_equal(p->nhints, 1);
    assert_int_equal(p->limits.timeout_ms, 3000);
    assert_string_equal(p->pack_path, PACKS "/good/all-kinds.json");
    assert_int_equal(p->index, 0);
    assert_int_equal(p->pack_index, 0);

    const drill *r = catalog_find(&c, "int-cache-repl");
    assert_non_null(r);
    assert_int_equal(r->repl, 1);
    assert_int_equal(r->revision, 2);
    assert_null(r->expect_output);
    assert_int_equal(r->limits.output_kb, 16);
    assert_int_equal(r->limits.memory_mb, 128);
    assert_string_equal(r->req_python, ">=3.8, <3.13");
    assert_int_equal(r->nreq_modules, 2);
    assert_string_equal(r->req_modules[1], "os.path");

    const drill *f = catalog_find(&c, "mutable-default-fix");
    assert_non_null(f);
    assert_int_equal(f->kind, KIND_FIX);
    assert_int_equal(f->ntests, 3);
    assert_false(f->tests[0].hidden);
    assert_true(f->tests[1].hidden);
    assert_string_equal(f->tests[1].setup, "append_to(1)");
    assert_null(f->tests[0].setup);
    assert_string_equal(f->tests[2].stdout_expect, "");
    assert_null(f->tests[0].raises);
    assert_non_null(f->solution);
    assert_int_equal(f->nwrong, 2);
    assert_string_equal(f->wrong[0], "def append_to(x, lst=list()):\n    lst.append(x)\n    return lst\n");

    const drill *w = catalog_find(&c, "mean-write");
    assert_non_null(w);
    assert_int_equal(w->kind, KIND_WRITE);
    assert_true(w->tests[0].tolerance > 0 && w->tests[0].tolerance < 1e-8);
    assert_null(w->tests[1].expect);
    assert_string_equal(w->tests[1].raises, "ValueError");

    const drill *ch = catalog_find(&c, "gil-threads-choice");
    assert_non_null(ch);
    assert_int_equal(ch->nchoices, 3);
    assert_int_equal(ch->nanswer, 2);
    assert_int_equal(ch->answer[0], 0); /* sorted */
    assert_int_equal(ch->answer[1], 2);
    const drill *one = catalog_find(&c, "single-choice");
    assert_int_equal(one->nanswer, 1);
    assert_int_equal(one->answer[0], 1);

    const drill *ex = catalog_find(&c, "refcount-explain");
    assert_non_null(ex);
    assert_int_equal(ex->kind, KIND_EXPLAIN);
    assert_int_equal(ex->nrubric, 2);
    assert_int_equal(ex->rubric[0].nkeywords, 2);
    assert_string_equal(ex->rubric[1].keywords[1], "gc");
    assert_true(ex->pass_score == 0.5);
    assert_int_equal(ex->index, 6);

    const drill *vp = catalog_find(&c, "versioned-predict");
    assert_non_null(vp);
    assert_null(vp->expect_output);
    assert_int_equal(vp->nexpect_versions, 2);
    assert_string_equal(vp->expect_versions[0].range, "<3.13");
    assert_string_equal(vp->expect_versions[1].output, "1\n");
    const char *out = NULL;
    char *err = NULL;
    assert_int_equal(catalog_expect_for(vp, 0x030c01f0, &out, &err), 1);
    assert_string_equal(out, "1");
    assert_int_equal(catalog_expect_for(vp, 0x030d00f0, &out, &err), 1);
    assert_string_equal(out, "1\n");
    assert_int_equal(catalog_expect_for(p, 0x030d00f0, &out, &err), 1);
    assert_string_equal(out, "[1]\n[1, 2]");
    assert_int_equal(catalog_expect_for(r, 0x030d00f0, &out, &err), 0);

    assert_null(catalog_find(&c, "nope"));
    assert_int_equal(catalog_check_unique(&c, &d), 0);
    catalog_free(&c);
    diag_free(&d);
}

static void test_catalog_load(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_load(&c, PACKS "/catalog/drills.json", &d), 0);
    assert_string_equal(c.title, "Fixture catalog");
    assert_string_equal(c.path, PACKS "/catalog/drills.json");
    assert_int_equal(c.npacks, 2);
    assert_int_equal(c.ndrills, 10);
    assert_int_equal(c.drills[9].pack_index, 1);
    assert_string_equal(c.drills[9].pack_path, PACKS "/catalog/two.json");
    assert_int_equal(catalog_check_unique(&c, &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], PACKS "/catalog/two.json: drill single-choice: error: "
                                   "duplicate id (first in " PACKS "/catalog/../good/all-kinds.json)");
    catalog_free(&c);
    diag_free(&d);
}

static void test_catalog_missing_pack(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_load(&c, PACKS "/catalog/missing-pack.json", &d), -1);
    assert_int_equal(c.ndrills, 2); /* the readable pack is still loaded */
    assert_int_equal(d.n, 2);
    assert_string_equal(d.msgs[0], PACKS "/catalog/missing-pack.json: /packs/1: error: "
                                   "cannot open drills/x.json: No such file or directory");
    assert_string_equal(d.msgs[1], PACKS "/catalog/missing-pack.json: /packs/2: error: "
                                   "expected a pack path (a non-empty string), found a number");
    catalog_free(&c);
    diag_free(&d);

    catalog_init(&c);
    assert_int_equal(catalog_load(&c, PACKS "/catalog/absent.json", &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], PACKS "/catalog/absent.json: error: cannot open: "
                                   "No such file or directory");
    assert_int_equal(catalog_add_pack(&c, PACKS "/catalog", &d), -1);
    assert_int_equal(d.n, 2);
    catalog_free(&c);
    diag_free(&d);
}

static int load_text(const char *text, size_t len, diag *d, size_t *ndrills)
{
    catalog c;
    catalog_init(&c);
    int rc = catalog_add_pack_text(&c, "mem.json", text, len, d);
    *ndrills = c.ndrills;
    catalog_free(&c);
    return rc;
}

static void test_deep_nesting(void **state)
{
    size_t n = 200000;
    char *text = xmalloc(n);
    memset(text, '[', n);
    diag d;
    diag_init(&d);
    size_t nd;
    assert_int_equal(load_text(text, n, &d, &nd), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], "mem.json:1:1001: error: nesting too deep (more than 1000 levels)");
    diag_free(&d);
    free(text);
}

static const char *drill_fmt =
    "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[{\"id\":\"%s\","
    "\"title\":\"t\",\"topic\":\"t\",\"level\":1,\"kind\":\"choice\",\"prompt\":\"%s\","
    "\"choices\":[\"a\",\"b\"],\"answer\":0,\"explanation\":\"e\"}]}";

static void test_huge_strings(void **state)
{
    size_t big = 10 * 1024 * 1024;
    char *s = xmalloc(big + 1);
    memset(s, 'x', big);
    s[big] = '\0';
    diag d;
    diag_init(&d);
    size_t nd;
    char *text = xasprintf(drill_fmt, "ok", s); /* a 10 MB prompt is fine */
    assert_int_equal(load_text(text, strlen(text), &d, &nd), 0);
    assert_int_equal(nd, 1);
    free(text);
    text = xasprintf(drill_fmt, s, "p"); /* a 10 MB id is reported, briefly */
    assert_int_equal(load_text(text, strlen(text), &d, &nd), -1);
    assert_int_equal(nd, 0);
    assert_int_equal(d.n, 1);
    assert_true(strlen(d.msgs[0]) < 300);
    assert_non_null(strstr(d.msgs[0], "mem.json: /drills/0/id: error: invalid id \"xxx"));
    free(text);
    diag_free(&d);
    free(s);
}

static void test_error_flood_capped(void **state)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[");
    for (int i = 0; i < 5000; i++)
        sbuf_addstr(&sb, i ? ",7" : "7");
    sbuf_addstr(&sb, "]}");
    diag d;
    diag_init(&d);
    size_t nd;
    assert_int_equal(load_text(sb.buf, sb.len, &d, &nd), -1);
    assert_int_equal(d.n, 101);
    assert_string_equal(d.msgs[100], "mem.json: error: too many errors; the rest are not shown");
    diag_free(&d);
    sbuf_release(&sb);
}

/* The buffer has no NUL after it: the loader must respect len. */
static void test_unterminated_buffer(void **state)
{
    const char *src = "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[]}";
    size_t len = strlen(src);
    char *text = xmalloc(len);
    memcpy(text, src, len);
    diag d;
    diag_init(&d);
    size_t nd;
    assert_int_equal(load_text(text, len, &d, &nd), 0);
    assert_int_equal(load_text(text, len - 1, &d, &nd), -1);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msgs[0], "mem.json:1:"));
    assert_non_null(strstr(d.msgs[0], "unexpected end of file"));
    free(text);
    diag_free(&d);
}

static void test_linecol(void **state)
{
    const char *t = "ab\ncé d\n";
    int l, c;
    jsontext_linecol(t, strlen(t), 0, &l, &c);
    assert_int_equal(l, 1);
    assert_int_equal(c, 1);
    jsontext_linecol(t, strlen(t), 3, &l, &c);
    assert_int_equal(l, 2);
    assert_int_equal(c, 1);
    jsontext_linecol(t, strlen(t), 7, &l, &c); /* 'd', after a 2-byte é */
    assert_int_equal(l, 2);
    assert_int_equal(c, 4);
    jsontext_linecol(t, strlen(t), 1000, &l, &c);
    assert_int_equal(l, 3);
    assert_int_equal(c, 1);
}

static void test_names(void **state)
{
    drill_kind k;
    for (int i = KIND_PREDICT; i <= KIND_EXPLAIN; i++) {
        assert_int_equal(drill_kind_parse(drill_kind_name((drill_kind)i), &k), 0);
        assert_int_equal(k, i);
    }
    assert_int_equal(drill_kind_parse("Predict", &k), -1);
    assert_true(catalog_id_valid("a"));
    assert_true(catalog_id_valid("0-x-"));
    assert_false(catalog_id_valid(""));
    assert_false(catalog_id_valid("-a"));
    assert_false(catalog_id_valid("a_b"));
    char id[66];
    memset(id, 'a', 65);
    id[65] = '\0';
    assert_false(catalog_id_valid(id));
    id[64] = '\0';
    assert_true(catalog_id_valid(id));
    assert_true(catalog_builtin_exception("ExceptionGroup"));
    assert_false(catalog_builtin_exception("valueerror"));
    char *p = vctx_pointer_join("/answers", "a/b~c");
    assert_string_equal(p, "/answers/a~1b~0c");
    free(p);
}

/* A versioned expect where no range holds, or two do, is an error that
 * names the ranges. */
static void test_expect_for_gaps_and_overlaps(void **state)
{
    static const char pack[] =
        "{\"format\": \"pydrill/1\", \"pack\": \"v\", \"title\": \"v\", \"drills\": ["
        "{\"id\": \"v\", \"title\": \"t\", \"topic\": \"t\", \"level\": 1, \"kind\": \"predict\","
        " \"prompt\": \"p\", \"explanation\": \"e\", \"code\": \"print(1)\","
        " \"expect\": {\"<3.12\": \"a\", \">=3.13\": \"b\", \"~=3.14\": \"c\"}}]}";
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_add_pack_text(&c, "v.json", pack, sizeof pack - 1, &d), 0);
    const drill *v = catalog_find(&c, "v");
    const char *out = NULL;
    char *err = NULL;
    assert_int_equal(catalog_expect_for(v, 0x030b02f0, &out, &err), 1);
    assert_string_equal(out, "a");
    assert_int_equal(catalog_expect_for(v, 0x030c01f0, &out, &err), -1);
    assert_string_equal(err, "no expect range holds for Python 3.12.1 (the ranges are \"<3.12\", "
                             "\">=3.13\", \"~=3.14\")");
    free(err);
    err = NULL;
    assert_int_equal(catalog_expect_for(v, 0x030e00f0, &out, &err), -1);
    assert_string_equal(err, "the expect ranges \">=3.13\" and \"~=3.14\" both hold for Python 3.14.0");
    free(err);
    catalog_free(&c);
    diag_free(&d);
}

static void test_free_planner_fields(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_add_pack(&c, PACKS "/good/all-kinds.json", &d), 0);
    drill *f = (drill *)catalog_find(&c, "mutable-default-fix");
    f->tests[0].expect_value = xcalloc(1, sizeof(value));
    f->tests[0].expect_value->type = VAL_NONE;
    f->tests[1].expect_error = xstrdup("boom");
    f->skip_reason = xstrdup("needs 3.12");
    f->truth = xstrdup("x");
    f->truth_error = xstrdup("y");
    catalog_free(&c); /* valgrind / ASan check that these are freed */
    assert_int_equal(c.ndrills, 0);
    assert_null(c.drills);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_good_pack),
        cmocka_unit_test(test_catalog_load),
        cmocka_unit_test(test_catalog_missing_pack),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_strings),
        cmocka_unit_test(test_error_flood_capped),
        cmocka_unit_test(test_unterminated_buffer),
        cmocka_unit_test(test_linecol),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_expect_for_gaps_and_overlaps),
        cmocka_unit_test(test_free_planner_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
