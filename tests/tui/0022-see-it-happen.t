#!/bin/bash
# See it happen (SPEC 5): w on a predict drill's result opens the steps of
# its code; Left/Right/Home/End step, the shared list of [[]] * 3 is drawn
# once and marked shared, q goes back; Ctrl-G on the drill screen once the
# drill was answered; not offered before, nor in an interview; ASCII boxes
# without UTF-8; the footer keeps ? at 80 columns.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$FIXTURES/trace/pack.json"

# count TEXT : how many lines of the screen show TEXT
count() { tui_screen | grep -cF -- "$1"; }

test_expect_success 'not offered before the drill is answered' '
    tui_start -- --pack "$P" --topic containers &&
    tui_wait "One row, three times" && tui_keys Enter && tui_wait "print(grid)" &&
    tui_lacks "see it happen" && tui_keys C-g && tui_lacks "step 1 of"
'

test_expect_success 'w on the result: the steps, the shared list drawn once' '
    tui_type "[[1], [1], [1]]" && tui_keys C-s && tui_wait "PASS" && tui_wait "w see it happen" &&
    tui_keys w && tui_wait "step 1 of 4" && tui_wait "1 ▶ grid = [[]] * 3" && tui_wait "(no names yet)" &&
    tui_keys End && tui_wait "step 4 of 4" && tui_wait "grid ─▶ o1" &&
    test "$(count "o2 list")" = 1 && tui_wait "o2 list ◆ shared by 3" && tui_wait "[o2, o2, o2]" &&
    test "$(count "o1 list")" = 1 && tui_wait "[[1], [1], [1]]"
'

test_expect_success 'Left, Right and Home step; the marked line follows' '
    tui_keys Left && tui_wait "step 3 of 4" && tui_wait "3 ▶ print(grid)" &&
    tui_keys Home && tui_wait "step 1 of 4" && tui_keys Right && tui_wait "step 2 of 4" &&
    tui_wait "2 ▶ grid[0].append(1)" && tui_wait "o2 list ◆ shared by 3"
'

test_expect_success 'q goes back to the result; Ctrl-G on the drill once answered' '
    tui_keys q && tui_wait "w see it happen" && tui_keys r && tui_wait "^G see it happen" &&
    tui_keys C-g && tui_wait "step 1 of 4" && tui_keys q && tui_wait "^G see it happen" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'no UTF-8: ASCII boxes and marks, and ? kept at 80 columns' '
    TUI_W=80 TUI_H=24 tui_start LC_ALL=C -- --pack "$P" --topic containers &&
    tui_wait "One row, three times" && tui_keys Enter && tui_wait "print(grid)" &&
    tui_keys C-s && tui_wait "w see it happen" && tui_keys w && tui_wait "step 1 of 4" &&
    tui_keys End && tui_wait "+ o2 list * shared by 3 " && tui_wait "| grid -> o1 |" && tui_wait "3 > print(grid)" &&
    tui_wait "Left/Right step" && tui_wait "? help" && tui_keys q && tui_keys Escape && tui_quit
'

test_expect_success 'an interview offers no steps' '
    tui_start -- --pack "$P" --mode interview --count 1 --topic containers &&
    tui_wait "print(grid)" && tui_lacks "see it happen" && tui_keys C-g && tui_lacks "step 1 of"
'

test_done
