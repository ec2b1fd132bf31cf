#!/bin/bash
# The result screen's predict diff compares as grading does (SPEC 3.2): a
# leading blank line or blanks at a line's end do not shift or mark lines
# graded right, and a note says what was set aside. Long lines of the
# diff, of Output and of Errors wrap (the rows they go on to marked ↪)
# instead of running off the right edge.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
L5="$TUI_FIX/learner5.json"

test_expect_success 'a leading blank line shifts nothing: only the wrong line is marked' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_keys Enter && tui_type "[1]" && tui_keys Enter &&
    tui_type "[1, 3]" && tui_keys C-s && tui_wait "FAIL" && tui_wait "What it prints (- real output, + your answer)" &&
    tui_wait "     [1]" && tui_wait "- [1, 2]" && tui_wait "+ [1, 3]" && tui_lacks "- [1]" && tui_lacks "+ [1]" &&
    tui_wait "compared as graded: blank lines before and after"
'

test_expect_success 'blanks at the end of a line graded right are no difference' '
    tui_keys r && tui_wait "Your answer: what it prints" && tui_keys C-u BSpace C-u BSpace C-u &&
    tui_type "[1]   " && tui_keys Enter && tui_type "[1, 3]" && tui_keys C-s && tui_wait "FAIL" &&
    tui_wait "     [1]" && tui_lacks "- [1]" && tui_lacks "+ [1]" && tui_wait "- [1, 2]" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'a long line of the real output wraps: its end is on the screen' '
    tui_start -- --pack "$L5" --topic closures && tui_wait "Late binding, printed" && tui_keys j Enter &&
    tui_wait "Your answer: what it prints" && tui_type "[2, 2, 2]" && tui_keys C-s && tui_wait "FAIL" &&
    tui_wait "     [2, 2, 2]" && tui_wait "↪" && tui_wait "xxx the end of a long line" && tui_wait "- ok" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'a long line of Output wraps too' '
    tui_start -- --pack "$L5" --topic lists && tui_wait "Write grid" && tui_keys Enter &&
    tui_wait "1│ def grid(n):" && tui_keys Down End BSpace BSpace BSpace BSpace &&
    tui_type "print(list(range(60)), \"<- the end of a long list\")" && tui_keys C-s && tui_wait "FAIL" &&
    tui_wait "Output" && tui_wait "[0, 1, 2" && tui_wait "<- the end of a long list" && tui_keys Escape && tui_quit
'

test_done
