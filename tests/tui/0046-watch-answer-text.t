#!/bin/bash
# run --watch reads FILE as run and grade do (one reader, answers.c): a
# UTF-8 byte order mark, as Windows editors write, is dropped, so a right
# choice passes here as it does in grade; a UTF-16 save is named as such.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

mkdir wd
printf '\357\273\277b\r\n' >wd/answer.txt

test_expect_success 'a right choice saved with a byte order mark passes' '
    tui_start -- run --pack "$PACK" gil-choice "$TRASH/wd/answer.txt" --watch &&
    tui_wait "(#1)" && tui_wait "PASS" && tui_lacks "unexpected byte"
'
test_expect_success 'saved as UTF-16: named, not graded' '
    printf "b\n" | iconv -t UTF-16 >wd/answer.txt &&
    tui_wait_joined "error: UTF-16 text: save it as UTF-8"
'
test_expect_success 'q quits with the last verdict' '
    tui_keys q && tui_wait "[exit 0]"
'
test_done
