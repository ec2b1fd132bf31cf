/* test_tui_doc.c - the styled-line documents the quiz screens draw. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui.h"

static int setup(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_wrap_at_spaces(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    doc_wrap(&d, R_NORMAL, 2, 22, "the quick brown fox jumps over the lazy dog");
    assert_int_equal(d.n, 3);
    assert_string_equal(d.lines[0].text, "the quick brown fox");
    assert_string_equal(d.lines[1].text, "jumps over the lazy");
    assert_string_equal(d.lines[2].text, "dog");
    assert_int_equal(d.lines[0].indent, 2);
    doc_free(&d);
}

static void test_soft_and_hard_breaks(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    doc_wrap(&d, R_NORMAL, 0, 80, "one\ntwo\n\nthree\n- item\n    code");
    assert_int_equal(d.n, 5);
    assert_string_equal(d.lines[0].text, "one two");
    assert_string_equal(d.lines[1].text, "");
    assert_string_equal(d.lines[2].text, "three");
    assert_string_equal(d.lines[3].text, "- item");
    assert_string_equal(d.lines[4].text, "    code");
    doc_free(&d);
}

static void test_wide_characters_and_long_words(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    /* 12 CJK characters are 24 cells: two lines of 10 cells and one of 4 */
    doc_wrap(&d, R_NORMAL, 0, 10, "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
                                  "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97");
    assert_int_equal(d.n, 3);
    assert_int_equal(crt_width(d.lines[0].text, d.lines[0].len), 10);
    assert_int_equal(crt_width(d.lines[2].text, d.lines[2].len), 4);
    doc_free(&d);
}

static void test_trimmed_and_code(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    doc_trimmed(&d, R_NORMAL, 0, 80, "a\nb\nc\nd\ne", 3);
    assert_int_equal(d.n, 4);
    assert_non_null(strstr(d.lines[3].text, "(2 more lines)"));
    doc_clear(&d);
    unsigned char cls[] = { 1, 1, 1, 0, 0, 0 };
    doc_code(&d, R_NORMAL, 0, "def\nx\n", cls);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.lines[0].cls[0], 1);
    assert_int_equal(d.lines[1].cls[0], 0);
    doc_free(&d);
}

/* Output lines wrap rather than run off the edge: nothing is lost, the
 * rows after the first are marked, a runaway line is cut with a count. */
static void test_wrap_verbatim(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    char line[61];
    memset(line, 'x', 60);
    line[60] = '\0';
    /* 24 cells from indent 2: "- " and 22 cells, then rows of "  ", a mark,
     * a blank and 20 cells */
    doc_wrap_verbatim(&d, R_NORMAL, 2, 26, "- ", line, 60, 12);
    assert_int_equal(d.n, 3);
    assert_int_equal(strlen(d.lines[0].text), 2 + 22);
    assert_memory_equal(d.lines[0].text, "- xxx", 5);
    size_t total = 22;
    for (size_t i = 1; i < d.n; i++) {
        const char *mark = crt_glyph(G_CONT);
        assert_memory_equal(d.lines[i].text, "  ", 2);
        assert_memory_equal(d.lines[i].text + 2, mark, strlen(mark));
        total += strlen(d.lines[i].text) - 2 - strlen(mark) - 1;
        assert_true(crt_width(d.lines[i].text, d.lines[i].len) <= 24);
    }
    assert_int_equal(total, 60);
    doc_clear(&d);
    /* an empty line is one row; a cut one says how much is left */
    doc_wrap_verbatim(&d, R_NORMAL, 0, 80, "", "", 0, 12);
    assert_int_equal(d.n, 1);
    doc_clear(&d);
    doc_wrap_verbatim(&d, R_NORMAL, 0, 26, "", line, 60, 1);
    assert_int_equal(d.n, 2);
    assert_non_null(strstr(d.lines[1].text, "(34 more bytes of this line)"));
    doc_clear(&d);
    /* doc_trimmed wraps its lines too */
    doc_trimmed(&d, R_NORMAL, 0, 26, line, 12);
    assert_true(d.n > 1);
    doc_free(&d);
}

/* A hanging wrap: rows after the first start hang cells further in. */
static void test_wrap_hang(void **state)
{
    (void)state;
    tui_doc d;
    doc_init(&d);
    doc_wrap_hang(&d, R_NORMAL, 1, 7, 30, "[ ] d) one two three four five six seven eight");
    assert_true(d.n >= 2);
    assert_int_equal(d.lines[0].indent, 1);
    for (size_t i = 1; i < d.n; i++) {
        assert_int_equal(d.lines[i].indent, 8);
        assert_true(d.lines[i].text[0] != ' ');
        assert_true(8 + crt_width(d.lines[i].text, d.lines[i].len) <= 30);
    }
    doc_clear(&d);
    /* a line break in an option starts a row under its text */
    doc_wrap_hang(&d, R_NORMAL, 1, 7, 80, "[ ] a) x = 1\ny = 2");
    assert_int_equal(d.n, 2);
    assert_string_equal(d.lines[1].text, "y = 2");
    assert_int_equal(d.lines[1].indent, 8);
    doc_free(&d);
}

static int key(const char *s)
{
    return crt_decode_seq(s, strlen(s));
}

/* Tabs measure to the next multiple of four from where the text starts;
 * a wrapped row counts them the same way. */
static void test_tab_widths(void **state)
{
    (void)state;
    assert_int_equal(crt_width("\t", 1), 4);
    assert_int_equal(crt_width("a\tb", 3), 5);
    assert_int_equal(crt_width_from("\t", 1, 2), 2);
    assert_int_equal(crt_width_from("\t", 1, 4), 4);
    assert_int_equal(crt_width_from("ab\tc", 4, 1), 4); /* to column 5 */
    assert_int_equal(crt_width("\xC3\xA9", 2), 1); /* one é, one cell */
    assert_int_equal(crt_width("\xFF", 1), 1);     /* no character: one ? */
    size_t show, take = doc_wrap_take("ab\tcd efgh", 11, 6, &show);
    /* "ab" + tab (to 4) + "cd" is six cells: the row ends after it (a
     * tab counted as one cell would have taken " efgh" too) */
    assert_int_equal(take, 5);
    assert_int_equal(show, 5);
}

static void test_utf8_encode(void **state)
{
    (void)state;
    char b[4];
    assert_int_equal(util_utf8_encode('x', b), 1);
    assert_int_equal(util_utf8_encode(0xE9, b), 2);
    assert_memory_equal(b, "\xC3\xA9", 2);
    assert_int_equal(util_utf8_encode(0x6F22, b), 3);
    assert_memory_equal(b, "\xE6\xBC\xA2", 3);
    assert_int_equal(util_utf8_encode(0x1F600, b), 4);
    assert_memory_equal(b, "\xF0\x9F\x98\x80", 4);
    /* a surrogate or past U+10FFFF is no character: U+FFFD */
    assert_int_equal(util_utf8_encode(0xD800, b), 3);
    assert_memory_equal(b, "\xEF\xBF\xBD", 3);
    assert_int_equal(util_utf8_encode(0x110000, b), 3);
}

static void test_key_sequences(void **state)
{
    (void)state;
    /* what tmux sends with TERM=xterm-256color, and the xterm/rxvt forms */
    assert_int_equal(key("[1~"), TK(KEY_HOME));
    assert_int_equal(key("[7~"), TK(KEY_HOME));
    assert_int_equal(key("[H"), TK(KEY_HOME));
    assert_int_equal(key("OH"), TK(KEY_HOME));
    assert_int_equal(key("[4~"), TK(KEY_END));
    assert_int_equal(key("[8~"), TK(KEY_END));
    assert_int_equal(key("[F"), TK(KEY_END));
    assert_int_equal(key("OF"), TK(KEY_END));
    assert_int_equal(key("[5~"), TK(KEY_PPAGE));
    assert_int_equal(key("[6~"), TK(KEY_NPAGE));
    assert_int_equal(key("[3~"), TK(KEY_DC));
    assert_int_equal(key("[A"), TK(KEY_UP));
    assert_int_equal(key("OB"), TK(KEY_DOWN));
    assert_int_equal(key("[C"), TK(KEY_RIGHT));
    assert_int_equal(key("OD"), TK(KEY_LEFT));
    /* with modifiers: the key itself */
    assert_int_equal(key("[1;5A"), TK(KEY_UP));
    assert_int_equal(key("[1;2H"), TK(KEY_HOME));
    assert_int_equal(key("[5;5~"), TK(KEY_PPAGE));
    assert_int_equal(key("[3;3~"), TK(KEY_DC));
    assert_int_equal(key("O5C"), TK(KEY_RIGHT));
    assert_int_equal(key("OP"), TK(KEY_F(1)));
    assert_int_equal(key("[11~"), TK(KEY_F(1)));
    assert_int_equal(key("OM"), '\n');
    assert_int_equal(key("[200~"), TK_PASTE);
    /* anything else is swallowed, never Esc plus letters */
    assert_int_equal(key("[99~"), 0);
    assert_int_equal(key("[2~"), 0);
    assert_int_equal(key("[Z"), 0);
    assert_int_equal(key("[?1;2c"), 0);
    assert_int_equal(key("[<0;10;5M"), 0);
    assert_int_equal(key("[2;5A"), 0);
    assert_int_equal(key("Ox"), 0);
    assert_int_equal(key("i"), 0);
    assert_int_equal(key("["), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_at_spaces),
        cmocka_unit_test(test_key_sequences),
        cmocka_unit_test(test_soft_and_hard_breaks),
        cmocka_unit_test(test_wide_characters_and_long_words),
        cmocka_unit_test(test_trimmed_and_code),
        cmocka_unit_test(test_wrap_verbatim),
        cmocka_unit_test(test_wrap_hang),
        cmocka_unit_test(test_tab_widths),
        cmocka_unit_test(test_utf8_encode),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
