#!/bin/bash
# A repl-mode predict drill echoes each expression's value, an exec one
# does not: the drill screen says which, over the code, as show does.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
R="$TUI_FIX/repl.json"

test_expect_success 'repl code is said to be typed at the >>> prompt' '
    tui_start -- --pack "$R" && tui_wait "Typed at the prompt" && tui_keys Enter &&
    tui_wait "typed at the >>> prompt, one statement at a time:" && tui_wait "x is 257"
'
test_expect_success 'exec code is not' '
    tui_keys Escape && tui_keys G Enter && tui_wait "print(x)" && tui_lacks ">>> prompt" && tui_keys Escape && tui_quit
'
test_done
