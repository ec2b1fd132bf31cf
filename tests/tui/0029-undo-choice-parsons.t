#!/bin/bash
# Ctrl-Z (SPEC 5: "drill | Ctrl-Z | undo") undoes the last selection change
# of a choice drill and the last line added, taken out or moved of a
# parsons drill (a pick-up, moves and drop are one step); Ctrl-Y redoes.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
ORD="$TUI_FIX/parsons.json"   # a) s += x  b) for  c) return 0  d) s = 0  e) def  f) return s

# above A B : on the screen, the line with A comes before the line with B
above() { tui_screen >s && test "$(grep -n -- "$1" s | head -n 1 | cut -d: -f1)" -lt "$(grep -n -- "$2" s | head -n 1 | cut -d: -f1)"; }

test_expect_success 'choice: Ctrl-Z takes back the selection changes one by one, Ctrl-Y redoes' '
    tui_start -- --pack "$PACK" --topic concurrency && tui_wait "What the GIL serialises" && tui_keys Enter &&
    tui_wait "( ) a) Disk I/O" && tui_keys b && tui_wait "(•) b) Execution" && tui_keys c &&
    tui_wait "(•) c) Network calls" && tui_wait "( ) b) Execution" &&
    tui_keys C-z && tui_wait "(•) b) Execution" && tui_wait "( ) c) Network calls" &&
    tui_keys C-z && tui_wait "( ) b) Execution" && tui_lacks "(•)" &&
    tui_keys C-z && tui_wait "nothing to undo" &&
    tui_keys C-y && tui_wait "(•) b) Execution" && tui_keys Escape && tui_quit
'

test_expect_success 'parsons: Ctrl-Z takes back the lines added, Ctrl-Y puts them back' '
    tui_start -- --pack "$ORD" && tui_wait "Put total in order" && tui_keys Enter &&
    tui_wait "(empty: type the letter of the first line)" && tui_keys e d &&
    tui_wait "d│     s = 0" && tui_keys C-z && tui_wait_gone "d│     s = 0" && tui_wait "e│ def total" &&
    tui_keys C-z && tui_wait "(empty: type the letter of the first line)" &&
    tui_keys C-y C-y && tui_wait "d│     s = 0" && above "e│ def total" "d│     s = 0"
'

test_expect_success 'parsons: a line picked up, moved and dropped is one step; so is one taken out' '
    tui_keys a && tui_wait "a│         s += x" && tui_keys Space Up Space && tui_wait "Space pick up" &&
    above "a│         s += x" "d│     s = 0" && tui_keys C-z && tui_wait "Space pick up" &&
    above "d│     s = 0" "a│         s += x" &&
    tui_keys BSpace && tui_wait_gone "a│         s += x" && tui_keys C-z && tui_wait "a│         s += x" &&
    tui_keys Escape && tui_quit
'

test_done
