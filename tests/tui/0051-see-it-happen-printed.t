#!/bin/bash
# See it happen shows what the code printed in the rows the picture leaves
# free, not only its last four lines; when they do not all fit, a mark says
# how many are above and p shows every one (learner7 G5).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$TUI_FIX/trace-print.json"

# to_last_step : answers the drill, opens see it happen at its last step
to_last_step() {
    tui_wait "Twelve lines" && tui_keys Enter && tui_wait "print('line', i)" &&
    tui_type "x" && tui_keys C-s && tui_wait "w see it happen" &&
    tui_keys w && tui_wait "step 1 of" && tui_keys End && tui_wait "(the end)"
}

test_expect_success 'room enough: every printed line is shown' '
    tui_start -- --pack "$P" && to_last_step &&
    tui_wait "line 11" && tui_wait "line 0" && tui_wait "line 5" && tui_lacks "above (p shows all)"
'

test_expect_success 'a short terminal: the last lines that fit, a mark for the rest, p shows them' '
    TUI_H=14 tui_start -- --pack "$P" && to_last_step &&
    tui_wait "line 11" && tui_wait "lines above (p shows all)" && tui_lacks "line 0" &&
    tui_wait "p all printed" &&
    tui_keys p && tui_wait "Printed (all of it" && tui_wait "line 0" && tui_wait "p last printed" &&
    tui_keys p && tui_wait "lines above (p shows all)" && tui_wait "line 11"
'

test_done
