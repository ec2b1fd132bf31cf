#!/bin/bash
# Keys that arrive as sequences the terminal description does not name:
# inside tmux with TERM=xterm-256color, Home is ESC [ 1 ~ (terminfo says
# ESC O H). Usual variants of Home/End/PgUp/PgDn/arrows are recognised,
# with modifiers; an unknown sequence is swallowed whole, never taken as
# Esc plus letters.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'TERM=xterm-256color in tmux: Home and End move in the answer' '
    tui_start TERM=xterm-256color -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys j Enter && tui_wait "Your code" &&
    tui_keys Down End && tui_keys Home && tui_type "X" && tui_wait "2│     Xlst.append(x)" &&
    tui_keys End && tui_type "Y" && tui_wait "2│     Xlst.append(x)Y" &&
    tui_lacks "[1~" && tui_lacks "[4~"
'

test_expect_success 'modified arrows and PgUp/PgDn are keys, not text' '
    tui_keys C-Up && tui_keys S-End && tui_type "A" && tui_wait "1│ def append_to(x, lst=[]):A" &&
    tui_keys PPage && tui_keys C-Down && tui_keys M-Home && tui_type "B" && tui_wait "2│     BXlst" &&
    tui_keys NPage && tui_type "C" && tui_wait "4│ C" &&
    tui_lacks "[5~" && tui_lacks "[6~" && tui_lacks ";5A" && tui_lacks ";2F"
'

test_expect_success 'an unknown escape sequence is swallowed whole' '
    tui_type "$(printf "\033[99~")" && tui_type "$(printf "\033[1;9Q")" && tui_type "D" &&
    tui_wait "4│ CD" && tui_lacks "99~" && tui_lacks "9Q" && tui_wait "Your code"
'

test_expect_success 'on the list, a sequence never acts as Esc plus letters' '
    tui_keys Escape && tui_wait "▶ · fix" &&
    tui_type "$(printf "\033[1;2i")" && tui_type "$(printf "\033[99i")" && tui_type "$(printf "\033Oi")" &&
    tui_keys Home && tui_wait "▶ · predict" && tui_lacks "time left" && tui_lacks "Start an interview" &&
    tui_keys End && tui_wait "▶ · explain" && tui_quit
'

test_expect_success 'Esc alone still leaves a drill, and Esc then a key typed quickly both act' '
    tui_start TERM=xterm-256color -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_keys Enter && tui_wait "Your answer" && tui_keys Escape && tui_wait "topic: all" &&
    tui_keys Enter && tui_wait "Your answer" && tui_keys Escape j && tui_wait "▶ · fix" && tui_quit
'

test_done
