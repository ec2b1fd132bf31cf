#!/bin/bash
# A pack is untrusted: its bidirectional overrides and isolates (U+202A..
# U+202E, U+2066..U+2069) are drawn as escapes (\u202e) wherever the quiz
# draws its words, as show and list print them, never raw, where they would
# reorder the line (Trojan Source: the code read is not the code run). The
# list, the drill's title, prompt and code, a hint, the choices, the
# explanation on the result; and code saved with CRLF line ends draws
# without a '?' at the end of each line.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
B="$TUI_FIX/bidi.json"

# tui_raw_bidi : fails when the screen holds a raw override or isolate
tui_raw_bidi() {
    n=$(tui_screen | LC_ALL=C grep -c -P '\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]')
    [ "$n" -eq 0 ] || { echo "--- $n screen lines hold a raw bidi control:"; tui_screen | cat -v; return 1; }
}

test_expect_success 'the list: titles escaped' '
    tui_start -- --pack "$B" && tui_wait "Access \\u202elave\\u202c check" && tui_raw_bidi
'
test_expect_success 'the drill: title, prompt and code escaped' '
    tui_keys Enter && tui_wait "What does this print? \\u2066x\\u2069" &&
    tui_wait "if access != '"'"'admin\\u202e \\u2066# only admins\\u2069 \\u2066'"'"':" && tui_raw_bidi
'
test_expect_success 'a hint escaped' '
    tui_keys C-t && tui_wait "Read the string \\u202eslowly\\u202c." && tui_raw_bidi
'
test_expect_success 'the result: the explanation escaped' '
    tui_type "denied" && tui_keys C-s && tui_wait "PASS" &&
    tui_wait "The override \\u202ereorders\\u202c the line." && tui_raw_bidi
'
test_expect_success 'the choices escaped' '
    tui_keys n && tui_wait "Which line is shown as it runs?" && tui_wait "a) x = 1 \\u202e# comment" && tui_raw_bidi
'
test_expect_success 'code with CRLF line ends: no ? at the line ends' '
    tui_keys Escape && tui_keys G Enter && tui_wait "for i in range(2):" && tui_lacks "range(2):?" &&
    tui_lacks "print(i)?" && tui_keys Escape && tui_quit
'
test_done
