#!/bin/bash
# What next, and how it went: a retry right after the answer was shown is
# "passed after reveal" (list, header, schedule); v with nothing due says
# when the next review is; a syntax error shows its line with a caret; n on
# the list and u on a result open the next unsolved drill; an explain result
# shows the points hit and missed and the model answer, and the candidate
# grades it for the schedule.
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

test_expect_success 'a pass right after the answer was shown is marked "after reveal"' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_keys Enter && tui_wait "Your answer" && tui_type "[1]" && tui_keys C-s && tui_wait "FAIL" &&
    tui_wait "Why" && tui_keys r && tui_wait "Your answer" && tui_keys Enter && tui_type "[1, 2]" &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "Passed after the answer was shown" &&
    tui_keys Escape && tui_wait "◐ predict" && tui_wait "0/5 passed +1 after reveal" && tui_wait "score 0.5/5"
'

test_expect_success 'it is not passed, and the schedule brings it back soon' '
    test "$(entry mutable-default-predict passed)" = False &&
    test "$(entry mutable-default-predict revealed_pass)" = True &&
    test "$(entry mutable-default-predict card.reps)" = 0 &&
    test "$(entry mutable-default-predict card.due)" = $((now + 600)) &&
    tail -n 1 "$H" | grep -q "\"after_reveal\":true"
'

test_expect_success 'v with nothing due says when the next review is' '
    tui_keys v && tui_wait "Nothing is due for review. Next: mutable-default-predict, in 10 min (" &&
    tui_lacks "review 1/"
'

test_expect_success 'n on the list opens the next drill not passed' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" && tui_wait "▶ ◐ predict" && tui_keys n && tui_wait "1│ def append_to(x, lst=[]):" && tui_keys Escape && tui_wait "▶ · fix"
'

test_expect_success 'a syntax error shows the line with a caret under the column' '
    tui_keys j Enter && tui_wait "1│ def square(n):" && tui_keys End BSpace BSpace && tui_wait "1│ def square(n" &&
    tui_keys C-s && tui_wait "SYNTAX" && tui_wait "1 │ def square(n" && tui_screen >s &&
    line=$(grep -n "1 │ def square(n" s | cut -d: -f1) &&
    sed -n "$((line + 1))p" s | grep -q "^     │           ^$"
'

test_expect_success 'u on a result opens the next unsolved drill' '
    tui_keys r && tui_wait "Your code" && tui_keys End && tui_type "):" && tui_keys Down End BSpace BSpace BSpace BSpace &&
    tui_type "return n * n" && tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "u next unsolved" &&
    tui_keys u && tui_wait "What the GIL serialises"
'

test_expect_success 'an explain result: points hit and missed, the model answer, a grade of ones own' '
    tui_keys Escape && tui_keys G Enter && tui_wait "Your answer, in words" &&
    tui_type "The reference count drops to zero." && tui_keys C-s && tui_wait "FAIL   score 0.50" &&
    tui_wait "Rubric: 1 of 2 points" && tui_wait "✓ reference count reaches zero" &&
    tui_wait "✗ the cycle collector handles cycles" && tui_wait "A model answer" &&
    tui_wait "How did it go? Your call feeds the review schedule" && tui_wait "a again    h hard    g good" &&
    tui_wait "a/h/g again/hard/good"
'

test_expect_success 'h: hard feeds the schedule instead of the automatic grade' '
    test "$(entry refcount-explain card.due)" = $((now + 600)) &&
    tui_keys h && tui_wait "You graded it hard: next review in 1 day" &&
    test "$(entry refcount-explain card.reps)" = 1 && test "$(entry refcount-explain card.interval_days)" = 1 &&
    test "$(entry refcount-explain card.ease)" = 2.36
'

test_expect_success 'changing ones mind: a (again) replaces it; the verdict stands' '
    tui_keys a && tui_wait "You graded it again: next review in 10 min" &&
    test "$(entry refcount-explain card.reps)" = 0 && test "$(entry refcount-explain card.due)" = $((now + 600)) &&
    test "$(entry refcount-explain last_status)" = fail && tui_keys Escape && tui_quit
'

test_expect_success 'a misconception fails the answer with its own feedback, above the points' '
    tui_start PYDRILL_NOW=$now -- --pack "$PACK" --topic memory && tui_wait "Reference counting" &&
    tui_keys Enter && tui_wait "Your answer, in words" && tui_keys C-a C-k &&
    tui_type "Its reference count matters, but it is freed only when the garbage collector runs." &&
    tui_keys C-s && tui_wait "FAIL" && tui_wait "misconception: CPython does not wait for a collection" &&
    tui_wait "✓ reference count reaches zero" && tui_screen >s &&
    test "$(grep -n "misconception:" s | cut -d: -f1)" -lt "$(grep -n "Rubric:" s | cut -d: -f1)" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'later, the drill passed after reveal is due, and an honest pass makes it passed' '
    tui_start PYDRILL_NOW=$((now + 700)) -- --pack "$PACK" && tui_wait "3 due" && tui_keys v &&
    tui_wait "review 1/3" && tui_wait "Mutable default argument" && tui_type "[1]" && tui_keys Enter &&
    tui_type "[1, 2]" && tui_keys C-s && tui_wait "PASS" && tui_lacks "after the answer was shown" &&
    tui_keys Escape && tui_wait "✓ predict" && tui_wait "1/5 passed +1 after reveal" && tui_quit
'

test_done
