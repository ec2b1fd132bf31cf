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
#include "kind.h"
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
    /* two.json repeats an id of all-kinds.json: its drill is left out at
     * load, with both places named, and the first one stays */
    assert_int_equal(catalog_load(&c, PACKS "/catalog/drills.json", &d), -1);
    assert_string_equal(c.title, "Fixture catalog");
    assert_string_equal(c.path, PACKS "/catalog/drills.json");
    assert_int_equal(c.npacks, 2);
    assert_int_equal(c.ndrills, 9);
    assert_int_equal(c.drills[8].pack_index, 1);
    assert_string_equal(c.drills[8].pack_path, PACKS "/catalog/two.json");
    assert_string_equal(c.drills[8].id, "other-choice");
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], PACKS "/catalog/two.json: drill single-choice: error: "
                                   "duplicate id (first in " PACKS "/catalog/../good/all-kinds.json at "
                                   "/drills/5): the drill at /drills/0 is left out");
    const drill *first = catalog_find(&c, "single-choice");
    assert_non_null(first);
    assert_string_equal(first->pack_path, PACKS "/catalog/../good/all-kinds.json");
    assert_int_equal(catalog_check_unique(&c, &d), 0);
    assert_int_equal(d.n, 1);
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
                                   "drills/x.json: cannot open: No such file or directory");
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

/* Keys that start with '$' are notes, allowed at every level, a versioned
 * expect's included; they change nothing. */
static void test_dollar_keys(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_add_pack(&c, PACKS "/good/dollar-keys.json", &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.ndrills, 3);
    const drill *p = catalog_find(&c, "noted-predict");
    assert_non_null(p);
    assert_int_equal(p->nexpect_versions, 1);
    assert_string_equal(p->expect_versions[0].range, ">=3");
    assert_int_equal(p->limits.timeout_ms, 1500);
    assert_int_equal(p->limits.memory_mb, 128);
    catalog_free(&c);
    diag_free(&d);
}

/* A catalog's own fields are checked as a pack's are; a pack given as a
 * catalog, or a catalog as a pack, is named for what it is; a catalog's
 * pack that is not a regular file is refused at once, located. */
static void test_catalog_shapes(void **state)
{
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_load(&c, PACKS "/catalog/unknown-field.json", &d), -1);
    assert_int_equal(catalog_load(&c, PACKS "/good/all-kinds.json", &d), -1);
    assert_int_equal(c.ndrills, 0);
    assert_int_equal(catalog_add_pack(&c, PACKS "/catalog/drills.json", &d), -1);
    assert_int_equal(catalog_load(&c, PACKS "/catalog/not-regular.json", &d), -1);
    assert_int_equal(catalog_add_pack(&c, "", &d), -1);
    static const char *const want[] = {
        PACKS "/catalog/unknown-field.json: /description: error: unknown field \"description\" (known: format, "
              "title, packs)",
        PACKS "/good/all-kinds.json: error: this is a pack, not a catalog: load it with --pack FILE",
        PACKS "/catalog/drills.json: error: this is a catalog, not a pack: load it with --catalog FILE",
        PACKS "/catalog/not-regular.json: /packs/0: error: /dev/zero: is a character device, not a regular file",
        PACKS "/catalog/not-regular.json: /packs/1: error: .: is a folder, not a file",
        "pydrill: error: an empty file name",
    };
    assert_int_equal(d.n, ARRAY_SIZE(want));
    for (size_t i = 0; i < ARRAY_SIZE(want); i++)
        assert_string_equal(d.msgs[i], want[i]);
    catalog_free(&c);
    diag_free(&d);
}

/* A drill whose id an earlier one has, in the same pack or another, is
 * left out: list, show and grade see the first one only. */
static void test_duplicate_id_left_out(void **state)
{
    static const char fmt[] =
        "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[{\"id\":\"c1\","
        "\"title\":\"%s\",\"topic\":\"t\",\"level\":1,\"kind\":\"choice\",\"prompt\":\"p\","
        "\"choices\":[\"a\",\"b\"],\"answer\":0,\"explanation\":\"e\"},{\"id\":\"%s\","
        "\"title\":\"t\",\"topic\":\"t\",\"level\":1,\"kind\":\"choice\",\"prompt\":\"p\","
        "\"choices\":[\"a\",\"b\"],\"answer\":1,\"explanation\":\"e\"}]}";
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    char *a = xasprintf(fmt, "first", "c1"); /* twice in one pack */
    char *b = xasprintf(fmt, "second", "c2");
    assert_int_equal(catalog_add_pack_text(&c, "a.json", a, strlen(a), &d), -1);
    assert_int_equal(catalog_add_pack_text(&c, "b.json", b, strlen(b), &d), -1);
    assert_int_equal(c.ndrills, 2);
    assert_string_equal(catalog_find(&c, "c1")->title, "first");
    assert_string_equal(catalog_find(&c, "c2")->pack_path, "b.json");
    assert_int_equal(d.n, 2);
    assert_string_equal(d.msgs[0], "a.json: drill c1: error: duplicate id (first in a.json at /drills/0): the "
                                   "drill at /drills/1 is left out");
    assert_string_equal(d.msgs[1], "b.json: drill c1: error: duplicate id (first in a.json at /drills/0): the "
                                   "drill at /drills/0 is left out");
    assert_int_equal(catalog_check_unique(&c, &d), 0);
    free(a);
    free(b);
    catalog_free(&c);

    /* 20,000 drills, every id twice: found through the index, fast */
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[");
    for (int i = 0; i < 20000; i++)
        sbuf_addf(&sb, "%s{\"id\":\"d%d\",\"title\":\"t\",\"topic\":\"t\",\"level\":1,\"kind\":\"choice\","
                       "\"prompt\":\"p\",\"choices\":[\"a\",\"b\"],\"answer\":0,\"explanation\":\"e\"}",
                  i ? "," : "", i % 10000);
    sbuf_addstr(&sb, "]}");
    catalog_init(&c);
    assert_int_equal(catalog_add_pack_text(&c, "big.json", sb.buf, sb.len, &d), -1);
    assert_int_equal(c.ndrills, 10000);
    assert_int_equal(catalog_find(&c, "d9999")->index, 9999);
    assert_null(catalog_find(&c, "d10000"));
    sbuf_release(&sb);
    catalog_free(&c);
    diag_free(&d);
}

/* An author's text quoted in a message is cut: a 600 KB range key makes
 * a short line, saying how much was left out. */
static void test_long_range_quoted_in_part(void **state)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[{\"id\":\"p1\","
                     "\"title\":\"t\",\"topic\":\"t\",\"level\":1,\"kind\":\"predict\",\"prompt\":\"p\","
                     "\"code\":\"print(1)\",\"explanation\":\"e\",\"expect\":{\"");
    for (int i = 0; i < 200000; i++)
        sbuf_addstr(&sb, ">=3");
    sbuf_addstr(&sb, "\":\"1\"}}]}");
    catalog c;
    diag d;
    catalog_init(&c);
    diag_init(&d);
    assert_int_equal(catalog_add_pack_text(&c, "r.json", sb.buf, sb.len, &d), -1);
    assert_int_equal(d.n, 1);
    assert_true(strlen(d.msgs[0]) < 600);
    assert_non_null(strstr(d.msgs[0], "... (599800 more characters)"));
    catalog_free(&c);
    diag_free(&d);
    sbuf_release(&sb);
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
    /* CRLF is one break, a lone CR (old Mac files) one too */
    const char *u = "a\r\nb\rcd";
    jsontext_linecol(u, strlen(u), 3, &l, &c); /* 'b' */
    assert_int_equal(l, 2);
    assert_int_equal(c, 1);
    jsontext_linecol(u, strlen(u), 6, &l, &c); /* 'd' */
    assert_int_equal(l, 3);
    assert_int_equal(c, 2);
}

static void test_names(void **state)
{
    drill_kind k;
    for (int i = KIND_PREDICT; i <= KIND_PARSONS; i++) {
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

/* ---- parsons ---- */

/* A pack of n parsons drills, "p0".."p<n-1>": drill i has 2 + i % 9 lines,
 * i % 4 distractors and, for every third, lines that read alike. */
static char *parsons_pack(size_t n)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[");
    for (size_t i = 0; i < n; i++) {
        sbuf_addf(&sb, "%s{\"id\":\"p%zu\",\"title\":\"t\",\"topic\":\"t\",\"level\":1,\"kind\":\"parsons\","
                       "\"prompt\":\"p\",\"explanation\":\"e\",\"tests\":[{\"name\":\"n\",\"expr\":\"1\",\"expect\":\"1\"}],"
                       "\"lines\":[",
                  i ? "," : "", i);
        for (size_t k = 0; k < 2 + i % 9; k++)
            sbuf_addf(&sb, "%s\"x%zu = %zu\"", k ? "," : "", i % 3 == 0 ? k / 2 : k, k);
        sbuf_addstr(&sb, "],\"distractors\":[");
        for (size_t k = 0; k < i % 4; k++)
            sbuf_addf(&sb, "%s\"y%zu = 0\"", k ? "," : "", k);
        sbuf_addstr(&sb, "]}");
    }
    sbuf_addstr(&sb, "]}");
    return sbuf_detach(&sb, NULL);
}

/* The lines as the candidate sees them, joined by '|'. */
static char *shown_text(const drill *d)
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->nshown; i++)
        sbuf_addf(&sb, "%s%s", i ? "|" : "", d->shown[i]);
    return sbuf_detach(&sb, NULL);
}

/* The shown order is a permutation of the lines and distractors, fixed by
 * the id (the same whatever the pack or its path), and never the answer:
 * the solution's lines, read in the order shown and skipping distractors,
 * never read as the solution, even when some of them read alike. */
static void test_parsons_shuffle(void **state)
{
    size_t n = 600;
    char *text = parsons_pack(n);
    catalog a, b;
    diag d;
    catalog_init(&a);
    catalog_init(&b);
    diag_init(&d);
    assert_int_equal(catalog_add_pack_text(&a, "a.json", text, strlen(text), &d), 0);
    assert_int_equal(catalog_add_pack_text(&b, "elsewhere/b.json", text, strlen(text), &d), 0);
    assert_int_equal(a.ndrills, n);
    size_t moved_first = 0;
    for (size_t i = 0; i < n; i++) {
        const drill *x = &a.drills[i], *y = &b.drills[i];
        assert_int_equal(x->nshown, x->nlines + x->ndistractors);
        char *sx = shown_text(x), *sy = shown_text(y);
        assert_string_equal(sx, sy);
        free(sx);
        free(sy);
        /* a permutation: every line and distractor shown exactly once */
        for (size_t k = 0; k < x->nlines + x->ndistractors; k++) {
            const char *want = k < x->nlines ? x->lines[k] : x->distractors[k - x->nlines];
            size_t seen = 0;
            for (size_t j = 0; j < x->nshown; j++)
                seen += x->shown[j] == want;
            assert_int_equal(seen, 1);
        }
        /* never the solution, read in the order shown */
        size_t k = 0;
        int same = 1;
        for (size_t j = 0; j < x->nshown; j++)
            for (size_t m = 0; m < x->nlines; m++)
                if (x->shown[j] == x->lines[m]) {
                    same &= strcmp(x->shown[j], x->lines[k++]) == 0;
                    break;
                }
        assert_int_equal(k, x->nlines);
        if (same)
            fail_msg("drill %s shows its lines in the solution's order", x->id);
        /* the right letters name the lines in order */
        char *letters = kind_parsons_solution_letters(x);
        assert_int_equal(strlen(letters), 2 * x->nlines - 1);
        for (size_t m = 0; m < x->nlines; m++)
            assert_ptr_equal(x->shown[letters[2 * m] - 'a'], x->lines[m]);
        moved_first += letters[0] != 'a';
        free(letters);
    }
    assert_true(moved_first > n / 2); /* a shuffle, not a rotation */
    catalog_free(&a);
    catalog_free(&b);
    diag_free(&d);
    free(text);
}

/* The same lines under another id are shown in another order. */
static void test_parsons_shuffle_by_id(void **state)
{
    static const char fmt[] =
        "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[{\"id\":\"%s\",\"title\":\"t\","
        "\"topic\":\"t\",\"level\":1,\"kind\":\"parsons\",\"prompt\":\"p\",\"explanation\":\"e\","
        "\"tests\":[{\"name\":\"n\",\"expr\":\"1\",\"expect\":\"1\"}],"
        "\"lines\":[\"a = 1\",\"b = 2\",\"c = 3\",\"d = 4\",\"e = 5\",\"f = 6\",\"g = 7\",\"h = 8\"]}]}";
    const char *ids[] = { "one", "two", "three", "four" };
    char *orders[4];
    for (int i = 0; i < 4; i++) {
        char *text = xasprintf(fmt, ids[i]);
        catalog c;
        diag d;
        catalog_init(&c);
        diag_init(&d);
        assert_int_equal(catalog_add_pack_text(&c, "p.json", text, strlen(text), &d), 0);
        orders[i] = shown_text(&c.drills[0]);
        catalog_free(&c);
        diag_free(&d);
        free(text);
    }
    int distinct = 0;
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            distinct += strcmp(orders[i], orders[j]) != 0;
    assert_true(distinct >= 5);
    for (int i = 0; i < 4; i++)
        free(orders[i]);
}

/* An answer's letters become the lines they name, one per line; letters
 * that name a distractor, name no line, repeat one or are not letters
 * fail unrun, with a message that says why. */
static void test_parsons_answer_code(void **state)
{
    static const char pack[] =
        "{\"format\":\"pydrill/1\",\"pack\":\"p\",\"title\":\"t\",\"drills\":[{\"id\":\"code\",\"title\":\"t\","
        "\"topic\":\"t\",\"level\":1,\"kind\":\"parsons\",\"prompt\":\"p\",\"explanation\":\"e\","
        "\"tests\":[{\"name\":\"n\",\"expr\":\"f()\",\"expect\":\"1\"}],"
        "\"lines\":[\"def f():\",\"    x = 1\",\"    return x\"],\"distractors\":[\"    return 2\"]}]}";
    catalog c;
    diag dg;
    catalog_init(&c);
    diag_init(&dg);
    assert_int_equal(catalog_add_pack_text(&c, "p.json", pack, sizeof pack - 1, &dg), 0);
    const drill *d = &c.drills[0];
    char *right = kind_parsons_solution_letters(d);
    char upper[16];
    snprintf(upper, sizeof upper, "%c,%c,%c", right[0] - 32, right[2] - 32, right[4] - 32);
    char *distractor = NULL;
    for (size_t i = 0; i < d->nshown; i++)
        if (strcmp(d->shown[i], "    return 2") == 0)
            distractor = xasprintf("%c %c %c", right[0], right[2], (char)('a' + i));
    assert_non_null(distractor);

    drill_verdict v;
    drill_verdict_init(&v, d);
    const char *answers[] = { right, upper };
    for (int i = 0; i < 2; i++) {
        char *code = kind_answer_code(d, answers[i], &v);
        assert_non_null(code);
        assert_string_equal(code, "def f():\n    x = 1\n    return x\n");
        free(code);
    }
    struct { const char *answer, *message; } bad[] = {
        { distractor, NULL },
        { "a b e", "there is no line 'e' (lines are a-d)" },
        { "a a", "line 'a' is used twice" },
        { "", "no line given: answer with the letters of the lines in order (a-d)" },
        { " , \n", "no line given: answer with the letters of the lines in order (a-d)" },
        { "abc", "unexpected 'b' after 'a': separate the letters with spaces or commas" },
        { "a 2", "unexpected '2': answer with the letters of the lines in order, like \"c a b\" (a-d)" },
    };
    char *want = xasprintf("line '%c' belongs to no right answer", distractor[4]);
    bad[0].message = want;
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        assert_null(kind_answer_code(d, bad[i].answer, &v));
        assert_int_equal(v.st, ST_FAIL);
        assert_true(v.score == 0);
        assert_string_equal(v.message, bad[i].message);
    }
    drill_verdict_free(&v);
    free(want);
    free(distractor);
    free(right);
    catalog_free(&c);
    diag_free(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_good_pack),
        cmocka_unit_test(test_catalog_load),
        cmocka_unit_test(test_catalog_missing_pack),
        cmocka_unit_test(test_dollar_keys),
        cmocka_unit_test(test_catalog_shapes),
        cmocka_unit_test(test_duplicate_id_left_out),
        cmocka_unit_test(test_long_range_quoted_in_part),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_strings),
        cmocka_unit_test(test_error_flood_capped),
        cmocka_unit_test(test_unterminated_buffer),
        cmocka_unit_test(test_linecol),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_expect_for_gaps_and_overlaps),
        cmocka_unit_test(test_free_planner_fields),
        cmocka_unit_test(test_parsons_shuffle),
        cmocka_unit_test(test_parsons_shuffle_by_id),
        cmocka_unit_test(test_parsons_answer_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
