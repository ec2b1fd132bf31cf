#!/bin/bash
# Interview mode: N random drills, a countdown in the header, no hints,
# explanations held until the report (score by topic as bars), history.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success '--mode interview starts at once with a countdown' '
    tui_start -- --pack "$PACK" --mode interview --count 2 --minutes 5 &&
    tui_wait "interview 1/2  time left 5:00" || tui_wait "interview 1/2  time left 4:5"
'

test_expect_success 'no hints in interview mode' '
    tui_keys C-t && tui_wait "No hints in interview mode." && tui_lacks "Hint 1/"
'

test_expect_success 'a submitted answer goes to the next drill without a verdict or explanation' '
    tui_keys C-s && tui_wait "Skipped: nothing was handed in for drill 1 (it counts as missing). Drill 2 of 2." &&
    tui_wait "interview 2/2" &&
    tui_lacks "Why"
'

test_expect_success 'after the last drill: the report with bars by topic, times and explanations' '
    tui_keys C-s && tui_wait "Interview report" && tui_wait "Score: " &&
    tui_wait "By topic" && tui_wait "░░░░░" && tui_wait "Drills" && tui_wait "Why" &&
    tui_screen >s && grep -cE "(✓|✗) [a-z]+ +[0-9.]+ +0m[0-9]+s" s >n && test "$(cat n)" -eq 2 &&
    contains s " 1. " && tui_keys G && tui_wait " 2. " && tui_keys g && tui_wait "By topic"
'

test_expect_success 'the report is saved to history.jsonl in the state folder' '
    contains "$XDG_STATE_HOME/pydrill/history.jsonl" "\"mode\":\"interview\"" &&
    contains "$XDG_STATE_HOME/pydrill/history.jsonl" "\"max\":2"
'

test_expect_success 'Esc leaves the report for the list' '
    tui_keys Escape && tui_wait "topic: all" && tui_quit
'

test_expect_success 'i on the list starts one; the countdown ends it: the draft is handed in and graded' '
    tui_start -- --pack "$PACK" --topic concurrency --count 3 --minutes 0.04 &&
    tui_wait "topic: concurrency" && tui_keys i &&
    tui_wait "Start an interview: 1 drill on concurrency, 2 seconds, no hints? [y/N]" && tui_keys y &&
    tui_wait "interview 1/1" && tui_wait "What the GIL serialises" && tui_keys b &&
    tui_wait "Time is up" && tui_wait "Interview report" &&
    tui_wait "concurrency" && tui_wait "Score: 1 / 1" && tui_wait "✓ pass     1.00"
'

test_expect_success 'a right answer scores in the report, with a full bar' '
    tui_wait "Esc list" && tui_keys Escape && tui_wait "topic: concurrency" && tui_keys i && tui_wait "[y/N]" && tui_keys y &&
    tui_wait "interview 1/1" &&
    tui_keys b Enter && tui_wait "Score: 1 / 1" && tui_wait "██████████" &&
    tui_wait "Only one thread executes Python bytecode" &&
    test "$(wc -l <"$XDG_STATE_HOME/pydrill/history.jsonl")" -eq 3
'

test_expect_success 'Esc during an interview asks before ending it' '
    tui_keys Escape && tui_keys i && tui_wait "[y/N]" && tui_keys y && tui_wait "interview 1/1" &&
    tui_keys Escape && tui_wait "End the interview now?" && tui_wait "[y/N]" && tui_keys n &&
    tui_wait "cancelled" && tui_wait "interview 1/1" &&
    tui_keys Escape && tui_wait "[y/N]" && tui_keys y && tui_wait "Interview report" &&
    tui_keys q && tui_wait "topic: concurrency" && tui_quit
'

test_done
