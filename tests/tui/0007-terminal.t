#!/bin/bash
# Terminal manners: resizing (down to 30x8 and back), colours only when
# allowed (NO_COLOR, monochrome terminals), ASCII glyphs without UTF-8,
# and the terminal given back on a signal.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

sgr_color='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+)(;[0-9;]*)?m'

test_expect_success 'under the minimum size a clear message replaces the screen' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 30 -y 8 &&
    tui_wait "Terminal too small: 30x8" && tui_wait "need 40x10" &&
    tui_lacks "Mutable default argument"
'

test_expect_success 'back to a usable size, the screen is redrawn' '
    tmux -L "$TUI_SOCK" resize-window -t t -x 100 -y 30 &&
    tui_wait "Mutable default argument" && tui_lacks "too small"
'

test_expect_success 'a drill at the minimum size 40x10 still shows the answer box' '
    tui_keys j Enter && tui_wait "Your code" &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 40 -y 10 &&
    tui_wait "def append_to" && tui_lacks "too small" &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 100 -y 30 &&
    tui_wait "Fix the shared default list" && tui_keys Escape && tui_quit
'

test_expect_success 'LINES and COLUMNS left in the environment do not fix the size: the terminal'"'"'s own is drawn, and followed' '
    tui_start LINES=10 COLUMNS=40 -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_lacks "too small" && test "$(tui_screen | awk "{ if (length(\$0) > m) m = length(\$0) } END { print m }")" -gt 40 &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 30 -y 8 && tui_wait "Terminal too small: 30x8" &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 100 -y 30 && tui_wait "Mutable default argument" &&
    tui_lacks "too small" && tui_quit
'

test_expect_success 'colours are used by default' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_screen -e >s && grep -qE "$sgr_color" s && tui_quit
'

test_expect_success 'NO_COLOR: no colours, still highlighted with reverse video and bold' '
    tui_start NO_COLOR=1 -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_screen -e >s && ! grep -qE "$sgr_color" s && grep -q "\[7m\|;7m" s &&
    tui_keys Enter && tui_wait "def f(x, acc=[]):" &&
    tui_screen -e >s && ! grep -qE "$sgr_color" s && tui_keys Escape && tui_quit
'

test_expect_success 'a monochrome terminal gets no colours' '
    tui_start TERM=vt100 -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_screen -e >s && ! grep -qE "$sgr_color" s && tui_keys q && tui_wait "[exit 0]"
'

test_expect_success 'UTF-8 locale: UTF-8 glyphs' '
    tui_start -- --pack "$PACK" && tui_wait "▶ · predict" && tui_wait "░░░░" && tui_quit
'

test_expect_success 'non-UTF-8 locale (LC_ALL=C): ASCII glyphs only' '
    tui_start LC_ALL=C LANG=C -- --pack "$PACK" && tui_wait "> . predict" &&
    tui_wait "pydrill | TUI test pack" && tui_wait "0/5 passed ----------" &&
    tui_screen >s && ! LC_ALL=C grep -q "[^ -~]" s &&
    tui_keys Enter && tui_wait "Your answer" && tui_screen >s && ! LC_ALL=C grep -q "[^ -~]" s &&
    tui_keys Escape && tui_quit
'

test_expect_success 'SIGTERM gives the terminal back (no alternate screen left)' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    test "$(tmux -L "$TUI_SOCK" display -p -t t "#{alternate_on}")" = 1 &&
    shell=$(tmux -L "$TUI_SOCK" display -p -t t "#{pane_pid}") &&
    pid=$(pgrep -P "$shell" | head -n 1) && test -n "$pid" &&
    kill -TERM "$pid" && tui_wait "[exit 143]" &&
    test "$(tmux -L "$TUI_SOCK" display -p -t t "#{alternate_on}")" = 0
'

test_done
