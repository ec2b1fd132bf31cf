#!/bin/bash
# A drill whose `requires` excludes this Python is marked "-" in the list
# from the start (not only once opened and submitted), `n` passes it by,
# and the header leaves it out of the total and the score, as `grade`
# does: a learner who does every drill that can be done here sees them all.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
L5="$TUI_FIX/learner5.json"

test_expect_success 'marked "-" from the start, out of the header total' '
    tui_start -- --pack "$L5" && tui_wait "From a Python to come" &&
    tui_wait "- predict L3  From a Python to come" && tui_wait "0/3 passed" && tui_wait "score 0.0/3" &&
    tui_lacks "/4"
'

test_expect_success 'n passes it by' '
    tui_keys G && tui_keys k && tui_wait "▶ · write" && tui_keys n && tui_wait "Which callbacks print 0 1 2?" &&
    tui_wait "▶ [ ] a) cbs" && tui_lacks "needs Python" && tui_keys Escape
'

test_expect_success 'so does n on a result: the last gradable drill is the last' '
    tui_keys G k Enter && tui_wait "1│ def grid(n):" && tui_keys Down End BSpace BSpace BSpace BSpace &&
    tui_type "return [[0] * n for _ in range(n)]" && tui_keys C-s && tui_wait "PASS   score 1.00" &&
    tui_keys n && tui_wait "That was the last drill of the list." && tui_wait "1/3 passed"
'

test_expect_success 'opened from the list it says why, and the help names the mark' '
    tui_keys G Enter && tui_wait "needs Python >=9.0" && tui_keys Escape && tui_keys "?" &&
    tui_wait_joined "not gradable here" && tui_keys q && tui_quit
'

test_done
