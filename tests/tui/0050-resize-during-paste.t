#!/bin/bash
# Resizes that arrive while a long paste is being taken in end in a full
# repaint: the terminal may have reflowed or dropped rows meanwhile, and a
# frame that only sent what curses thought had changed left the header or
# the footer missing until the next resize (learner7 G6).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

# 3000 long lines: the quiz takes a moment to read them in
/usr/bin/python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(3000):
        f.write('x%d = %d  # %s\n' % (i, i, 'filler ' * 8))
" "$TRASH/big.py"

# drawn_whole : the header on the first row, the footer keys on the last
drawn_whole() {
    tui_screen >s && head -n 1 s | grep -q "square-write" && tail -n 1 s | grep -q "F1 help" && return 0
    echo "--- screen not drawn whole:"
    cat -n s
    return 1
}

test_expect_success 'a paste with resizes during it: the screen is drawn whole after' '
    TUI_W=80 TUI_H=24 tui_start -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tmux -L "$TUI_SOCK" load-buffer -b big "$TRASH/big.py" &&
    tmux -L "$TUI_SOCK" paste-buffer -p -b big -t t &&
    for s in "40 10" "100 30" "30 8" "80 24"; do
        set -- $s && tmux -L "$TUI_SOCK" resize-window -t t -x $1 -y $2 && sleep 0.15 || return 1
    done &&
    tui_wait "3000│ x2999 = 2999" && drawn_whole
'

test_expect_success '... and after one resize back to the same size' '
    tui_keys C-z && tui_wait_gone "3000│" &&
    tmux -L "$TUI_SOCK" paste-buffer -p -b big -t t &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 60 -y 20 && sleep 0.15 &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 80 -y 24 &&
    tui_wait "3000│ x2999 = 2999" && drawn_whole
'

test_done
