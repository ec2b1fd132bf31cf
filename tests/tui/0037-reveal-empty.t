#!/bin/bash
# An empty answer handed in with Ctrl-S is `missing`, and its result shows
# the explanation, a predict drill's real output and an explain drill's
# model answer as any result does: what is sent after it is "passed after
# reveal" (not passed, no best score, back for review soon; an explain
# self-grade capped), never an honest first pass. So is a pass after
# Ctrl-G showed a predict drill's steps (and so what it prints).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$XDG_STATE_HOME/pydrill/progress.json"
H="$XDG_STATE_HOME/pydrill/history.jsonl"
now=1700000000
# entry ID FIELD : a field of a drill's progress entry, as Python prints it
entry() {
    /usr/bin/python3 -c 'import json, sys
e = json.load(open(sys.argv[1]))["entries"][sys.argv[2]]
for k in sys.argv[3].split("."):
    e = e.get(k) if isinstance(e, dict) else None
print(e)' "$P" "$1" "$2"
}

test_expect_success 'predict: an empty Ctrl-S shows the real output and the explanation' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_keys Enter && tui_wait "Your answer: what it prints" && tui_keys C-s && tui_wait "MISSING" &&
    tui_wait "What it prints (- real output, + your answer)" && tui_wait "- [1, 2]" &&
    tui_wait "Default values are evaluated once"
'

test_expect_success 'the answer typed from it passes "after reveal", not as an honest pass' '
    tui_keys r && tui_wait "Your answer: what it prints" && tui_type "[1]" && tui_keys Enter &&
    tui_type "[1, 2]" && tui_keys C-s && tui_wait "PASS   score 1.00" &&
    tui_wait "Passed after the answer was shown" && tui_keys Escape && tui_wait "◐ predict" &&
    tui_wait "0/5 passed +1 after reveal" && tui_wait "score 0.0/5" &&
    test "$(entry mutable-default-predict passed)" = False &&
    test "$(entry mutable-default-predict revealed_pass)" = True &&
    test "$(entry mutable-default-predict best_score)" = 0 &&
    test "$(entry mutable-default-predict card.due)" = $((now + 600)) &&
    tail -n 1 "$H" | grep -q "\"after_reveal\":true"
'

test_expect_success 'explain: an empty Ctrl-S shows the model answer; h/g after it count as after reveal' '
    tui_keys G Enter && tui_wait "Your answer, in words" && tui_keys C-s && tui_wait "MISSING" &&
    tui_wait "A model answer" && tui_keys r && tui_wait "Your answer, in words" &&
    tui_type "When its reference count drops to zero; cycles go to the cycle collector." &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "Passed after the answer was shown" &&
    tui_wait "count as after reveal" && tui_keys g &&
    tui_wait_joined "so it counts as after reveal at best: next review in 10 min" &&
    test "$(entry refcount-explain passed)" = False && test "$(entry refcount-explain card.reps)" = 0 &&
    tui_keys Escape && tui_quit
'

test_expect_success 'Ctrl-G (see it happen) on a drill answered in an earlier session reveals it too' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" && tui_wait "◐ predict" && tui_keys g Enter &&
    tui_wait "Your answer: what it prints" && tui_wait "see it happen" && tui_keys C-g &&
    tui_wait "step 1 of" && tui_keys q && tui_wait "Your answer: what it prints" &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "Passed after the answer was shown" &&
    test "$(entry mutable-default-predict passed)" = False && tui_keys Escape && tui_quit
'

test_expect_success 'a later session that showed nothing passes honestly' '
    tui_start PYDRILL_NOW=$((now + 700)) -- --pack "$PACK" && tui_wait "↻ predict" && tui_keys g Enter &&
    tui_wait "Your answer: what it prints" && tui_keys C-s && tui_wait "PASS   score 1.00" &&
    tui_lacks "after the answer was shown" && tui_keys Escape && tui_wait "✓ predict" &&
    test "$(entry mutable-default-predict passed)" = True && tui_quit
'

test_done
