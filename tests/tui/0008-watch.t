#!/bin/bash
# pydrill run ID FILE --watch: shows the drill, grades FILE on every save
# (written in place or renamed over), redraws the verdict; q quits.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

printf 'def append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n' >answer.py

test_expect_success 'watch grades the file at once' '
    tui_start -- run --pack "$PACK" mutable-default-fix "$TRASH/answer.py" --watch &&
    tui_wait "pydrill watch │ mutable-default-fix" && tui_wait "Fix the shared default list" &&
    tui_wait "FAIL" && tui_wait "(#1)" && tui_wait "expected [2], got [1, 2]" &&
    tui_wait "save it to grade again"
'

test_expect_success 'saving the file in place grades it again' '
    printf "def append_to(x, lst=None):\n    lst = [] if lst is None else lst\n    lst.append(x)\n    return lst\n" >answer.py &&
    tui_wait "(#2)" && tui_wait "PASS" && tui_wait "1 of 1 hidden tests passed" &&
    tui_wait "Use None as a sentinel"
'

test_expect_success 'an editor that saves by rename is seen too' '
    printf "def append_to(x, lst=[]:\n" >answer.tmp && mv answer.tmp answer.py &&
    tui_wait "(#3)" && tui_wait "SYNTAX"
'

test_expect_success 'other files in the folder are ignored' '
    echo hi >other.py && sleep 0.3 && tui_lacks "(#4)"
'

test_expect_success 'q quits; the exit code is the last verdict (1: not passed)' '
    tui_keys q && tui_wait "[exit 1]"
'

test_expect_success 'a passing file exits 0' '
    printf "def append_to(x, lst=None):\n    return (lst or []) + [x] if lst is None else lst + [x]\n" >answer.py &&
    tui_start -- run --pack "$PACK" mutable-default-fix "$TRASH/answer.py" --watch &&
    tui_wait "PASS" && tui_keys q && tui_wait "[exit 0]"
'

test_expect_success 'every grading is recorded as the quiz records an answer' '
    P="$XDG_STATE_HOME/pydrill/progress.json" H="$XDG_STATE_HOME/pydrill/history.jsonl" &&
    /usr/bin/python3 -c "
import json, sys
e = json.load(open(sys.argv[1]))[\"entries\"][\"mutable-default-fix\"]
assert e[\"attempts\"] == 4 and e[\"passed\"] and e[\"last_status\"] == \"pass\", e
assert \"lst is None else lst + [x]\" in e[\"last_answer\"], e
assert e[\"card\"][\"due\"] > 0, e
" "$P" &&
    test "$(grep -c "\"mode\":\"watch\"" "$H")" -eq 4 && tail -n 1 "$H" | grep -q "\"status\":\"pass\""
'

test_expect_success 'the quiz shows what watch recorded' '
    tui_start -- --pack "$PACK" && tui_wait "✓ fix" && tui_wait "1/5 passed" && tui_quit
'

test_expect_success 'progress that cannot be recorded: a fixed line above the footer, and on stderr at exit' '
    : >"$TRASH/afile" &&
    printf "def append_to(x, lst=None):\n    lst = [] if lst is None else lst\n    lst.append(x)\n    return lst\n" >ok.py &&
    TUI_H=24 TUI_W=80 tui_start XDG_STATE_HOME="$TRASH/afile" -- run --pack "$PACK" mutable-default-fix "$TRASH/ok.py" --watch &&
    tui_wait "PASS" && tui_screen >s && test "$(sed -n 23p s | cut -c1-22)" = " Progress NOT saved: /" &&
    tui_keys q && tui_wait "[exit 0]" &&
    contains "$TRASH/stderr" "pydrill: warning: progress not saved: $TRASH/afile/pydrill: error: cannot create folder" &&
    contains "$TRASH/stderr" "Not a directory"
'

test_expect_success 'without a terminal: watch mode (not "the quiz") needs one' '
    expect_code 2 pydrill run --pack "$PACK" mutable-default-fix "$TRASH/ok.py" --watch </dev/null >out 2>err &&
    contains err "pydrill: error: watch mode needs a terminal" && lacks err "the quiz"
'

test_expect_success 'a folder that cannot be watched: exit 2 with a message' '
    expect_code 2 pydrill run --pack "$PACK" mutable-default-fix "$TRASH/nope/answer.py" --watch 2>err &&
    contains err "pydrill: error: cannot watch"
'

test_done
