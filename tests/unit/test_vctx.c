/* test_vctx.c - the validation walk's helpers: quoting an author's text
 * in part (a message about a 600 KB value stays one readable line), blank
 * strings, and duplicated keys found in any object, fast. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsontext.h"
#include "vctx.h"

static void test_excerpt(void **state)
{
    char *s = vctx_excerpt("short");
    assert_string_equal(s, "short");
    free(s);

    /* "1" + "+1" * 300000: the first 200 characters, and how many more */
    size_t n = 1 + 2 * 300000;
    char *big = xmalloc(n + 1);
    big[0] = '1';
    for (size_t i = 1; i < n; i += 2)
        memcpy(big + i, "+1", 2);
    big[n] = '\0';
    s = vctx_excerpt(big);
    assert_true(strlen(s) < VCTX_EXCERPT + 40);
    assert_memory_equal(s, big, VCTX_EXCERPT);
    assert_string_equal(s + VCTX_EXCERPT, "... (599801 more characters)");
    free(s);
    free(big);

    /* characters, not bytes: a multi-byte character is never cut */
    sbuf sb;
    sbuf_init(&sb);
    for (int i = 0; i < VCTX_EXCERPT + 1; i++)
        sbuf_addstr(&sb, "\xC3\xA9");
    s = vctx_excerpt(sb.buf);
    assert_int_equal(strncmp(s + 2 * VCTX_EXCERPT, "... (1 more character)", 23), 0);
    free(s);
    sbuf_release(&sb);
}

static void test_blank(void **state)
{
    assert_true(vctx_blank(""));
    assert_true(vctx_blank(" \t\n\r\f\v"));
    assert_false(vctx_blank("  x "));
}

static void test_unique_keys(void **state)
{
    diag d;
    diag_init(&d);
    const char *text = "{\"a\": 1, \"b\": 2, \"a\": 3, \"$c\": 4, \"b\": 5, \"a\": 6}";
    cJSON *j = jsontext_parse("T", text, strlen(text), &d);
    assert_non_null(j);
    vctx v;
    vctx_init(&v, "T", &d);
    assert_int_equal(vunique_keys(&v, j), 3);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.msgs[0], "T: /a: error: duplicate field \"a\"");
    assert_string_equal(d.msgs[1], "T: /b: error: duplicate field \"b\"");
    assert_string_equal(d.msgs[2], "T: /a: error: duplicate field \"a\"");
    vctx_release(&v);
    cJSON_Delete(j);

    /* 100,000 keys, half of them repeated after all the others: sorted, not
     * compared in pairs (which would take minutes) */
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addch(&sb, '{');
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 50000; i++)
            sbuf_addf(&sb, "%s\"k%d\": 0", r || i ? ", " : "", i);
    sbuf_addch(&sb, '}');
    j = jsontext_parse("T", sb.buf, sb.len, &d);
    assert_non_null(j);
    vctx_init(&v, "T", &d);
    assert_int_equal(vunique_keys(&v, j), 50000);
    vctx_release(&v);
    cJSON_Delete(j);
    sbuf_release(&sb);
    diag_free(&d);
}

/* Unknown fields: an error, with the field they look like when one is
 * absent, the known ones listed when they are few; '$' keys are notes. */
static void test_fields(void **state)
{
    static const char *const known[] = { "name", "expr", "hidden", NULL };
    diag d;
    diag_init(&d);
    const char *text = "{\"name\": \"n\", \"hiden\": true, \"weight\": 1, \"$comment\": \"x\", \"name\": \"m\"}";
    cJSON *j = jsontext_parse("T", text, strlen(text), &d);
    vctx v;
    vctx_init(&v, "T", &d);
    vfields(&v, j, known);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.msgs[0], "T: /name: error: duplicate field \"name\"");
    assert_string_equal(d.msgs[1], "T: /hiden: error: unknown field \"hiden\" (did you mean \"hidden\"?)");
    assert_string_equal(d.msgs[2], "T: /weight: error: unknown field \"weight\" (known: name, expr, hidden)");
    vctx_release(&v);
    cJSON_Delete(j);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_blank),
        cmocka_unit_test(test_unique_keys),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
