/* test_textdiff.c - the note `check` adds when an expected text and what
 * the interpreter gave differ by what does not show: a table of (a, b,
 * note) cases, NULL where the difference shows by itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "textdiff.h"

static const struct {
    const char *a, *b, *note;
} cases[] = {
    /* NFD against NFC: the stretch is the whole of each spelling */
    { "cafe\xCC\x81", "caf\xC3\xA9", "differs at column 4: U+0065 U+0301 vs U+00E9" },
    { "caf\xC3\xA9!", "cafe\xCC\x81!", "differs at column 4: U+00E9 vs U+0065 U+0301" },
    /* a zero-width space, a no-break space, a Cyrillic a */
    { "a\xE2\x80\x8B" "b", "ab", "differs at column 2: U+200B vs nothing" },
    { "1\xC2\xA0" "000", "1 000", "differs at column 2: U+00A0 vs U+0020" },
    { "\xD0\xB0pple", "apple", "differs at column 1: U+0430 vs U+0061" },
    /* a difference in a shared lead byte starts at the character */
    { "x\xC3\xA9y", "x\xC3\xA8y", "differs at column 2: U+00E9 vs U+00E8" },
    /* columns count characters, not bytes */
    { "\xC3\xA9\xC3\xA9 a", "\xC3\xA9\xC3\xA9  a", "differs at column 4: nothing vs U+0020" },
    /* a trailing tab, and a long stretch cut */
    { "end\t", "end", "differs at column 4: U+0009 vs nothing" },
    { "\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B", "",
      "differs at column 1: U+200B U+200B U+200B U+200B U+200B U+200B U+200B U+200B ... vs nothing" },
    /* an invalid byte is a character of its own */
    { "a\xFF", "a", "differs at column 2: U+00FF vs nothing" },
    /* what shows needs no note; equal texts have none */
    { "[3, 1, 2]", "[1, 2, 3]", NULL },
    { "abc", "abd", NULL },
    { "caf\xC3\xA9", "caf\xC3\xA9", NULL },
    { "", "", NULL },
};

static void test_notes(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = textdiff_hidden(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b));
        if (!cases[i].note != !got || (got && strcmp(got, cases[i].note) != 0))
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, got ? got : "(null)",
                     cases[i].note ? cases[i].note : "(null)");
        free(got);
    }
}

/* The lengths given are what counts: no NUL is read past them. */
static void test_lengths(void **state)
{
    char *got = textdiff_hidden("ab\xC2\xA0zz", 4, "ab zz", 3);
    assert_string_equal(got, "differs at column 3: U+00A0 vs U+0020");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
