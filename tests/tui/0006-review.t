#!/bin/bash
# Review mode: a failed drill comes back when the SM-2 schedule says it is
# due (PYDRILL_NOW moves the clock); a passed one does not.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

now=$(date +%s)

test_expect_success 'nothing is due before any answer' '
    tui_start -- --pack "$PACK" && tui_wait "0 due" &&
    tui_keys v && tui_wait "Nothing is due for review."
'

test_expect_success 'fail one drill, pass another' '
    tui_keys Enter && tui_wait "Your answer" && tui_type "wrong" && tui_keys C-s && tui_wait "FAIL" &&
    tui_keys Escape && tui_wait "✗ predict" &&
    tui_keys j j j && tui_wait "▶ · choice" && tui_keys Enter && tui_wait "a) Disk I/O" &&
    tui_keys b Enter && tui_wait "PASS" && tui_keys Escape && tui_quit
'

test_expect_success 'later, the failed drill is due: the list counts it and marks it' '
    tui_start PYDRILL_NOW=$((now + 3600)) -- --pack "$PACK" &&
    tui_wait "1 due" && tui_wait "↻ predict"
'

test_expect_success 'v opens the review queue with the due drill only' '
    tui_keys v && tui_wait "review 1/1" && tui_wait "Mutable default argument" &&
    tui_type "[1]" && tui_keys Enter && tui_type "[1, 2]" && tui_keys C-s && tui_wait "PASS" &&
    tui_wait "n next due drill" && tui_keys n && tui_wait "Review finished: 1 drill." &&
    tui_wait "0 due" && tui_quit
'

test_expect_success '--mode review starts with the queue, Esc stops it' '
    tui_start PYDRILL_NOW=$((now + 400 * 86400)) -- --pack "$PACK" --mode review &&
    tui_wait "review 1/2" && tui_keys Escape && tui_wait "review stopped" && tui_quit
'

test_done
