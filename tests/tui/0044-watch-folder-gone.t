#!/bin/bash
# run --watch when FILE's folder is removed and made again (rm -rf, git
# checkout of a branch without it): the screen says the folder is gone, and
# once it is back its saves are graded again.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

mkdir wd
printf 'def append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n' >wd/answer.py

test_expect_success 'watch grades the file at once' '
    tui_start -- run --pack "$PACK" mutable-default-fix "$TRASH/wd/answer.py" --watch &&
    tui_wait "FAIL" && tui_wait "(#1)"
'
test_expect_success 'the folder removed: the screen says so' '
    rm -rf wd && tui_wait "is gone"
'
test_expect_success 'the folder made again: FILE graded, and each save after' '
    mkdir wd &&
    printf "def append_to(x, lst=None):\n    lst = [] if lst is None else lst\n    lst.append(x)\n    return lst\n" >wd/answer.py &&
    tui_wait "PASS" && tui_lacks "is gone" &&
    printf "def append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n" >wd/answer.py &&
    tui_wait "FAIL" && tui_wait "expected [2], got [1, 2]"
'
test_expect_success 'q quits with the last verdict' '
    tui_keys q && tui_wait "[exit 1]"
'
test_done
