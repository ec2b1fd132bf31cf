#!/bin/bash
# A tab in an answer (pasted; Tab itself types spaces) is drawn to the next
# multiple of four cells, as "tab as four spaces" reads, and the cursor
# moves over it in step with what is drawn: in the text box and in the code
# editor, Up/Down keep the column across lines with and without tabs.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

cursor_x() { tmux -L "$TUI_SOCK" display -p -t t "#{cursor_x}"; }
# at_x N : the cursor is at column N (0-based)
at_x() {
    i=0
    while [ "$(cursor_x)" != "$1" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
    [ "$(cursor_x)" = "$1" ] || { echo "--- cursor at $(cursor_x), not $1"; tui_screen; return 1; }
}
paste() { tmux -L "$TUI_SOCK" set-buffer -b p "$1" && tmux -L "$TUI_SOCK" paste-buffer -p -b p -t t; }

test_expect_success 'the text box: a tab reaches column 4, the cursor after it is where it is drawn' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && paste "a	b" && tui_wait " a   b" &&
    at_x 6 && tui_keys Left && at_x 5 && tui_keys Left && at_x 2 && tui_type "Z" && tui_wait " aZ  b" &&
    at_x 3 && tui_keys Escape && tui_wait "topic: all"
'

test_expect_success 'the code editor: drawn to the tab stop; Up keeps the column drawn' '
    tui_keys j Enter && tui_wait "3│     return lst" && tui_keys Down Down Down End &&
    paste "	pass" && tui_wait "4│     pass" && at_x 12 && tui_keys Home && at_x 8 &&
    tui_keys Up && tui_type "X" && tui_wait "3│     Xreturn lst" && tui_keys Escape && tui_quit
'

test_done
