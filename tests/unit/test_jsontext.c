/* test_jsontext.c - the strict JSON reader: RFC 8259 and nothing more,
 * each mistake at the exact line and column of the token that is wrong,
 * with a message that says what is wrong. One row a case: the text, and
 * the message ("T" standing for the file name), or NULL when it is valid
 * JSON that must load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsontext.h"

typedef struct {
    const char *text;
    const char *message; /* after "T:"; NULL: valid */
} json_case;

static const json_case cases[] = {
    /* what the RFC allows */
    { "{}", NULL },
    { " \t\r\n{ \"a\" : [ 1, -0, 0.5, -1.25e+3, 2E-2, 10, true, false, null, \"x\", {}, [] ] }\n", NULL },
    { "{\"a\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"}", NULL },
    { "\xEF\xBB\xBF{\"bom\": 1}", NULL },
    { "{\"del\": \"a\x7f" "b\"}", NULL },
    { "{\"a\": 1, \"a\": 2}", NULL }, /* duplicates are the loaders' to report, with a pointer */
    /* the trailing comma, at its '}' (1:15), not at the line break after it */
    { "{\"a\": {\"b\": 1,}\n}", "1:15: error: invalid JSON: unexpected '}' (expected a field name after ','; "
                                "a trailing comma is not allowed)" },
    { "{\"a\": [1, 2,]}", "1:13: error: invalid JSON: unexpected ']' (expected a value after ','; a trailing "
                          "comma is not allowed)" },
    /* numbers */
    { "{\"a\": 01}", "1:7: error: invalid JSON: 01 is not a JSON number (a number does not start with 0 unless "
                     "it is 0 or 0.something)" },
    { "{\"a\": -007}", "1:7: error: invalid JSON: -007 is not a JSON number (a number does not start with 0 "
                       "unless it is 0 or 0.something)" },
    { "{\"a\": 1.}", "1:7: error: invalid JSON: 1. is not a JSON number (a digit must follow the decimal point)" },
    { "{\"a\": 1.e5}", "1:7: error: invalid JSON: 1.e5 is not a JSON number (a digit must follow the decimal "
                       "point)" },
    { "{\"a\": 2e}", "1:7: error: invalid JSON: 2e is not a JSON number (a digit must follow the exponent)" },
    { "{\"a\": 2e+}", "1:7: error: invalid JSON: 2e+ is not a JSON number (a digit must follow the exponent)" },
    { "{\"a\": -}", "1:7: error: invalid JSON: - is not a JSON number (a digit must follow the minus sign)" },
    { "{\"a\": .5}", "1:7: error: invalid JSON: unexpected '.' (expected a value)" },
    { "{\"a\": +1}", "1:7: error: invalid JSON: unexpected '+' (expected a value)" },
    { "{\"a\": 0x10}", "1:8: error: invalid JSON: unexpected 'x' (expected ',' or '}')" },
    /* strings */
    { "{\"a\": \"x\x01y\"}", "1:9: error: invalid JSON: a control character (byte 0x01) in a string (write it "
                             "as \\u0001)" },
    { "{\"a\": \"x\ty\"}", "1:9: error: invalid JSON: a tab in a string (write it as \\t)" },
    { "{\"a\": \"two\nlines\"}", "1:11: error: invalid JSON: a line break in a string (write it as \\n)" },
    { "{\"a\": \"\\ud800\"}", "1:8: error: invalid JSON: lone surrogate \\ud800 in a string (a high surrogate, "
                              "\\ud800 to \\udbff, must be followed by a low one, \\udc00 to \\udfff)" },
    { "{\"a\": \"\\uD800\\u0041\"}", "1:8: error: invalid JSON: lone surrogate \\uD800 in a string (a high "
                                     "surrogate, \\ud800 to \\udbff, must be followed by a low one, \\udc00 to "
                                     "\\udfff)" },
    { "{\"a\": \"x\\udc00\"}", "1:9: error: invalid JSON: lone surrogate \\udc00 in a string (a low "
                               "surrogate, \\udc00 to \\udfff, must follow a high one, \\ud800 to \\udbff)" },
    { "{\"a\": \"\\u12\"}", "1:8: error: invalid JSON: \\u must be followed by four hex digits" },
    { "{\"a\": \"\\x41\"}", "1:8: error: invalid JSON: unknown escape: a backslash followed by 'x' (JSON knows "
                            "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)" },
    { "{\"a\": \"\\u0000\"}", "1:8: error: NUL character (\\u0000) in a string" },
    { "{\n  \"a\": \"no end\n}\n", "3:2: error: unexpected end of file (string started at 2:8 is not closed)" },
    /* what other languages write */
    { "{'a': 1}", "1:2: error: invalid JSON: unexpected single quote (expected a field name in double quotes, "
                  "or '}')" },
    { "{\"a\": True}", "1:7: error: invalid JSON: unexpected \"True\" (expected a value; JSON writes true, false "
                       "and null)" },
    { "{\"a\": NaN}", "1:7: error: invalid JSON: unexpected \"NaN\" (expected a value; JSON has no NaN or "
                      "Infinity)" },
    { "{\"a\": \xE2\x80\x9Cx\xE2\x80\x9D}", "1:7: error: invalid JSON: unexpected '\xE2\x80\x9C' (U+201C) "
                                            "(expected a value; JSON takes straight double quotes)" },
    { "{a: 1}", "1:2: error: invalid JSON: unexpected 'a' (expected a field name in double quotes, or '}')" },
    /* structure */
    { "{\"a\" 1}", "1:6: error: invalid JSON: unexpected '1' (expected ':' after the field name)" },
    { "{\"a\": 1 \"b\": 2}", "1:9: error: invalid JSON: unexpected '\"' (expected ',' or '}')" },
    { "{\"a\": [1}, \"b\": 2}", "1:9: error: invalid JSON: unexpected '}' (expected ',' or ']' to close the "
                                 "'[' opened at 1:7)" },
    /* the last byte of a file with brackets open: cut short, whatever it is */
    { "{\"a\": {\"b\": 1,}\n", "1:16: error: unexpected end of file ('{' opened at 1:1 is not closed)" },
    { "{\"a\": [1}", "1:10: error: unexpected end of file ('[' opened at 1:7 is not closed)" },
    { "{\"a\": tru", "1:10: error: unexpected end of file ('{' opened at 1:1 is not closed)" },
    { "{\"a\": [1,\n", "1:10: error: unexpected end of file ('[' opened at 1:7 is not closed)" },
    { "{\"a\": 1}}", "1:9: error: unexpected content after the JSON value" },
    { "[1]", "1:1: error: top level must be a JSON object, not an array" },
    { "  ", "1:1: error: empty file" },
};

static void test_cases(void **state)
{
    int failures = 0;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        diag d;
        diag_init(&d);
        cJSON *j = jsontext_parse("T", cases[i].text, strlen(cases[i].text), &d);
        char *want = cases[i].message ? xasprintf("T:%s", cases[i].message) : NULL;
        if (!want && (!j || d.n)) {
            print_error("case %zu: valid JSON refused: %s\n", i, d.n ? d.msgs[0] : "(no message)");
            failures++;
        } else if (want && (j || d.n != 1 || strcmp(d.msgs[0], want) != 0)) {
            print_error("case %zu\n  want: %s\n  got:  %s\n", i, want, d.n ? d.msgs[0] : "(no message)");
            failures++;
        }
        free(want);
        cJSON_Delete(j);
        diag_free(&d);
    }
    assert_int_equal(failures, 0);
}

/* A surrogate pair decodes to its one character. */
static void test_surrogate_pair_value(void **state)
{
    diag d;
    diag_init(&d);
    const char *text = "{\"a\": \"\\ud83d\\ude00\"}";
    cJSON *j = jsontext_parse("T", text, strlen(text), &d);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(j, "a")->valuestring, "\xF0\x9F\x98\x80");
    cJSON_Delete(j);
    diag_free(&d);
}

/* UTF-16 and UTF-32, with a byte order mark or without, are named; NUL
 * bytes elsewhere are binary data. */
static void test_wide_encodings(void **state)
{
    static const struct {
        const char *text;
        size_t len;
        const char *message;
    } wide[] = {
        { "\xFF\xFE{\0}\0", 6, "T:1:1: error: UTF-16 text: save it as UTF-8" },
        { "\xFE\xFF\0{\0}", 6, "T:1:1: error: UTF-16 text: save it as UTF-8" },
        { "{\0\n\0}\0", 6, "T:1:1: error: UTF-16 text: save it as UTF-8" },
        { "\0{\0}", 4, "T:1:1: error: UTF-16 text: save it as UTF-8" },
        { "\xFF\xFE\0\0{\0\0\0", 8, "T:1:1: error: UTF-32 text: save it as UTF-8" },
        { "\0\0\xFE\xFF\0\0\0{", 8, "T:1:1: error: UTF-32 text: save it as UTF-8" },
        { "{\0\0\0}\0\0\0", 8, "T:1:1: error: UTF-32 text: save it as UTF-8" },
        { "\x7F" "ELF\x02\x01\x01\0\0", 9, "T:1:8: error: binary data (NUL byte); expected JSON text" },
        { "{\"a\": 1}\0", 9, "T:1:9: error: binary data (NUL byte); expected JSON text" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(wide); i++) {
        diag d;
        diag_init(&d);
        cJSON *j = jsontext_parse("T", wide[i].text, wide[i].len, &d);
        assert_null(j);
        assert_int_equal(d.n, 1);
        if (strcmp(d.msgs[0], wide[i].message) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, d.msgs[0], wide[i].message);
        diag_free(&d);
    }
    assert_null(jsontext_wide_encoding("{}", 2));
    assert_null(jsontext_wide_encoding("\xEF\xBB\xBF{}", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_wide_encodings),
        cmocka_unit_test(test_surrogate_pair_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
