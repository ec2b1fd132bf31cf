#!/bin/bash
# A terminal that cannot address the cursor (TERM=dumb, an entry without
# "cup") is refused as an unknown one is: a message that says why, exit 2,
# rather than a blank screen.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'TERM=dumb: refused, saying why, exit 2' '
    tui_start TERM=dumb -- --pack "$PACK" && tui_wait "[exit 2]" &&
    contains "$TRASH/stderr" "pydrill: error: cannot use the terminal (TERM=dumb): it cannot move the cursor" &&
    contains "$TRASH/stderr" "\"cup\""
'

test_expect_success 'an unknown TERM is refused the same way, saying what to do' '
    tui_start TERM=no-such-terminal-pydrill -- --pack "$PACK" && tui_wait "[exit 2]" &&
    contains "$TRASH/stderr" "pydrill: error: cannot use the terminal (TERM=no-such-terminal-pydrill): no terminfo entry" &&
    contains "$TRASH/stderr" "install ncurses-term (apt-get install ncurses-term), or run with TERM=xterm-256color"
'

test_expect_success 'an empty TERM: said so, with what to do' '
    tui_start TERM= -- --pack "$PACK" && tui_wait "[exit 2]" &&
    contains "$TRASH/stderr" "pydrill: error: cannot use the terminal: TERM is not set; run with TERM=xterm-256color"
'

test_expect_success 'watch mode says the same' '
    echo "x = 1" >w.py &&
    tui_start TERM=no-such-terminal-pydrill -- run --pack "$PACK" mutable-default-fix "$TRASH/w.py" --watch &&
    tui_wait "[exit 2]" && contains "$TRASH/stderr" "or run with TERM=xterm-256color"
'

test_expect_success 'a terminal with cursor addressing is used' '
    tui_start TERM=vt100 -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_quit
'

test_done
