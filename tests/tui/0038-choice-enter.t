#!/bin/bash
# Enter on a choice drill with nothing chosen never hands in "no answer":
# with one right answer it chooses the highlighted option (a second Enter
# submits it), with several it says to choose first. The footer says what
# Enter does. Ctrl-S still hands in nothing, on purpose.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$XDG_STATE_HOME/pydrill/progress.json"
L5="$TUI_FIX/learner5.json"

test_expect_success 'one right answer: Down, Enter chooses the highlighted option, nothing is submitted' '
    tui_start -- --pack "$PACK" --topic concurrency && tui_wait "What the GIL serialises" && tui_keys Enter &&
    tui_wait "▶ ( ) a) Disk I/O" && tui_wait "Enter/Space choose the highlighted" && tui_lacks "Enter submit" &&
    tui_keys Down && tui_wait "▶ ( ) b) Execution" && tui_keys Enter && tui_wait "▶ (•) b) Execution" &&
    tui_wait "b) chosen: Enter again submits it" && tui_wait "Enter submit" && tui_lacks "MISSING" &&
    test ! -e "$P"
'

test_expect_success 'a second Enter submits it' '
    tui_keys Enter && tui_wait "PASS   score 1.00" && tui_keys Escape && tui_wait "✓ choice"
'

test_expect_success 'several right answers: Enter with nothing chosen asks, Space then Enter submits' '
    tui_start -- --pack "$L5" --topic closures && tui_wait "Which callbacks print" && tui_keys Enter &&
    tui_wait "▶ [ ] a) cbs" && tui_wait "Space select the highlighted" && tui_keys Down Enter &&
    tui_wait "Nothing is chosen yet: Space or a letter selects an option" && tui_lacks "MISSING" &&
    tui_wait "▶ [ ] b) cbs" && tui_keys Space && tui_wait "▶ [x] b) cbs" && tui_keys c d Enter &&
    tui_wait "PASS   score 1.00" && tui_keys Escape
'

test_expect_success 'Ctrl-S with nothing chosen hands in no answer, on purpose' '
    tui_quit && tui_start -- --pack "$PACK" --topic concurrency && tui_wait "What the GIL serialises" &&
    tui_keys Enter && tui_wait "▶ (•) b) Execution" && tui_keys b && tui_wait "▶ ( ) b) Execution" &&
    tui_keys C-s && tui_wait "MISSING" && tui_keys Escape && tui_quit
'

test_done
