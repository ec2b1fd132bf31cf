#!/bin/bash
# Interview and review, from the interview4 audit: an untouched starter is
# missing however it is handed in; Ctrl-R in an interview shows no more than
# a hand-in would; q on a terminal too small keeps a running interview; a
# pass after the answer was shown stays one when graded by hand, also when
# a report showed it; answers to an older revision are not exported; a
# report that cannot be kept says so and is asked about; keys typed as the
# clock runs out drive nothing; a reset is not answered by type-ahead.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
S="$XDG_STATE_HOME/pydrill"
P="$S/progress.json"
IV="$S/interviews"

test_expect_success 'I1: Ctrl-S on every untouched drill: all missing, 0 points, "Skipped"' '
    tui_start -- --pack "$PACK" --mode interview --count 5 --minutes 5 &&
    tui_wait "interview 1/5" && tui_keys C-s &&
    tui_wait "Skipped: nothing was handed in for drill 1" && tui_lacks "Answer recorded" &&
    tui_wait "interview 2/5" && tui_keys C-s && tui_wait "interview 3/5" && tui_keys C-s &&
    tui_wait "interview 4/5" && tui_keys C-s && tui_wait "interview 5/5" && tui_keys C-s &&
    tui_wait "Interview report" && tui_wait "Score: 0 / 5 (0%)" && tui_lacks "✗ fail" &&
    tui_screen >s && test "$(grep -c "✗ missing  0.00" s)" -eq 5
'

test_expect_success 'I1: a starter edited and edited back, or with blanks added at line ends, is missing' '
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys Down End && tui_type "x" && tui_wait "2│     passx" &&
    tui_keys BSpace && tui_type "   " && tui_keys C-s &&
    tui_wait "Score: 0 / 1" && tui_wait "✗ missing" && tui_wait "(no answer)"
'

test_expect_success 'I1: a real edit of the starter handed in with Ctrl-S is graded' '
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys Down End && tui_type "  # later" && tui_keys C-s &&
    tui_wait "Interview report" && tui_wait "✗ fail" && tui_lacks "missing"
'

test_expect_success 'I1: practice as the README says: an empty box is missing, the starter is graded' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_keys C-s && tui_wait "MISSING" && tui_keys Escape &&
    tui_wait "topic: all" && tui_keys j Enter && tui_wait "1│ def append_to" && tui_keys C-s &&
    tui_wait "FAIL" && tui_keys Escape && tui_quit
'

test_expect_success 'I2: no Ctrl-R on a parsons drill in an interview: no line is named' '
    tui_start -- --pack "$TUI_FIX/parsons.json" --mode interview --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_wait "Your program" && tui_lacks "^R run tests" &&
    for l in a b c d e f; do tui_keys $l C-r && tui_wait "No Ctrl-R on parsons drills in an interview" &&
        tui_lacks "belongs to no right answer" && tui_lacks "visible tests:" && tui_keys $l || return 1; done
'

test_expect_success 'I2: a practice run that stops before the tests says none ran, not "0 of 0"' '
    tui_start -- --pack "$TUI_FIX/parsons.json" && tui_wait "Put total in order" && tui_keys Enter &&
    tui_wait "Your program" && found= &&
    for l in a b c d e f; do tui_keys $l C-r && tui_wait "visible tests:" && tui_screen >s || return 1
        if grep -q "belongs to no right answer" s; then found=$l; break; fi; tui_keys $l || return 1; done &&
    test -n "$found" && contains s "visible tests: none of 1 ran (fail)" && lacks s "0 of 0" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'I3: q on "too small" in an interview asks, then hands in and keeps the report' '
    rm -rf "$IV" &&
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_wait "2│     return n * n" && tmux -L "$TUI_SOCK" resize-window -t t -x 30 -y 8 &&
    tui_wait "Terminal too small" && tui_keys q && tui_wait "End the interview" &&
    tui_keys n && tui_wait "cancelled" && tui_lacks "[exit" && tui_keys q && tui_wait "End the interview" &&
    tui_wait "[y/N]" && tui_keys y && tui_wait "[exit 0]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 && contains "$(cat kept)" "return n * n" &&
    contains "$TRASH/stderr" "its report is kept in $IV/"
'

test_expect_success 'I4: an explain pass typed after the model answer was shown: g counts as after reveal' '
    rm -rf "$S" &&
    tui_start PYDRILL_NOW=1700000000 -- --pack "$PACK" --topic memory && tui_wait "Reference counting" &&
    tui_keys Enter && tui_wait "Your answer, in words" && tui_type "no idea" && tui_keys C-s &&
    tui_wait "A model answer" && tui_keys r && tui_wait "Your answer, in words" && tui_keys C-u &&
    tui_type "When its reference count drops to zero; the cycle collector finds cycles." && tui_keys C-s &&
    tui_wait "Passed after the answer was shown" && tui_wait "h and g count as after reveal" && tui_keys g &&
    tui_wait "counts as after reveal at best" && tui_wait "review in 10 min" && tui_lacks "You graded it good" &&
    /usr/bin/python3 -c "
import json, sys
c = json.load(open(sys.argv[1]))[\"entries\"][\"refcount-explain\"][\"card\"]
assert c[\"reps\"] == 0 and c[\"interval_days\"] < 0.01, c
" "$P" && tui_keys a && tui_wait "You graded it again" && tui_keys Escape && tui_quit
'

# quiz.json with mutable-default-fix and gil-choice at revision 2
/usr/bin/python3 - "$PACK" "$TRASH/rev2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for x in d["drills"]:
    if x["id"] in ("mutable-default-fix", "gil-choice"):
        x["revision"] = 2
json.dump(d, open(sys.argv[2], "w"))
PY

test_expect_success 'I5: after a revision bump, x exports no answer to the old question, and the entry goes' '
    rm -rf "$S" pydrill-answers-*.json &&
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys j Enter &&
    tui_wait "1│ def append_to" && tui_keys Down End && tui_type "  # old answer" && tui_keys C-s &&
    tui_wait "FAIL" && tui_keys Escape && tui_wait "topic: all" && tui_keys j j Enter &&
    tui_wait "Disk I/O" && tui_keys b Enter && tui_wait "PASS" && tui_keys Escape && tui_keys k k k Enter &&
    tui_wait "Your answer: what it prints" && tui_type "[1]" && tui_keys C-s && tui_wait "FAIL" &&
    tui_keys Escape && tui_quit && contains "$P" "# old answer" &&
    tui_start -- --pack "$TRASH/rev2.json" && tui_wait "0/5 passed" && tui_keys x &&
    tui_wait "exported 1 answer to" && f=$(ls pydrill-answers-*.json) &&
    contains "$f" "mutable-default-predict" && lacks "$f" "# old answer" && lacks "$f" "gil-choice" &&
    tui_quit && lacks "$P" "# old answer" && lacks "$P" "gil-choice" && contains "$P" "mutable-default-predict" &&
    XDG_STATE_HOME="$XDG_STATE_HOME" pydrill export >out && lacks out "old answer"
'

test_expect_success 'I6: a right option read off an interview report passes after reveal, in this session' '
    rm -rf "$S" &&
    tui_start -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "Disk I/O" && tui_keys a Enter && tui_wait "The right answer" && tui_keys Escape &&
    tui_wait "topic: concurrency" && tui_keys Enter && tui_wait "Disk I/O" && tui_keys b Enter &&
    tui_wait "PASS" && tui_wait "Passed after the answer was shown" && tui_keys Escape &&
    tui_wait "0/5 passed +1 after reveal" && tui_quit
'

test_expect_success 'I6: so in a later session, once p has opened that report' '
    rm -f "$P" &&
    tui_start -- --pack "$PACK" --topic concurrency && tui_wait "topic: concurrency" && tui_keys p &&
    tui_wait "gil-choice" && tui_keys Enter && tui_wait "The right answer" && tui_keys Escape Escape &&
    tui_wait "topic: concurrency" && tui_keys Enter && tui_wait "Disk I/O" && tui_keys b Enter &&
    tui_wait "Passed after the answer was shown" && tui_keys Escape && tui_wait "0/5 passed +1 after reveal" &&
    tui_quit
'

test_expect_success 'I6: a later session that did not open it passes honestly' '
    rm -f "$P" &&
    tui_start -- --pack "$PACK" --topic concurrency && tui_wait "topic: concurrency" && tui_keys Enter &&
    tui_wait "Disk I/O" && tui_keys b Enter && tui_wait "PASS" && tui_lacks "Passed after the answer" &&
    tui_keys Escape && tui_wait "1/5 passed" && tui_quit
'

test_expect_success 'I7: a report that cannot be kept says so, asks before it is left or the quiz quits' '
    rm -rf "$S" pydrill-interview-* && mkdir -p "$TRASH/ro" && : >"$TRASH/ro/state" &&
    tui_start XDG_STATE_HOME="$TRASH/ro/state" -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "Disk I/O" && tui_keys b Enter && tui_wait "Interview report" &&
    tui_wait "This report is NOT kept" && tui_wait "x or X exports it" &&
    tui_keys Escape && tui_wait "leaving it loses it" && tui_wait "[y/N]" && tui_keys n && tui_wait "cancelled" &&
    tui_wait "Interview report" && tui_keys C-c && tui_wait "This interview report is NOT kept" &&
    tui_wait "[y/x/X/N]" && tui_keys n && tui_lacks "[exit" && tui_keys C-c && tui_wait "[y/x/X/N]" &&
    tui_keys x && tui_wait "[exit 0]" && f=$(ls pydrill-interview-*.txt) && contains "$f" "gil-choice" &&
    contains "$TRASH/stderr" "not kept in the state folder, but exported"
'

test_expect_success 'I9: keys typed on as the clock runs out neither leave the report nor reset progress' '
    rm -rf "$S" &&
    tui_start -- --pack "$PACK" --topic basics && tui_wait "Write square" && tui_keys Enter &&
    tui_wait "1│ def square(n):" && tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_keys C-s && tui_wait "PASS" && tui_keys Escape && tui_wait "1/5 passed" && tui_quit &&
    tui_start -- --pack "$PACK" --mode interview --topic memory --count 1 --minutes 0.05 &&
    tui_wait "Your answer, in words" &&
    for i in $(seq 1 100); do tui_type "q Dyn " || return 1; tui_keys Enter; sleep 0.05; done &&
    tui_wait "pydrill interview report" && tui_wait "Esc list" && tui_lacks "Reset ALL" && tui_lacks "[exit" &&
    contains "$P" "\"passed\":	true" && tui_keys q && tui_wait "Esc goes back to the list" &&
    tui_keys Escape && tui_wait "1/5 passed" && tui_quit && contains "$P" "\"passed\":	true"
'

test_expect_success 'I9: D then y typed at once does not reset; y once the question offers it does' '
    tui_start -- --pack "$PACK" && tui_wait "1/5 passed" && tui_keys D && tui_keys y && sleep 1 &&
    tui_wait "1/5 passed" && tui_lacks "all progress reset" && tui_keys Escape && tui_wait_gone "Reset ALL" &&
    tui_keys D && tui_wait "Reset ALL progress, answers and drafts? [y/N]" &&
    tui_keys y && tui_wait "all progress reset" && tui_wait "0/5 passed" && tui_quit
'

test_expect_success 'I10: a 40-column report wraps its summary lines; PgDn moves a screen' '
    tui_start -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "Disk I/O" && tui_keys b Enter && tui_wait "Interview report" && tui_wait "Esc list" &&
    tmux -L "$TUI_SOCK" resize-window -t t -x 40 -y 12 && tui_wait "Python 3" && tui_wait "1.00/1" &&
    tui_keys g && tui_wait "Interview report" && tui_keys NPage && tui_wait_gone "Interview report" &&
    tui_screen | sed -n 2p | grep -q "1.00/1" &&
    tui_keys Escape && tui_wait "topic: concurrency" && tui_quit
'

test_expect_success 'I10: the list of past interviews lines up with its header' '
    tui_start -- --pack "$PACK" && tui_wait "topic: all" &&
    tui_keys p && tui_wait "when" && tui_screen >s && /usr/bin/python3 -c "
import sys
rows = open(sys.argv[1]).read().splitlines()
head = next(r for r in rows if r.lstrip().startswith(\"when\"))
row = next(r for r in rows if \"1.00/1\" in r)
assert head.index(\"time\") <= row.index(\"0m\") <= head.index(\"time\") + 2, (head, row)
assert head.index(\"drills\") == row.index(\"gil-choice\"), (head, row)
assert head.index(\"%\") == row.index(\"%\"), (head, row)
" s && tui_keys Escape && tui_quit
'

# an editor that writes three lines, the last with a tab
cat >"$TRASH/tab-editor.sh" <<'EOS'
#!/bin/sh
printf 'The reference count drops to zero.\nCycles go to the cycle collector.\nFix:\tnothing to fix\n' >"$1"
EOS
chmod +x "$TRASH/tab-editor.sh"

test_expect_success 'I10: an explain answer keeps its lines in the report, a tab too' '
    tui_start EDITOR="$TRASH/tab-editor.sh" -- --pack "$PACK" --mode interview --topic memory --count 1 --minutes 5 &&
    tui_wait "Your answer, in words" && tui_keys C-o && tui_wait "Fix:" && tui_keys C-s &&
    tui_wait "Interview report" && tui_screen >s &&
    grep -q "^ *The reference count drops to zero\.$" s && grep -q "^ *Cycles go to the cycle collector\.$" s &&
    tui_keys Escape && tui_quit
'

test_expect_success 'I10: --minutes past its bound names the bound' '
    expect_code 2 pydrill --mode interview --minutes 10000000 2>err &&
    contains err "--minutes needs a positive number of minutes, at most 1000000"
'

test_expect_success 'I10: a failed export names the folder in full and the command that writes elsewhere' '
    rm -rf "$S" && mkdir "$TRASH/pydrill-interview-20231114-221320.txt" &&
    for i in $(seq 2 100); do mkdir "$TRASH/pydrill-interview-20231114-221320-$i.txt" || return 1; done &&
    tui_start TZ=UTC PYDRILL_NOW=1700000000 -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "Disk I/O" && tui_keys b Enter && tui_wait "Esc list" && tui_keys x &&
    tui_wait_joined "export failed: $TRASH/pydrill-interview-20231114-221320.txt: error:" &&
    tui_wait_joined "pydrill export --interview 1 -o FILE" && tui_lacks "made in ." && tui_keys Escape && tui_quit
'

test_done
