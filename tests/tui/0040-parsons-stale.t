#!/bin/bash
# A Ctrl-R result on a parsons drill is marked STALE and dimmed as soon as
# the program changes (a line in or out, a line moved), as in the code
# editor, and a run that finishes after a change says it was of the
# program as it was at Ctrl-R.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
ORD="$TUI_FIX/parsons.json"   # a) s += x  b) for  c) return 0  d) s = 0  e) def  f) return s

test_expect_success 'a line taken out after Ctrl-R makes the result STALE' '
    tui_start -- --pack "$ORD" && tui_wait "Put total in order" && tui_keys Enter &&
    tui_wait "(empty: type the letter of the first line)" && tui_keys a && tui_keys C-r &&
    tui_wait "Visible tests (Ctrl-R)" && tui_lacks "STALE" && tui_keys a &&
    tui_wait "(empty: type the letter of the first line)" && tui_wait "STALE: your code changed since this run"
'

test_expect_success 'putting it back makes it current again; a move makes it STALE' '
    tui_keys a && tui_wait "a│         s += x" && tui_wait_gone "STALE" && tui_keys e &&
    tui_wait "e│ def total(xs):" && tui_wait "STALE" && tui_keys C-r && tui_wait_gone "STALE" &&
    tui_keys Space Up Space && tui_wait "STALE: your code changed since this run" && tui_keys Escape && tui_quit
'

test_done
