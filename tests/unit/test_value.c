/* test_value.c - plain values: wire form, rejects, equality, repr. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

static value *parse_ok(const char *json)
{
    char *err = NULL;
    value *v = value_parse(json, strlen(json), &err);
    if (!v)
        fail_msg("decoding %s failed: %s", json, err);
    assert_null(err);
    return v;
}

static char *parse_err(const char *json)
{
    char *err = NULL;
    value *v = value_parse(json, strlen(json), &err);
    if (v) {
        value_free(v);
        fail_msg("decoding %s should have failed", json);
    }
    assert_non_null(err);
    return err;
}

static char *encode(const value *v)
{
    cJSON *j = value_to_json(v);
    char *s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return s;
}

/* ---- wire form round trips --------------------------------------------- */

static void test_roundtrip(void **state __attribute__((unused)))
{
    /* canonical wire texts: decode then encode gives the same text back */
    static const char *cases[] = {
        "null", "true", "false",
        "{\"i\":\"0\"}", "{\"i\":\"-123\"}", "{\"i\":\"123456789012345678901234567890\"}",
        "{\"f\":\"0x1.8p+1\"}", "{\"f\":\"-0x0p+0\"}", "{\"f\":\"inf\"}", "{\"f\":\"-inf\"}",
        "{\"f\":\"nan\"}", "{\"f\":\"0x0.0000000000001p-1022\"}",
        "{\"s\":\"\"}", "{\"s\":\"caf\xc3\xa9\"}",
        "{\"sx\":\"610062\"}",       /* a NUL inside */
        "{\"sx\":\"eda080\"}",       /* a lone surrogate */
        "{\"b\":\"\"}", "{\"b\":\"00ff7f\"}",
        "{\"l\":[]}", "{\"t\":[]}", "{\"d\":[]}", "{\"S\":[]}", "{\"F\":[]}",
        "{\"l\":[null,true,{\"i\":\"1\"},{\"t\":[{\"s\":\"x\"}]}]}",
        "{\"d\":[[{\"s\":\"b\"},{\"i\":\"1\"}],[{\"s\":\"a\"},{\"l\":[]}]]}",
        "{\"S\":[{\"t\":[{\"i\":\"1\"},{\"F\":[{\"b\":\"41\"}]}]},null]}",
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        value *v = parse_ok(cases[i]);
        char *out = encode(v);
        assert_string_equal(out, cases[i]);
        value *w = parse_ok(out);
        assert_true(value_equal(v, w, 0));
        free(out);
        value_free(v);
        value_free(w);
    }
}

static void test_encode_normalises(void **state __attribute__((unused)))
{
    /* accepted but not canonical inputs come back canonical */
    static const char *cases[][2] = {
        {"{\"f\":\"0x1.8000000000000p+1\"}", "{\"f\":\"0x1.8p+1\"}"},
        {"{\"f\":\"2.5\"}", "{\"f\":\"0x1.4p+1\"}"},
        {"{\"sx\":\"6869\"}", "{\"s\":\"hi\"}"},
        {"{\"b\":\"ABcd\"}", "{\"b\":\"abcd\"}"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        value *v = parse_ok(cases[i][0]);
        char *out = encode(v);
        assert_string_equal(out, cases[i][1]);
        free(out);
        value_free(v);
    }
}

static void test_decoded_fields(void **state __attribute__((unused)))
{
    value *v = parse_ok("{\"d\":[[{\"sx\":\"610062\"},{\"f\":\"-inf\"}],[true,{\"i\":\"-7\"}]]}");
    assert_int_equal(v->type, VAL_DICT);
    assert_int_equal(v->n, 2);
    assert_int_equal(v->items[0]->type, VAL_STR);
    assert_int_equal(v->items[0]->len, 3);
    assert_memory_equal(v->items[0]->text, "a\0b", 3);
    assert_true(isinf(v->items[1]->f) && v->items[1]->f < 0);
    assert_int_equal(v->items[2]->type, VAL_BOOL);
    assert_int_equal(v->items[2]->b, 1);
    assert_string_equal(v->items[3]->text, "-7");
    value_free(v);
}

/* ---- rejects ----------------------------------------------------------- */

static void test_rejects(void **state __attribute__((unused)))
{
    /* input, a part of the message it must give */
    static const char *cases[][2] = {
        {"1", "expected null, true, false or a tagged object"},
        {"\"x\"", "expected null"},
        {"[]", "expected null"},
        {"{}", "empty object"},
        {"{\"i\":\"1\",\"x\":1}", "extra key \"x\""},
        {"{\"i\":\"1\",\"i\":\"2\"}", "extra key"},
        {"{\"q\":1}", "unknown tag \"q\""},
        {"{\"I\":\"1\"}", "unknown tag"},
        {"{\"i\":1}", "\"i\" needs a string"},
        {"{\"i\":\"+1\"}", "bad int \"+1\""},
        {"{\"i\":\"01\"}", "bad int \"01\""},
        {"{\"i\":\"-0\"}", "bad int \"-0\""},
        {"{\"i\":\"\"}", "bad int \"\""},
        {"{\"i\":\"-\"}", "bad int"},
        {"{\"i\":\"1e5\"}", "bad int \"1e5\""},
        {"{\"i\":\" 1\"}", "bad int"},
        {"{\"i\":\"1 \"}", "bad int"},
        {"{\"i\":\"0x10\"}", "bad int"},
        {"{\"f\":1.5}", "\"f\" needs a string"},
        {"{\"f\":\"\"}", "bad float \"\""},
        {"{\"f\":\"1.5x\"}", "bad float \"1.5x\""},
        {"{\"f\":\" 1.5\"}", "bad float"},
        {"{\"f\":\"abc\"}", "bad float"},
        {"{\"f\":\"0x1p\"}", "bad float"},
        {"{\"s\":null}", "\"s\" needs a string"},
        {"{\"s\":\"\xff\"}", "\"s\" is not valid UTF-8"},
        {"{\"s\":\"\xed\xa0\x80\"}", "\"s\" is not valid UTF-8"},
        {"{\"sx\":\"616\"}", "bad hex \"616\""},
        {"{\"sx\":\"zz\"}", "bad hex"},
        {"{\"sx\":\"ff\"}", "\"sx\" is not UTF-8"},
        {"{\"sx\":[]}", "\"sx\" needs a string"},
        {"{\"b\":\"0\"}", "bad hex"},
        {"{\"b\":\"0g\"}", "bad hex \"0g\""},
        {"{\"b\":7}", "\"b\" needs a string"},
        {"{\"l\":{}}", "\"l\" needs an array"},
        {"{\"t\":\"x\"}", "\"t\" needs an array"},
        {"{\"S\":null}", "\"S\" needs an array"},
        {"{\"F\":1}", "\"F\" needs an array"},
        {"{\"d\":{}}", "\"d\" needs an array"},
        {"{\"d\":[null]}", "/d/0: dict entry is not a [key, value] array"},
        {"{\"d\":[[null]]}", "dict entry is not"},
        {"{\"d\":[[null,null,null]]}", "dict entry is not"},
        {"{\"d\":[[{\"l\":[]},null]]}", "/d/0/0: unhashable dict key: 'list'"},
        {"{\"d\":[[{\"d\":[]},null]]}", "unhashable dict key: 'dict'"},
        {"{\"d\":[[{\"S\":[]},null]]}", "unhashable dict key: 'set'"},
        {"{\"S\":[null,{\"l\":[]}]}", "/S/1: unhashable set member: 'list'"},
        {"{\"F\":[{\"d\":[]}]}", "unhashable frozenset member: 'dict'"},
        {"{\"S\":[{\"S\":[]}]}", "unhashable set member: 'set'"},
        {"{\"S\":[{\"t\":[{\"i\":\"1\"},{\"t\":[{\"l\":[]}]}]}]}", "unhashable set member: 'list'"},
        {"{\"d\":[[{\"t\":[{\"d\":[]}]},null]]}", "unhashable dict key: 'dict'"},
        {"{\"l\":[{\"i\":\"1\"},{\"i\":\"2\"},{\"i\":\"3\"},{\"i\":\"01\"}]}", "value: /l/3: bad int \"01\""},
        {"{\"d\":[[{\"s\":\"k\"},{\"t\":[{\"f\":\"x\"}]}]]}", "value: /d/0/1/t/0: bad float \"x\""},
        {"{\"l\":[1]}", "/l/0: expected null"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *err = parse_err(cases[i][0]);
        if (!strstr(err, cases[i][1]))
            fail_msg("%s: got \"%s\", want \"%s\"", cases[i][0], err, cases[i][1]);
        assert_true(strncmp(err, "value: ", 7) == 0);
        free(err);
    }
}

static void test_reject_not_json(void **state __attribute__((unused)))
{
    char *err = parse_err("{\"i\":");
    assert_non_null(strstr(err, "not valid JSON"));
    free(err);
    err = NULL;
    assert_null(value_from_json(NULL, &err));
    assert_non_null(err);
    free(err);
}

/* n nested lists around null */
static char *nested_lists(int n)
{
    sbuf sb;
    sbuf_init(&sb);
    for (int i = 0; i < n; i++)
        sbuf_addstr(&sb, "{\"l\":[");
    sbuf_addstr(&sb, "null");
    for (int i = 0; i < n; i++)
        sbuf_addstr(&sb, "]}");
    char *s = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return s;
}

static void test_depth_limit(void **state __attribute__((unused)))
{
    char *ok = nested_lists(VALUE_MAX_DEPTH);
    value_free(parse_ok(ok));
    free(ok);
    char *deep = nested_lists(VALUE_MAX_DEPTH + 1);
    char *err = parse_err(deep);
    assert_non_null(strstr(err, "nested deeper than 100"));
    free(err);
    free(deep);
    /* dicts count as one level each even though their wire form is deeper */
    sbuf sb;
    sbuf_init(&sb);
    for (int i = 0; i < VALUE_MAX_DEPTH + 1; i++)
        sbuf_addstr(&sb, "{\"d\":[[null,");
    sbuf_addstr(&sb, "null");
    for (int i = 0; i < VALUE_MAX_DEPTH + 1; i++)
        sbuf_addstr(&sb, "]]}");
    err = parse_err(sb.buf);
    assert_non_null(strstr(err, "nested deeper"));
    free(err);
    sbuf_release(&sb);
}

/* a list of n ints, or a set when set is 1; order shuffled by seed */
static char *many_ints(size_t n, int set, unsigned seed)
{
    size_t *order = xmalloc(n * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    srand(seed);
    for (size_t i = n; i > 1; i--) {
        size_t k = (size_t)rand() % i, t = order[i - 1];
        order[i - 1] = order[k];
        order[k] = t;
    }
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, set ? "{\"S\":[" : "{\"l\":[");
    for (size_t i = 0; i < n; i++)
        sbuf_addf(&sb, "%s{\"i\":\"%zu\"}", i ? "," : "", order[i] * 7919 % 1000003);
    sbuf_addstr(&sb, "]}");
    free(order);
    char *s = sbuf_detach(&sb, NULL);
    sbuf_release(&sb);
    return s;
}

static void test_items_limit(void **state __attribute__((unused)))
{
    char *ok = many_ints(VALUE_MAX_ITEMS, 0, 1);
    value_free(parse_ok(ok));
    free(ok);
    char *big = many_ints(VALUE_MAX_ITEMS + 1, 0, 1);
    char *err = parse_err(big);
    assert_non_null(strstr(err, "more than 100000 items"));
    free(err);
    free(big);
    /* the limit is on the total over all containers, not on each one: two
     * lists of 50,000 inside a list are 100,002 items */
    char *half = many_ints(VALUE_MAX_ITEMS / 2, 0, 2);
    char *two = xasprintf("{\"l\":[%s,%s]}", half, half);
    err = parse_err(two);
    assert_non_null(strstr(err, "more than 100000 items"));
    free(err);
    free(two);
    free(half);
}

/* ---- equality ---------------------------------------------------------- */

static int eq(const char *a, const char *b, double tol)
{
    value *va = parse_ok(a), *vb = parse_ok(b);
    int r = value_equal(va, vb, tol);
    assert_int_equal(r, value_equal(vb, va, tol)); /* symmetric */
    value_free(va);
    value_free(vb);
    return r;
}

#define I(x) "{\"i\":\"" #x "\"}"
#define F(x) "{\"f\":\"" x "\"}"

static void test_equal_scalars(void **state __attribute__((unused)))
{
    assert_true(eq("null", "null", 0));
    assert_true(eq(I(12), I(12), 0));
    assert_false(eq(I(12), I(-12), 0));
    assert_false(eq(I(12), I(120), 0));
    assert_true(eq("{\"s\":\"ab\"}", "{\"sx\":\"6162\"}", 0));
    assert_false(eq("{\"s\":\"ab\"}", "{\"b\":\"6162\"}", 0)); /* str is not bytes */
    assert_false(eq("{\"sx\":\"610062\"}", "{\"sx\":\"610063\"}", 0));
    assert_false(eq("{\"sx\":\"610062\"}", "{\"s\":\"a\"}", 0));
}

static void test_equal_bool_is_not_int(void **state __attribute__((unused)))
{
    assert_false(eq("true", I(1), 0));
    assert_false(eq("false", I(0), 0));
    assert_false(eq("true", "false", 0));
    assert_false(eq("{\"l\":[true]}", "{\"l\":[" I(1) "]}", 0));
    assert_false(eq("{\"S\":[true]}", "{\"S\":[" I(1) "]}", 0));
    assert_false(eq("{\"d\":[[true,null]]}", "{\"d\":[[" I(1) ",null]]}", 0));
    assert_false(eq("true", I(1), 0.5));
}

static void test_equal_int_is_not_float(void **state __attribute__((unused)))
{
    assert_false(eq(I(1), F("1.0"), 0));
    assert_false(eq(I(1), F("1.0"), 0.1));
    assert_false(eq("{\"t\":[" I(1) "]}", "{\"t\":[" F("1") "]}", 0));
    assert_false(eq("{\"S\":[" I(1) "]}", "{\"S\":[" F("1") "]}", 0));
}

static void test_equal_floats(void **state __attribute__((unused)))
{
    assert_true(eq(F("nan"), F("nan"), 0));
    assert_true(eq(F("nan"), F("-nan"), 0));
    assert_true(eq(F("0x0p+0"), F("-0x0p+0"), 0));
    assert_true(eq(F("inf"), F("inf"), 0));
    assert_false(eq(F("inf"), F("-inf"), 0));
    assert_false(eq(F("nan"), F("inf"), 0));
    assert_false(eq(F("nan"), F("1"), 0.5));
    assert_false(eq(F("0.1"), F("0.30000000000000004"), 0));
    /* 0.1 + 0.2 against 0.3: only with a tolerance */
    assert_false(eq(F("0.30000000000000004"), F("0.3"), 0));
    assert_true(eq(F("0.30000000000000004"), F("0.3"), 1e-9));
    assert_false(eq(F("1.0"), F("1.001"), 1e-6));
    assert_true(eq(F("1.0"), F("1.001"), 1e-2));
    /* relative: 1e-3 of the larger magnitude */
    assert_true(eq(F("1000"), F("1001"), 1e-3));
    assert_false(eq(F("1000"), F("1002"), 1e-3));
    /* infinities are never "close" to finite numbers */
    assert_false(eq(F("inf"), F("1e308"), 0.5));
    assert_true(eq(F("inf"), F("inf"), 0.5));
    /* the tolerance is for floats only */
    assert_false(eq(I(1000), I(1001), 0.5));
}

static void test_equal_tolerance_at_depth(void **state __attribute__((unused)))
{
    const char *a = "{\"d\":[[{\"s\":\"k\"},{\"l\":[{\"t\":[" F("0.1") "]}]}]]}";
    const char *b = "{\"d\":[[{\"s\":\"k\"},{\"l\":[{\"t\":[" F("0.10000001") "]}]}]]}";
    assert_false(eq(a, b, 0));
    assert_true(eq(a, b, 1e-6));
    assert_true(eq("{\"S\":[" F("1.0") "," F("2.0") "]}", "{\"S\":[" F("2.0000001") "," F("1.0000001") "]}",
                   1e-6));
}

static void test_equal_sequences(void **state __attribute__((unused)))
{
    assert_false(eq("{\"l\":[]}", "{\"t\":[]}", 0)); /* list is not tuple */
    assert_false(eq("{\"l\":[" I(1) "]}", "{\"t\":[" I(1) "]}", 0));
    assert_true(eq("{\"l\":[" I(1) "," I(2) "]}", "{\"l\":[" I(1) "," I(2) "]}", 0));
    assert_false(eq("{\"l\":[" I(1) "," I(2) "]}", "{\"l\":[" I(2) "," I(1) "]}", 0)); /* order matters */
    assert_false(eq("{\"l\":[" I(1) "]}", "{\"l\":[" I(1) "," I(1) "]}", 0));
    assert_false(eq("{\"l\":[]}", "null", 0));
}

static void test_equal_unordered(void **state __attribute__((unused)))
{
    assert_false(eq("{\"S\":[]}", "{\"F\":[]}", 0)); /* set is not frozenset */
    assert_false(eq("{\"S\":[" I(1) "]}", "{\"F\":[" I(1) "]}", 0));
    assert_false(eq("{\"S\":[]}", "{\"d\":[]}", 0));
    assert_true(eq("{\"S\":[" I(1) "," I(2) "," I(3) "]}", "{\"S\":[" I(3) "," I(1) "," I(2) "]}", 0));
    assert_false(eq("{\"S\":[" I(1) "," I(2) "]}", "{\"S\":[" I(1) "," I(3) "]}", 0));
    assert_true(eq("{\"d\":[[" I(1) "," I(2) "],[" I(3) "," I(4) "]]}",
                   "{\"d\":[[" I(3) "," I(4) "],[" I(1) "," I(2) "]]}", 0));
    assert_false(eq("{\"d\":[[" I(1) "," I(2) "],[" I(3) "," I(4) "]]}",
                    "{\"d\":[[" I(1) "," I(4) "],[" I(3) "," I(2) "]]}", 0));
    assert_false(eq("{\"d\":[[" I(1) "," I(2) "]]}", "{\"d\":[[" I(5) "," I(2) "]]}", 0));
    /* sets inside sets, in different orders at every level */
    assert_true(eq("{\"S\":[{\"F\":[" I(1) "," I(2) "]},{\"F\":[" I(3) "]},{\"F\":[]}]}",
                   "{\"S\":[{\"F\":[]},{\"F\":[" I(3) "]},{\"F\":[" I(2) "," I(1) "]}]}", 0));
    /* dicts inside a list, keys in different orders */
    assert_true(eq("{\"l\":[{\"d\":[[{\"s\":\"a\"}," I(1) "],[{\"s\":\"b\"},{\"S\":[" I(1) "," I(2) "]}]]}]}",
                   "{\"l\":[{\"d\":[[{\"s\":\"b\"},{\"S\":[" I(2) "," I(1) "]}],[{\"s\":\"a\"}," I(1) "]]}]}", 0));
    /* NaN members pair up; 0.0 and -0.0 too */
    assert_true(eq("{\"S\":[" F("nan") "," F("1") "]}", "{\"S\":[" F("1") "," F("nan") "]}", 0));
    assert_true(eq("{\"S\":[" F("-0x0p+0") "," F("1") "]}", "{\"S\":[" F("1") "," F("0x0p+0") "]}", 0));
    /* mixed ints and floats that sort together numerically */
    assert_true(eq("{\"S\":[" I(1) "," F("1") "," I(2) "]}", "{\"S\":[" I(2) "," F("1") "," I(1) "]}", 0));
    assert_false(eq("{\"S\":[" I(1) "," F("2") "]}", "{\"S\":[" F("1") "," I(2) "]}", 0));
}

static void test_equal_large_sets(void **state __attribute__((unused)))
{
    char *a = many_ints(VALUE_MAX_ITEMS, 1, 1), *b = many_ints(VALUE_MAX_ITEMS, 1, 2);
    assert_string_not_equal(a, b);
    /* 100,000 members each: quadratic matching would take minutes (the
     * suite asserts no timings; a slow run shows in its wall time) */
    value *va = parse_ok(a), *vb = parse_ok(b);
    assert_true(value_equal(va, vb, 0));
    /* change one member */
    value *m = vb->items[VALUE_MAX_ITEMS / 2];
    free(m->text);
    m->text = xstrdup("-1");
    m->len = 2;
    assert_false(value_equal(va, vb, 0));
    value_free(va);
    value_free(vb);
    free(a);
    free(b);
}

static void test_equal_null_and_clone(void **state __attribute__((unused)))
{
    value *v = parse_ok("{\"d\":[[{\"s\":\"k\"},{\"S\":[" I(1) ",{\"t\":[{\"b\":\"00\"}]}]}]]}");
    value *c = value_clone(v);
    assert_true(value_equal(v, c, 0));
    assert_ptr_not_equal(v->items[0], c->items[0]);
    value_free(v);
    char *r = value_repr(c, 0); /* the clone lives on */
    assert_string_equal(r, "{'k': {1, (b'\\x00',)}}");
    free(r);
    assert_false(value_equal(c, NULL, 0));
    assert_true(value_equal(NULL, NULL, 0));
    value_free(c);
    assert_null(value_clone(NULL));
    value_free(NULL);
}

/* ---- repr -------------------------------------------------------------- */

static void check_repr(const char *json, const char *want, size_t maxlen)
{
    value *v = parse_ok(json);
    char *r = value_repr(v, maxlen);
    if (strcmp(r, want) != 0)
        fail_msg("repr of %s: got <%s>, want <%s>", json, r, want);
    free(r);
    value_free(v);
}

static void test_repr_floats(void **state __attribute__((unused)))
{
    /* what /usr/bin/python3 prints for each */
    static const char *cases[][2] = {
        {"0x1.999999999999ap-4", "0.1"},
        {"0x1.1c37937e08000p+53", "1e+16"},
        {"0x1.ad7f29abcaf48p-24", "1e-07"},
        {"0x1.4000000000000p+1", "2.5"},
        {"-0x0.0p+0", "-0.0"},
        {"0x0p+0", "0.0"},
        {"0x1.0f0cf064dd592p+73", "1e+22"},
        {"0x1.b69b4ba630f35p+56", "1.2345678901234568e+17"},
        {"0x1.c6bf526340000p+49", "1000000000000000.0"},
        {"0x1.a36e2eb1c432dp-14", "0.0001"},
        {"0x1.4f8b588e368f1p-17", "1e-05"},
        {"0x0.0000000000001p-1022", "5e-324"},
        {"0x1.fffffffffffffp+1023", "1.7976931348623157e+308"},
        {"0x1.3333333333334p-2", "0.30000000000000004"},
        {"0x1.9000000000000p+6", "100.0"},
        {"0x1.421f5f40d8376p-23", "1.5e-07"},
        {"-0x1.8p+1", "-3.0"},
        {"inf", "inf"},
        {"-inf", "-inf"},
        {"nan", "nan"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char json[128];
        snprintf(json, sizeof json, "{\"f\":\"%s\"}", cases[i][0]);
        check_repr(json, cases[i][1], 0);
    }
}

static void test_repr_strings(void **state __attribute__((unused)))
{
    static const char *cases[][2] = {
        {"{\"s\":\"it's\"}", "\"it's\""},
        {"{\"s\":\"say \\\"hi\\\"\"}", "'say \"hi\"'"},
        {"{\"s\":\"both ' and \\\"\"}", "'both \\' and \"'"},
        {"{\"s\":\"a\\nb\\tc\\\\\\r\"}", "'a\\nb\\tc\\\\\\r'"},
        {"{\"s\":\"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\"}", "'caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac'"},
        {"{\"sx\":\"001b7f\"}", "'\\x00\\x1b\\x7f'"},
        {"{\"s\":\"\xc2\xa0\xc2\xad\"}", "'\\xa0\\xad'"},
        {"{\"s\":\"\xe2\x80\x8b\xef\xbb\xbf\"}", "'\\u200b\\ufeff'"},
        {"{\"s\":\"\xf0\x9f\x98\x80\"}", "'\xf0\x9f\x98\x80'"},
        {"{\"sx\":\"eda080\"}", "'\\ud800'"},
        {"{\"sx\":\"f3a08081\"}", "'\\U000e0001'"}, /* a tag character, format */
        {"{\"s\":\"\"}", "''"},
        {"{\"b\":\"6974277300ff0a5c\"}", "b\"it's\\x00\\xff\\n\\\\\""},
        {"{\"b\":\"\"}", "b''"},
        {"{\"b\":\"2227\"}", "b'\"\\''"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        check_repr(cases[i][0], cases[i][1], 0);
}

static void test_repr_containers(void **state __attribute__((unused)))
{
    static const char *cases[][2] = {
        {"null", "None"},
        {"true", "True"},
        {"false", "False"},
        {I(-5), "-5"},
        {"{\"l\":[]}", "[]"},
        {"{\"t\":[]}", "()"},
        {"{\"t\":[" I(1) "]}", "(1,)"},
        {"{\"t\":[" I(1) "," I(2) "]}", "(1, 2)"},
        {"{\"l\":[" I(1) ",{\"l\":[null]},{\"t\":[]}]}", "[1, [None], ()]"},
        {"{\"d\":[]}", "{}"},
        /* dicts keep insertion order */
        {"{\"d\":[[{\"s\":\"b\"}," I(1) "],[{\"s\":\"a\"},{\"l\":[]}]]}", "{'b': 1, 'a': []}"},
        {"{\"S\":[]}", "set()"},
        {"{\"F\":[]}", "frozenset()"},
        /* sets sorted: numbers numerically, ints and floats together */
        {"{\"S\":[" I(10) "," I(2) "," I(-5) "]}", "{-5, 2, 10}"},
        {"{\"S\":[" I(3) "," F("2.5") "," I(1) "]}", "{1, 2.5, 3}"},
        {"{\"F\":[" I(3) "," I(1) "]}", "frozenset({1, 3})"},
        {"{\"S\":[{\"s\":\"b\"},{\"s\":\"a\"},{\"s\":\"ab\"}]}", "{'a', 'ab', 'b'}"},
        {"{\"S\":[{\"F\":[" I(2) "," I(1) "]},{\"F\":[]}]}", "{frozenset(), frozenset({1, 2})}"},
        {"{\"S\":[" F("nan") "," F("1") "]}", "{1.0, nan}"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        check_repr(cases[i][0], cases[i][1], 0);
}

static void test_repr_maxlen(void **state __attribute__((unused)))
{
    const char *json = "{\"l\":[" I(1000) "," I(2000) "," I(3000) "," I(4000) "]}";
    check_repr(json, "[1000, 2000, 3000, 4000]", 0);
    check_repr(json, "[1000, 2000, 3000, 4000]", 24); /* fits exactly */
    check_repr(json, "[1000, 2000, 3...", 17);
    /* never cut inside a UTF-8 sequence */
    check_repr("{\"s\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}", "'\xc3\xa9...", 7);
    /* a huge value is not rendered in full only to be cut */
    char *big = many_ints(VALUE_MAX_ITEMS, 0, 3);
    value *v = parse_ok(big);
    char *r = value_repr(v, 40);
    assert_true(strlen(r) <= 40);
    assert_non_null(strstr(r, "..."));
    free(r);
    value_free(v);
    free(big);
}

static void test_type_names(void **state __attribute__((unused)))
{
    assert_string_equal(value_type_name(VAL_NONE), "NoneType");
    assert_string_equal(value_type_name(VAL_BOOL), "bool");
    assert_string_equal(value_type_name(VAL_INT), "int");
    assert_string_equal(value_type_name(VAL_FLOAT), "float");
    assert_string_equal(value_type_name(VAL_STR), "str");
    assert_string_equal(value_type_name(VAL_BYTES), "bytes");
    assert_string_equal(value_type_name(VAL_LIST), "list");
    assert_string_equal(value_type_name(VAL_TUPLE), "tuple");
    assert_string_equal(value_type_name(VAL_DICT), "dict");
    assert_string_equal(value_type_name(VAL_SET), "set");
    assert_string_equal(value_type_name(VAL_FROZENSET), "frozenset");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_encode_normalises),
        cmocka_unit_test(test_decoded_fields),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_reject_not_json),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_items_limit),
        cmocka_unit_test(test_equal_scalars),
        cmocka_unit_test(test_equal_bool_is_not_int),
        cmocka_unit_test(test_equal_int_is_not_float),
        cmocka_unit_test(test_equal_floats),
        cmocka_unit_test(test_equal_tolerance_at_depth),
        cmocka_unit_test(test_equal_sequences),
        cmocka_unit_test(test_equal_unordered),
        cmocka_unit_test(test_equal_large_sets),
        cmocka_unit_test(test_equal_null_and_clone),
        cmocka_unit_test(test_repr_floats),
        cmocka_unit_test(test_repr_strings),
        cmocka_unit_test(test_repr_containers),
        cmocka_unit_test(test_repr_maxlen),
        cmocka_unit_test(test_type_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
