#!/bin/bash
# A parsons drill in the quiz: the shuffled lines, lettered; a letter adds
# its line after the selected one or takes it out; Space picks a line up,
# Up/Down move it, Space drops it; Ctrl-R runs the visible tests on the
# program as it stands, Ctrl-S grades it; the draft is the letters.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
ORD="$TUI_FIX/parsons.json"   # a) s += x  b) for  c) return 0  d) s = 0  e) def  f) return s

test_expect_success 'the lines are shown lettered, the program starts empty' '
    tui_start -- --pack "$ORD" && tui_wait "Put total in order" && tui_keys Enter &&
    tui_wait "e) def total(xs):" && tui_wait "c)     return 0" && tui_wait "Your program" &&
    tui_wait "(empty: type the letter of the first line)" && tui_wait "a-f add/remove"
'

test_expect_success 'letters add lines after the selected one, and take them out' '
    tui_keys e d a && tui_wait "a│         s += x" && tui_screen >s &&
    test "$(grep -n "e│ def total" s | cut -d: -f1)" -lt "$(grep -n "d│     s = 0" s | cut -d: -f1)" &&
    tui_keys c && tui_wait "c│     return 0" && tui_keys c && tui_wait_gone "c│     return 0"
'

test_expect_success 'Space picks a line up, Up moves it, Space drops it' '
    tui_keys b && tui_wait "b│     for x in xs:" && tui_wait "Space pick up" &&
    tui_keys Space && tui_wait "Space drop" && tui_keys Up && tui_keys Space && tui_wait "Space pick up" &&
    tui_screen >s && test "$(grep -n "b│     for" s | cut -d: -f1)" -lt "$(grep -n "a│         s += x" s | cut -d: -f1)"
'

test_expect_success 'Ctrl-R runs the visible tests of the program as it stands' '
    tui_keys C-r && tui_wait "Visible tests (Ctrl-R)" && tui_wait "visible tests: 0 of 1 passed"
'

test_expect_success 'the draft survives leaving; the right order passes' '
    tui_keys Escape && tui_wait "topic: all" && tui_keys Enter && tui_wait "b│     for x in xs:" &&
    tui_keys End f && tui_wait "f│     return s" && tui_keys C-s && tui_wait "PASS   score 1.00" &&
    tui_wait "1 of 1 hidden tests passed" && tui_keys Escape && tui_wait "1/1 passed" &&
    contains "$XDG_STATE_HOME/pydrill/progress.json" "e d b a f" && tui_quit
'

test_expect_success 'in an interview the report shows the program and a right order' '
    tui_start -- --pack "$ORD" --mode interview --minutes 1 && tui_wait "interview 1/1" &&
    tui_keys e f && tui_wait "f│     return s" && tui_keys C-s && tui_wait "Interview report" &&
    tui_wait "Your answer" && tui_wait "A right order" && tui_wait "    for x in xs:" && tui_keys Escape && tui_quit
'

test_done
