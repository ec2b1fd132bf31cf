#!/bin/bash
# x on the list (and at the quit question) writes the submitted answers to
# a new pydrill-answers-YYYYmmdd-HHMMSS.json, as the interview exports are
# named: a file already there (a candidate's, an earlier export) is never
# replaced, and with no answer submitted nothing is written.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

# the clock the quiz reads (PYDRILL_NOW), and the name it gives an export then
NOW=1780000000
STAMP=$(date -d "@$NOW" +%Y%m%d-%H%M%S)
alice='{"format":"pydrill-answers/1","candidate":"alice","answers":{"mutable-default-predict":"[1]"}}'

test_expect_success 'nothing submitted: x writes nothing and says so' '
    echo "$alice" >pydrill-answers.json &&
    tui_start XDG_STATE_HOME="$TRASH/st0" -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys x && tui_wait "nothing to export (no file was written)" &&
    tui_quit && test "$(cat pydrill-answers.json)" = "$alice" && test "$(ls -a | grep -c "pydrill-answers")" -eq 1
'

test_expect_success 'an answer submitted: x writes a new file named by the time' '
    echo "$alice" >pydrill-answers.json &&
    tui_start XDG_STATE_HOME="$TRASH/st1" PYDRILL_NOW=$NOW -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys Enter && tui_wait "Your answer" &&
    tui_type "[1, 1]" && tui_keys C-s && tui_wait "score 0." && tui_keys Escape && tui_wait "topic: all" &&
    tui_keys x && tui_wait "exported 1 answer to $TRASH/pydrill-answers-$STAMP.json" &&
    contains "pydrill-answers-$STAMP.json" "[1, 1]" && contains pydrill-answers.json "alice"
'

test_expect_success 'x again in the same second: another name, the first file kept' '
    echo "{}" >"pydrill-answers-$STAMP-2.json" &&
    tui_keys x && tui_wait "exported 1 answer to $TRASH/pydrill-answers-$STAMP-3.json" &&
    contains "pydrill-answers-$STAMP.json" "[1, 1]" && test "$(cat "pydrill-answers-$STAMP-2.json")" = "{}" &&
    contains "pydrill-answers-$STAMP-3.json" "[1, 1]" && tui_quit &&
    test "$(ls -a | grep -c "^\.pydrill-answers")" -eq 0
'

if [ "$(id -u)" -ne 0 ]; then
test_expect_success 'x in a folder it may not write: the export'"'"'s own name and the folder, not a hidden temporary file' '
    mkdir -p "$TRASH/st5" && tui_start XDG_STATE_HOME="$TRASH/st5" PYDRILL_NOW=$NOW -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys Enter && tui_wait "Your answer" &&
    tui_type "[1]" && tui_keys C-s && tui_wait "score 0." && tui_keys Escape && tui_wait "topic: all" &&
    { chmod 555 "$TRASH" && tui_keys x && tui_wait_joined "cannot write pydrill-answers-$STAMP.json in $TRASH: Permission denied"; }
    rc=$?; chmod 755 "$TRASH"; test $rc -eq 0 &&
    tui_lacks ".tmp" && tui_quit
'
fi

test_expect_success 'the quit question offers x only when there is something to export' '
    S="$TRASH/st2/pydrill" && mkdir -p "$S" &&
    tui_start XDG_STATE_HOME="$TRASH/st2" -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    mv "$S" "$S.away" && : >"$S" && tui_keys j Enter && tui_wait "Your code" && tui_type "#" &&
    tui_keys Escape && tui_wait "Progress NOT saved" && tui_keys q && tui_wait "loses it; any other key stays. [y/N]" &&
    tui_lacks "[y/x/N]" && tui_keys x && tui_wait "cancelled" && tui_keys q && tui_wait "[y/N]" &&
    tui_keys y && tui_wait "[exit 0]" && test "$(ls | grep -c "^pydrill-answers-")" -eq 3
'

test_done
