/* test_edbuf.c - the answer editor's buffer: editing, indentation, UTF-8
 * cursor movement and undo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "edbuf.h"

#define E_ACUTE "\xC3\xA9"    /* é: 2 bytes, 1 cell */
#define KAN "\xE6\xBC\xA2"    /* 漢: 3 bytes, 2 cells */

static void assert_text(const edbuf *b, const char *want)
{
    char *t = edbuf_text(b);
    assert_string_equal(t, want);
    free(t);
}

static void assert_cursor(const edbuf *b, size_t row, size_t col)
{
    size_t r, c;
    edbuf_cursor(b, &r, &c);
    assert_int_equal(r, row);
    assert_int_equal(c, col);
}

static void type(edbuf *b, const char *s)
{
    /* one character at a time, as the keyboard delivers them */
    while (*s) {
        char ch[5] = { 0 };
        size_t k = ((unsigned char)*s < 0x80) ? 1 : ((unsigned char)*s < 0xE0) ? 2 : ((unsigned char)*s < 0xF0) ? 3 : 4;
        memcpy(ch, s, k);
        edbuf_insert(b, ch);
        s += k;
    }
}

static void test_new_and_lines(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("def f():\n    return 1\n");
    assert_int_equal(edbuf_lines(b), 3);
    size_t len;
    const char *l = edbuf_line(b, 1, &len);
    assert_int_equal(len, 12);
    assert_memory_equal(l, "    return 1", 12);
    assert_cursor(b, 0, 0);
    assert_text(b, "def f():\n    return 1\n");
    edbuf_free(b);

    b = edbuf_new(NULL);
    assert_int_equal(edbuf_lines(b), 1);
    assert_text(b, "");
    assert_int_equal(edbuf_undo(b), 0);
    edbuf_free(b);
}

static void test_crlf_and_invalid_utf8_cleaned(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("a\r\nb\rc\x01\xFF");
    assert_text(b, "a\nb\nc\xEF\xBF\xBD");
    edbuf_free(b);
}

static void test_insert_char_and_paste(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("ac");
    edbuf_move(b, 0, 1);
    edbuf_insert(b, "b");
    assert_text(b, "abc");
    assert_cursor(b, 0, 2);
    edbuf_insert(b, "X\nY\nZ");
    assert_text(b, "abX\nY\nZc");
    assert_cursor(b, 2, 1);
    edbuf_free(b);
}

static void test_newline_keeps_indent(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("    x = 1");
    edbuf_end(b);
    edbuf_newline(b);
    assert_text(b, "    x = 1\n    ");
    assert_cursor(b, 1, 4);
    edbuf_free(b);
}

static void test_newline_after_colon_indents(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("def f(x):");
    edbuf_end(b);
    edbuf_newline(b);
    assert_text(b, "def f(x):\n    ");
    type(b, "if x:  # the check");
    edbuf_newline(b);
    assert_text(b, "def f(x):\n    if x:  # the check\n        ");
    assert_cursor(b, 2, 8);
    edbuf_free(b);
}

static void test_newline_colon_in_string_or_comment_does_not_indent(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("x = 'a:'");
    edbuf_end(b);
    edbuf_newline(b);
    assert_text(b, "x = 'a:'\n");
    edbuf_free(b);

    b = edbuf_new("y = 1  # note:");
    edbuf_end(b);
    edbuf_newline(b);
    assert_text(b, "y = 1  # note:\n");
    edbuf_free(b);

    b = edbuf_new("d = {'#': 1}[k:");
    edbuf_end(b);
    edbuf_newline(b);
    assert_text(b, "d = {'#': 1}[k:\n    ");
    edbuf_free(b);
}

static void test_newline_splits_line(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("    if a: b");
    edbuf_move(b, 0, 9);
    edbuf_newline(b);
    assert_text(b, "    if a:\n         b");
    assert_cursor(b, 1, 8);
    edbuf_free(b);
}

static void test_tab_to_multiple_of_four(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("");
    edbuf_tab(b);
    assert_text(b, "    ");
    type(b, "ab");
    edbuf_tab(b);
    assert_text(b, "    ab  ");
    assert_cursor(b, 0, 8);
    edbuf_free(b);

    /* cells, not bytes: 漢 is two cells wide */
    b = edbuf_new(KAN);
    edbuf_end(b);
    edbuf_tab(b);
    assert_text(b, KAN "  ");
    edbuf_free(b);
}

static void test_backspace_dedents(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("      x");
    edbuf_move(b, 0, 6);
    edbuf_backspace(b);
    assert_text(b, "    x");
    assert_cursor(b, 0, 4);
    edbuf_backspace(b);
    assert_text(b, "x");
    assert_cursor(b, 0, 0);
    edbuf_free(b);
}

static void test_backspace_one_char_outside_indent(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("    ab  ");
    edbuf_end(b);
    edbuf_backspace(b);
    assert_text(b, "    ab ");
    edbuf_backspace(b);
    edbuf_backspace(b);
    assert_text(b, "    a");
    edbuf_free(b);
}

static void test_backspace_utf8(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("x" E_ACUTE KAN);
    edbuf_end(b);
    assert_cursor(b, 0, 6);
    edbuf_backspace(b);
    assert_text(b, "x" E_ACUTE);
    assert_cursor(b, 0, 3);
    edbuf_backspace(b);
    assert_text(b, "x");
    assert_cursor(b, 0, 1);
    edbuf_free(b);
}

static void test_backspace_joins_lines(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("ab\ncd");
    edbuf_move(b, 1, 0);
    assert_cursor(b, 1, 0);
    edbuf_backspace(b);
    assert_text(b, "abcd");
    assert_cursor(b, 0, 2);
    edbuf_move(b, 0, -2);
    edbuf_backspace(b); /* at (0,0): nothing */
    assert_text(b, "abcd");
    edbuf_free(b);
}

static void test_delete(void **state)
{
    (void)state;
    edbuf *b = edbuf_new(E_ACUTE "a\nb");
    edbuf_delete(b);
    assert_text(b, "a\nb");
    edbuf_end(b);
    edbuf_delete(b);
    assert_text(b, "ab");
    assert_cursor(b, 0, 1);
    edbuf_end(b);
    edbuf_delete(b); /* at the very end: nothing */
    assert_text(b, "ab");
    edbuf_free(b);
}

static void test_move_utf8(void **state)
{
    (void)state;
    edbuf *b = edbuf_new(E_ACUTE KAN "z");
    edbuf_move(b, 0, 1);
    assert_cursor(b, 0, 2);
    assert_int_equal(edbuf_cursor_column(b), 1);
    edbuf_move(b, 0, 1);
    assert_cursor(b, 0, 5);
    assert_int_equal(edbuf_cursor_column(b), 3);
    edbuf_move(b, 0, 1);
    assert_cursor(b, 0, 6);
    edbuf_move(b, 0, 5); /* clamped: one line only */
    assert_cursor(b, 0, 6);
    edbuf_move(b, 0, -1);
    edbuf_move(b, 0, -1);
    assert_cursor(b, 0, 2);
    edbuf_move(b, 0, -10);
    assert_cursor(b, 0, 0);
    edbuf_free(b);
}

static void test_move_wraps_between_lines(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("ab\ncd");
    edbuf_end(b);
    edbuf_move(b, 0, 1);
    assert_cursor(b, 1, 0);
    edbuf_move(b, 0, -1);
    assert_cursor(b, 0, 2);
    edbuf_free(b);
}

static void test_up_down_keep_preferred_column(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("abcdefgh\nab\n" KAN KAN KAN "x\nabcdefgh");
    edbuf_move(b, 0, 6);
    edbuf_move(b, 1, 0);
    assert_cursor(b, 1, 2); /* short line: end */
    edbuf_move(b, 1, 0);
    /* cell 6 of "漢漢漢x" is 'x' at byte 9 */
    assert_cursor(b, 2, 9);
    assert_int_equal(edbuf_cursor_column(b), 6);
    edbuf_move(b, 1, 0);
    assert_cursor(b, 3, 6);
    edbuf_move(b, 5, 0); /* clamped */
    assert_cursor(b, 3, 6);
    edbuf_move(b, -10, 0);
    assert_cursor(b, 0, 6);
    edbuf_free(b);
}

static void test_down_never_splits_wide_char(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("abc\n" KAN KAN);
    edbuf_move(b, 0, 3); /* cell 3 is the right half of the second 漢 */
    edbuf_move(b, 1, 0);
    assert_cursor(b, 1, 3);
    edbuf_free(b);
}

static void test_home_toggles(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("    return x");
    edbuf_end(b);
    edbuf_home(b);
    assert_cursor(b, 0, 4);
    edbuf_home(b);
    assert_cursor(b, 0, 0);
    edbuf_home(b);
    assert_cursor(b, 0, 4);
    edbuf_end(b);
    assert_cursor(b, 0, 12);
    edbuf_free(b);
}

static void test_undo_groups_typing_by_word(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("");
    type(b, "hello world");
    assert_text(b, "hello world");
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "hello ");
    assert_cursor(b, 0, 6);
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "");
    assert_cursor(b, 0, 0);
    assert_int_equal(edbuf_undo(b), 0);
    edbuf_free(b);
}

static void test_undo_move_breaks_group(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("");
    type(b, "ab");
    edbuf_move(b, 0, -1);
    type(b, "X");
    assert_text(b, "aXb");
    edbuf_undo(b);
    assert_text(b, "ab");
    assert_cursor(b, 0, 1);
    edbuf_undo(b);
    assert_text(b, "");
    edbuf_free(b);
}

static void test_undo_each_edit_kind(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("if x:");
    edbuf_end(b);
    edbuf_newline(b);              /* 1 */
    type(b, "y");                  /* 2 */
    edbuf_insert(b, "\nz = 1");    /* 3: a paste */
    edbuf_tab(b);                  /* 4 */
    edbuf_backspace(b);            /* 5 */
    edbuf_home(b);
    edbuf_delete(b);               /* 6 */
    edbuf_set_text(b, "other");    /* 7 */
    assert_text(b, "other");
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    y\n = 1  ");
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    y\nz = 1  ");
    assert_cursor(b, 2, 0);
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    y\nz = 1   ");
    assert_cursor(b, 2, 8);
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    y\nz = 1");
    assert_cursor(b, 2, 5);
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    y");
    assert_cursor(b, 1, 5);
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:\n    ");
    assert_int_equal(edbuf_undo(b), 1);
    assert_text(b, "if x:");
    assert_cursor(b, 0, 5);
    assert_int_equal(edbuf_undo(b), 0);
    edbuf_free(b);
}

static void test_undo_utf8_typing(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("");
    type(b, "caf" E_ACUTE " " KAN);
    assert_text(b, "caf" E_ACUTE " " KAN);
    assert_int_equal(edbuf_cursor_column(b), 7);
    edbuf_undo(b);
    assert_text(b, "caf" E_ACUTE " ");
    assert_cursor(b, 0, 6);
    edbuf_backspace(b);
    edbuf_backspace(b);
    assert_text(b, "caf");
    edbuf_undo(b);
    assert_text(b, "caf" E_ACUTE);
    assert_cursor(b, 0, 5);
    edbuf_free(b);
}

static void test_set_text_clamps_cursor(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("one\ntwo\nthree");
    edbuf_move(b, 2, 0);
    edbuf_end(b);
    edbuf_set_text(b, KAN "x");
    size_t r, c;
    edbuf_cursor(b, &r, &c);
    assert_int_equal(r, 0);
    assert_true(c <= 4);
    assert_true(c == 0 || c == 3 || c == 4);
    edbuf_free(b);
}

static void test_cells(void **state)
{
    (void)state;
    assert_int_equal(edbuf_cells("abc", 3), 3);
    assert_int_equal(edbuf_cells(E_ACUTE, 2), 1);
    assert_int_equal(edbuf_cells(KAN KAN, 6), 4);
    assert_int_equal(edbuf_cells("e\xCC\x81", 3), 1); /* e + combining acute */
    /* a bidi override is drawn as its escape, \u202e: six cells */
    assert_int_equal(edbuf_cells("a\xE2\x80\xAE" "b", 5), 8);
}

/* A tab is as wide as the quiz draws it: to the next multiple of four. */
static void test_tab_cells(void **state)
{
    (void)state;
    assert_int_equal(edbuf_cells("\t", 1), 4);
    assert_int_equal(edbuf_cells("a\tb", 3), 5);
    assert_int_equal(edbuf_cells("abc\t", 4), 4);
    assert_int_equal(edbuf_cells("abcd\t", 5), 8);
    assert_int_equal(edbuf_cells(KAN "\tx", 5), 5);
    /* Up/Down keep the column drawn across a line with a tab */
    edbuf *b = edbuf_new("\tpass\n    return lst");
    edbuf_move(b, 0, 1);
    assert_int_equal(edbuf_cursor_column(b), 4);
    edbuf_move(b, 1, 0);
    size_t row, col;
    edbuf_cursor(b, &row, &col);
    assert_int_equal(row, 1);
    assert_int_equal(col, 4);
    edbuf_move(b, -1, 0);
    edbuf_cursor(b, &row, &col);
    assert_int_equal(col, 1);
    /* Tab after a tab reaches the next stop */
    edbuf_end(b);
    edbuf_tab(b);
    assert_int_equal(edbuf_cursor_column(b), 12);
    edbuf_free(b);
}

static void test_kill_to_end_and_start(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("hello world\nnext");
    edbuf_move(b, 0, 5);
    edbuf_kill_to_end(b);
    assert_text(b, "hello\nnext");
    assert_cursor(b, 0, 5);
    edbuf_kill_to_end(b); /* at the end: joins the next line */
    assert_text(b, "hellonext");
    edbuf_kill_to_start(b);
    assert_text(b, "next");
    assert_cursor(b, 0, 0);
    edbuf_kill_to_start(b); /* nothing before the cursor: no undo step */
    assert_true(edbuf_undo(b));
    assert_text(b, "hellonext");
    assert_true(edbuf_undo(b));
    assert_text(b, "hello\nnext");
    assert_true(edbuf_undo(b));
    assert_text(b, "hello world\nnext");
    assert_false(edbuf_undo(b));
    edbuf_free(b);
}

static void test_kill_word(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("one two  three\nfour");
    edbuf_end(b);
    edbuf_kill_word(b);
    assert_text(b, "one two  \nfour");
    edbuf_kill_word(b); /* blanks, then the word */
    assert_text(b, "one \nfour");
    edbuf_move(b, 1, 0);
    edbuf_line_start(b);
    edbuf_kill_word(b); /* at column 0: joins the line above */
    assert_text(b, "one four");
    assert_cursor(b, 0, 4);
    edbuf_free(b);
}

static void test_line_start_and_set_cursor(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("    indented\nx");
    edbuf_end(b);
    edbuf_line_start(b);
    assert_cursor(b, 0, 0);
    edbuf_set_cursor(b, 9, 99);
    assert_cursor(b, 1, 1);
    edbuf_free(b);
    b = edbuf_new(KAN "x");
    edbuf_set_cursor(b, 0, 1); /* inside a character: back to its start */
    assert_cursor(b, 0, 0);
    edbuf_free(b);
}

static void test_redo(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("");
    type(b, "one two");
    unsigned long v = edbuf_version(b);
    assert_true(edbuf_undo(b));
    assert_text(b, "one ");
    assert_true(edbuf_version(b) != v);
    assert_true(edbuf_undo(b));
    assert_text(b, "");
    assert_true(edbuf_redo(b));
    assert_text(b, "one ");
    assert_true(edbuf_redo(b));
    assert_text(b, "one two");
    assert_cursor(b, 0, 7);
    assert_false(edbuf_redo(b));
    /* undo, then a new edit: nothing left to redo */
    assert_true(edbuf_undo(b));
    type(b, "x");
    assert_text(b, "one x");
    assert_false(edbuf_redo(b));
    edbuf_kill_to_start(b);
    assert_true(edbuf_undo(b));
    assert_true(edbuf_redo(b));
    assert_text(b, "");
    edbuf_free(b);
}

static void test_version_moves_do_not_count(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("abc");
    unsigned long v = edbuf_version(b);
    edbuf_move(b, 0, 2);
    edbuf_home(b);
    edbuf_end(b);
    assert_true(edbuf_version(b) == v);
    type(b, "d");
    assert_true(edbuf_version(b) != v);
    v = edbuf_version(b);
    type(b, "e"); /* joins the typing run: still a change */
    assert_true(edbuf_version(b) != v);
    edbuf_free(b);
}

/* A base and its combining marks are one character as drawn: the cursor
 * never stops between them, Backspace and Delete take them together, and
 * text typed after one does not take its accent (learner7 G7). */
#define COMBINING_ACUTE "\xCC\x81" /* U+0301 */
#define ZWJ "\xE2\x80\x8D"         /* U+200D, zero cells in the width table */
static void test_combining_marks_move_and_delete_with_their_base(void **state)
{
    (void)state;
    edbuf *b = edbuf_new("cafe" COMBINING_ACUTE " ok");
    edbuf_set_cursor(b, 0, 0);
    edbuf_move(b, 0, 3);
    assert_cursor(b, 0, 3);
    edbuf_move(b, 0, 1); /* over e and its accent */
    assert_cursor(b, 0, 6);
    edbuf_move(b, 0, -1);
    assert_cursor(b, 0, 3);
    edbuf_insert(b, "Q");
    assert_text(b, "cafQe" COMBINING_ACUTE " ok");
    edbuf_move(b, 0, 1);
    edbuf_backspace(b);
    assert_text(b, "cafQ ok");
    assert_cursor(b, 0, 4);
    edbuf_free(b);

    b = edbuf_new("e" COMBINING_ACUTE COMBINING_ACUTE "x");
    edbuf_set_cursor(b, 0, 0);
    edbuf_delete(b);
    assert_text(b, "x");
    edbuf_free(b);

    /* set_cursor (a click, up/down in a wrapped box) lands on the base */
    b = edbuf_new("e" COMBINING_ACUTE "x");
    edbuf_set_cursor(b, 0, 1);
    assert_cursor(b, 0, 0);
    edbuf_free(b);

    /* a zero-width joiner goes with what it follows, as it takes no cell */
    b = edbuf_new("a" ZWJ "b");
    edbuf_set_cursor(b, 0, 0);
    edbuf_move(b, 0, 1);
    assert_cursor(b, 0, 4);
    edbuf_free(b);

    /* a mark at the start of a line, with no base, is a character of its own */
    b = edbuf_new(COMBINING_ACUTE "x");
    edbuf_set_cursor(b, 0, 0);
    edbuf_move(b, 0, 1);
    assert_cursor(b, 0, 2);
    edbuf_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_and_lines),
        cmocka_unit_test(test_crlf_and_invalid_utf8_cleaned),
        cmocka_unit_test(test_insert_char_and_paste),
        cmocka_unit_test(test_newline_keeps_indent),
        cmocka_unit_test(test_newline_after_colon_indents),
        cmocka_unit_test(test_newline_colon_in_string_or_comment_does_not_indent),
        cmocka_unit_test(test_newline_splits_line),
        cmocka_unit_test(test_tab_to_multiple_of_four),
        cmocka_unit_test(test_backspace_dedents),
        cmocka_unit_test(test_backspace_one_char_outside_indent),
        cmocka_unit_test(test_backspace_utf8),
        cmocka_unit_test(test_backspace_joins_lines),
        cmocka_unit_test(test_delete),
        cmocka_unit_test(test_move_utf8),
        cmocka_unit_test(test_move_wraps_between_lines),
        cmocka_unit_test(test_up_down_keep_preferred_column),
        cmocka_unit_test(test_down_never_splits_wide_char),
        cmocka_unit_test(test_home_toggles),
        cmocka_unit_test(test_undo_groups_typing_by_word),
        cmocka_unit_test(test_undo_move_breaks_group),
        cmocka_unit_test(test_undo_each_edit_kind),
        cmocka_unit_test(test_undo_utf8_typing),
        cmocka_unit_test(test_set_text_clamps_cursor),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_tab_cells),
        cmocka_unit_test(test_kill_to_end_and_start),
        cmocka_unit_test(test_kill_word),
        cmocka_unit_test(test_line_start_and_set_cursor),
        cmocka_unit_test(test_redo),
        cmocka_unit_test(test_version_moves_do_not_count),
        cmocka_unit_test(test_combining_marks_move_and_delete_with_their_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
