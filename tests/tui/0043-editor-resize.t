#!/bin/bash
# The code editor after the terminal shrinks and grows back: its scroll is
# chosen again for the new size, so the first line is back and a long line
# starts at its start (not at the offset chosen for 40 columns); a line
# that goes on past an edge is marked ‹ or ›.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
LONG="x = 'abababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab'"

test_expect_success 'a 128-column line, the fourth, then 40x10: the lines are scrolled, marked ‹' '
    tui_start -- --pack "$PACK" --topic basics && tui_wait "Write square" && tui_keys Enter &&
    tui_wait "1│ def square(n):" && tui_keys Down Down Enter && tui_type "$LONG" && tui_wait "babab" &&
    tui_wait "1‹" && tmux -L "$TUI_SOCK" resize-window -t t -x 40 -y 10 && tui_wait "ab'\''" && tui_wait "4‹" &&
    tui_lacks "1‹"
'

test_expect_success 'at 200x60: the first line is back, the long line from its start' '
    tmux -L "$TUI_SOCK" resize-window -t t -x 200 -y 60 && tui_wait "1│ def square(n):" &&
    tui_wait "2│     pass" && tui_wait "4│ x = '\''abab" && tui_lacks "‹"
'

test_expect_success 'at 100x30, Home: the line goes on past the right edge, marked ›' '
    tmux -L "$TUI_SOCK" resize-window -t t -x 100 -y 30 && tui_wait "1‹" && tui_keys Home &&
    tui_wait "1│ def square(n):" && tui_wait "›" && tui_lacks "‹" && tui_keys Escape && tui_quit
'

test_done
