#!/bin/bash
# history.jsonl in the state folder is complete: besides the interview
# reports, one record per graded practice or review answer (mode, id,
# status, score, time); a Ctrl-R run of the visible tests is not an answer.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
H="$XDG_STATE_HOME/pydrill/history.jsonl"
now=1700000000
test_cmp_r() { diff -u want r; }

# records FILE : each line of FILE, parsed as JSON, as "mode id status score time"
records() {
    /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    print(o["mode"], o.get("id"), o.get("status"), o["score"], o["time"])
' "$1"
}

# lines FILE N : waits (up to 20 s) until FILE has N lines; the screen may
# show a verdict a moment before the history line is on disk.
lines() {
    i=0
    while [ $i -lt 400 ]; do
        [ "$(wc -l <"$1" 2>/dev/null || echo 0)" -eq "$2" ] && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- $1 has $(wc -l <"$1") lines, not $2"
    return 1
}

test_expect_success 'a practice answer is recorded' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" --topic concurrency &&
    tui_wait "What the GIL serialises" && tui_keys Enter && tui_wait "Execution of Python bytecode" &&
    tui_keys b Enter && tui_wait "PASS" && lines "$H" 1 &&
    records "$H" >r && echo "practice gil-choice pass 1 $now" >want && test_cmp_r
'

test_expect_success 'a retry is another record' '
    tui_keys r && tui_wait "Execution of Python bytecode" && tui_keys b a Enter && tui_wait "FAIL" && lines "$H" 2 &&
    records "$H" >r && printf "practice gil-choice pass 1 $now\npractice gil-choice fail 0 $now\n" >want &&
    test_cmp_r && tui_keys Escape && tui_quit
'

test_expect_success 'Ctrl-R (visible tests only) is not recorded; Ctrl-S is' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys C-r && tui_wait "visible tests: 0 of 1 passed" && test "$(wc -l <"$H")" -eq 2 &&
    tui_keys C-s && tui_wait "score 0.00" && lines "$H" 3 &&
    records "$H" | tail -n 1 >r && echo "practice square-write fail 0 $now" >want && test_cmp_r &&
    tui_keys Escape && tui_quit
'

test_expect_success 'a review answer is recorded as review, with the review clock' '
    later=$((now + 400 * 86400)) &&
    tui_start PYDRILL_NOW=$later -- --pack "$PACK" --mode review &&
    tui_wait "review 1/2" && tui_wait "Write square" && tui_keys C-s && tui_wait "score 0.00" &&
    records "$H" | grep "^review" >r && echo "review square-write fail 0 $later" >want && test_cmp_r &&
    lines "$H" 4 && tui_keys Escape && tui_quit
'

test_done
