#!/bin/bash
# Progress across runs: passed drills, drafts, export, resets with
# confirmation, and a corrupt state file set aside with a message.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'a passed drill is saved in $XDG_STATE_HOME/pydrill' '
    tui_start -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys Enter && tui_wait "Your answer" &&
    tui_type "[1]" && tui_keys Enter && tui_type "[1, 2]" && tui_keys C-s && tui_wait "PASS" &&
    tui_keys Escape && tui_wait "1/5 passed" && tui_quit &&
    test -f "$XDG_STATE_HOME/pydrill/progress.json" &&
    contains "$XDG_STATE_HOME/pydrill/progress.json" "mutable-default-predict"
'

test_expect_success 'the progress survives a restart' '
    tui_start -- --pack "$PACK" && tui_wait "1/5 passed" && tui_wait "✓ predict L1"
'

test_expect_success 'the list opens on the first drill not passed yet' '
    tui_wait "▶ · fix" && tui_wait "  ✓ predict"
'

test_expect_success 'Esc keeps the draft; reopening the drill restores it' '
    tui_wait "▶ · fix" && tui_keys Enter && tui_wait "Your code" &&
    tui_type "# my draft" && tui_wait "1│ # my draftdef append_to" &&
    tui_keys Escape && tui_wait "▶ · fix" && tui_keys Enter && tui_wait "1│ # my draftdef append_to"
'

test_expect_success 'the draft survives a restart' '
    tui_keys Escape && tui_wait "▶ · fix" && tui_quit &&
    tui_start -- --pack "$PACK" && tui_wait "1/5 passed" && tui_wait "▶ · fix" &&
    tui_keys Enter && tui_wait "1│ # my draftdef append_to" && tui_keys Escape && tui_wait "1/5 passed"
'

test_expect_success 'x exports the saved answers as a new answers file' '
    tui_keys x && tui_wait "exported 1 answer to $TRASH/pydrill-answers-" &&
    f=$(ls pydrill-answers-*.json) && test "$(echo "$f" | wc -l)" -eq 1 &&
    contains "$f" "pydrill-answers/1" && contains "$f" "mutable-default-predict" && lacks "$f" "my draft" &&
    rm "$f"
'

test_expect_success 'd asks before resetting one drill; anything but y cancels' '
    tui_keys k && tui_wait "▶ ✓ predict" && tui_keys d &&
    tui_wait "Reset the progress and answer of mutable-default-predict? [y/N]" &&
    tui_keys n && tui_wait "cancelled" && tui_wait "1/5 passed" &&
    tui_keys d && tui_wait "[y/N]" && tui_keys y &&
    tui_wait "progress of mutable-default-predict reset" && tui_wait "0/5 passed" && tui_wait "▶ · predict"
'

test_expect_success 'D resets everything after asking' '
    tui_keys Enter && tui_wait "Your answer" && tui_type "x" && tui_keys C-s && tui_wait "FAIL" &&
    tui_keys Escape && tui_wait "✗ predict" &&
    tui_keys D && tui_wait "Reset ALL progress, answers and drafts? [y/N]" && tui_keys y &&
    tui_wait "all progress reset" && tui_wait "· predict" && tui_quit &&
    tui_start -- --pack "$PACK" && tui_wait "0/5 passed" && tui_wait "· predict" &&
    tui_keys j Enter && tui_wait "1│ def append_to(x, lst=[]):" && tui_keys Escape && tui_quit
'

test_expect_success 'a corrupt state file is set aside with a message, never overwritten' '
    printf "{ this is not json" >"$XDG_STATE_HOME/pydrill/progress.json" &&
    tui_start -- --pack "$PACK" && tui_wait "was not a pydrill state file" &&
    tui_wait "set aside as" && tui_wait "0/5 passed" &&
    ls "$XDG_STATE_HOME/pydrill" >ls.out && grep -v "^progress.json$" ls.out >aside &&
    test -s aside && grep -l "this is not json" "$XDG_STATE_HOME"/pydrill/* >found &&
    test -s found && tui_quit
'

test_done
