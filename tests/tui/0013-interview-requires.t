#!/bin/bash
# Interview mode draws only drills that can be answered here: a drill whose
# requires are unmet (a future Python, a missing module) would be skipped,
# so it is never one of the N questions.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
REQ="$TUI_FIX/requires.json"   # 2 answerable drills, 3 with unmet requires

# answer_both : answers the two questions of an interview, checking that
# neither is a skipped drill, up to the report
answer_both() {
    tui_wait "interview 1/2" && tui_wait "Pick the first answer of Answerable" && tui_lacks "Needs" &&
    tui_keys a Enter && tui_wait "interview 2/2" && tui_wait "Pick the first answer of Answerable" &&
    tui_lacks "Needs" && tui_keys a Enter && tui_wait "Interview report" && tui_wait "Score: 2 / 2" &&
    tui_wait "Answerable one" && tui_wait "Answerable two" && tui_lacks "Needs"
}

test_expect_success '--count 2 of 5 drills: the two that can be answered, every time' '
    tui_start -- --pack "$REQ" --mode interview --count 2 && answer_both &&
    tui_keys Escape && tui_wait "topic: all" && tui_keys i && tui_wait "[y/N]" && tui_keys y && answer_both &&
    tui_keys Escape && tui_wait "topic: all" && tui_keys i && tui_wait "[y/N]" && tui_keys y && answer_both &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit
'

test_expect_success 'the history has the answerable drills only' '
    H="$XDG_STATE_HOME/pydrill/history.jsonl" &&
    test "$(grep -c "\"mode\":\"interview\"" "$H")" -eq 3 &&
    test "$(grep -o "\"id\":\"here-" "$H" | wc -l)" -eq 6 &&
    lacks "$H" "future-" && lacks "$H" "nomod"
'

test_expect_success 'a larger --count gives the answerable drills, no more' '
    tui_start -- --pack "$REQ" --mode interview --count 5 && answer_both && tui_keys q && tui_quit
'

test_expect_success 'a topic where nothing can be answered: no interview' '
    cat >"$TRASH/only-skipped.json" <<EOS &&
{ "format": "pydrill/1", "pack": "skiponly", "title": "t", "drills": [
  { "id": "f1", "title": "Future only", "topic": "t", "level": 1, "kind": "choice", "prompt": "p",
    "choices": ["a", "b"], "answer": 0, "explanation": "e", "requires": { "python": ">=9.0" } } ] }
EOS
    tui_start -- --pack "$TRASH/only-skipped.json" && tui_wait "topic: all" && tui_keys i && tui_wait "[y/N]" && tui_keys y &&
    tui_wait "No drills for an interview" && tui_lacks "interview 1/" && tui_quit
'

test_done
