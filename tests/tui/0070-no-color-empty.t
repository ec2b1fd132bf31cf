#!/bin/bash
# NO_COLOR as no-color.org has it (newcomer7 F9): colours go when it is
# present and not empty; NO_COLOR= (set, empty) leaves them on.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

sgr_color='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+)(;[0-9;]*)?m'

test_expect_success 'NO_COLOR set but empty: colours stay' '
    tui_start NO_COLOR= -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_screen -e >s && grep -qE "$sgr_color" s && tui_quit
'

test_expect_success 'NO_COLOR=1: no colours' '
    tui_start NO_COLOR=1 -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_screen -e >s && ! grep -qE "$sgr_color" s && tui_quit
'

test_done
