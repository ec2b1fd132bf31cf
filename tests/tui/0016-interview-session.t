#!/bin/bash
# An interview is a session of its own (SPEC 5): when the clock runs out
# every draft is handed in and graded as it stands; its answers never
# replace a practice answer or progress; its report (answers, expected and
# got, explanations) is kept and can be opened and exported later; i asks
# before starting one and says the minutes right.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$XDG_STATE_HOME/pydrill/progress.json"

test_expect_success 'the clock runs out on a draft: it is graded as it stands, never missing' '
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 0.08 &&
    tui_wait "interview 1/1" && tui_wait "1│ def square(n):" &&
    tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_wait "2│     return n * n" &&
    tui_wait "Time is up" && tui_wait "Interview report" && tui_wait "the time ran out" &&
    tui_wait "Score: 1 / 1" && tui_wait "✓ pass     1.00" && tui_lacks "missing"
'

test_expect_success 'an explain draft is graded too' '
    tui_start -- --pack "$PACK" --mode interview --topic memory --count 1 --minutes 0.08 &&
    tui_wait "Your answer, in words" &&
    tui_type "Its reference count drops to zero; the cycle collector finds cycles." &&
    tui_wait "Time is up" && tui_wait "Score: 1 / 1" && tui_lacks "missing"
'

test_expect_success 'an untouched starter is no answer: missing' '
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 0.04 &&
    tui_wait "interview 1/1" && tui_wait "Time is up" && tui_wait "✗ missing" && tui_wait "(no answer)"
'

test_expect_success 'pass a drill in practice' '
    tui_start -- --pack "$PACK" --topic basics && tui_wait "Write square" && tui_keys Enter &&
    tui_wait "1│ def square(n):" && tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_keys Escape && tui_wait "✓ write"
'

test_expect_success 'i asks first, saying the minutes right; n cancels' '
    tui_start -- --pack "$PACK" --topic basics --count 1 --minutes 1 && tui_wait "✓ write" &&
    tui_keys i && tui_wait "Start an interview: 1 drill on basics, 1 minute, no hints? [y/N]" &&
    tui_lacks "1 minutes" && tui_keys n && tui_wait "cancelled" && tui_lacks "time left"
'

test_expect_success 'an interview answer (the buggy stub, edited, submitted) leaves the practice answer alone' '
    tui_keys i && tui_wait "[y/N]" && tui_keys y && tui_wait "Interview: 1 drill, 1 minute. No hints." &&
    tui_wait "interview 1/1" && tui_wait "2│     pass" && tui_keys Down End && tui_type "  # stub" && tui_keys C-s &&
    tui_wait "Interview report" && tui_wait "✗ fail" && tui_wait "Score: 0 / 1" &&
    tui_keys Escape && tui_wait "✓ write" && tui_wait "1/5 passed" &&
    tui_keys Enter && tui_wait "2│     return n * n" && tui_keys Escape && tui_wait "✓ write" &&
    tui_keys x && tui_wait "exported 1 answer to" && f=$(ls pydrill-answers-*.json) &&
    contains "$f" "return n * n" && lacks "$f" "pass" && contains "$P" "return n * n" && lacks "$P" "    pass" &&
    /usr/bin/python3 -c "import json,sys; e=json.load(open(sys.argv[1]))[\"entries\"][\"square-write\"]; assert e[\"attempts\"] == 1 and e[\"passed\"]" "$P"
'

test_expect_success 'the report shows the answer, expected and got, and the explanation' '
    tui_keys i && tui_wait "[y/N]" && tui_keys y && tui_wait "interview 1/1" &&
    tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n + n" && tui_keys C-s &&
    tui_wait "Interview report" && tui_wait "Your answer" && tui_wait "return n + n" &&
    tui_wait "✗ three  [fail]" && tui_wait "expected: 9" && tui_wait "got:      6" &&
    tui_wait "1 of 1 hidden tests passed" && tui_wait "Why" && tui_keys Escape && tui_wait "✓ write"
'

test_expect_success 'each report is kept in the state folder' '
    ls "$XDG_STATE_HOME/pydrill/interviews/" >ls.out && test "$(grep -c "\.json$" ls.out)" -eq 5 &&
    cat "$XDG_STATE_HOME"/pydrill/interviews/*.json >all.json &&
    contains all.json "pydrill-interview/1" && contains all.json "return n + n" &&
    /usr/bin/python3 -c "
import glob, json, sys
rs = [json.load(open(f)) for f in glob.glob(sys.argv[1] + \"/*.json\")]
ts = [t for r in rs for d in r[\"drills\"] for t in d.get(\"tests\", [])]
assert any(t.get(\"expected\") == \"9\" and t.get(\"got\") == \"6\" for t in ts), ts
assert all(\"expected\" not in t for t in ts if t[\"hidden\"]), ts
" "$XDG_STATE_HOME/pydrill/interviews"
'

test_expect_success 'p lists past interviews, newest first; Enter opens one' '
    tui_keys p && tui_wait "pydrill past interviews" && tui_screen >s &&
    test "$(grep -c "square-write" s)" -eq 4 && grep "square-write" s | head -n 1 | grep -q " 0.50/1" &&
    grep "square-write" s | sed -n 2p | grep -q " 0.00/1" &&
    tui_keys Enter && tui_wait "Interview report" && tui_wait "return n + n" &&
    tui_keys Escape && tui_wait "pydrill past interviews" && tui_keys j Enter && tui_wait "Interview report" &&
    tui_wait "    pass" && tui_keys Escape && tui_wait "pydrill past interviews"
'

test_expect_success 'x and X export a past interview as text and as HTML' '
    tui_keys k x && tui_wait "report written to $TRASH/pydrill-interview-" &&
    tui_keys X && tui_wait ".html" &&
    txt=$(ls pydrill-interview-*.txt) && html=$(ls pydrill-interview-*.html) &&
    contains "$txt" "Interview report" && contains "$txt" "Your answer" && contains "$txt" "return n + n" &&
    contains "$txt" "expected: 9" && contains "$txt" "x three  [fail]" &&
    contains "$html" "<!DOCTYPE html>" && contains "$html" "return n + n" && contains "$html" "expected: 9" &&
    tui_keys Escape && tui_wait "topic: basics" && tui_quit
'

test_expect_success 'pydrill export lists the kept interviews and writes one as text, HTML or JSON' '
    pydrill export --interviews >list && test "$(wc -l <list)" -eq 5 &&
    head -n 1 list | grep -q "^1  .*  0.50/1  .* square-write$" &&
    pydrill export --interview 1 >one.txt && contains one.txt "return n + n" && contains one.txt "expected: 9" &&
    pydrill export --interview 1 --format html -o one.html && contains one.html "<!DOCTYPE html>" &&
    pydrill export --interview 2 --format json | /usr/bin/python3 -c "import json, sys; r = json.load(sys.stdin); assert r[\"format\"] == \"pydrill-interview/1\" and r[\"score\"] == 0, r" &&
    expect_code 2 pydrill export --interview 9 2>err && contains err "the quiz has kept 5 interviews" &&
    expect_code 2 pydrill export --format pdf --interview 1 2>err && contains err "pydrill: error:"
'

test_expect_success 'a file in the interviews folder that is not a report is named and left alone' '
    printf "{ not a report" >"$XDG_STATE_HOME/pydrill/interviews/zz-broken.json" &&
    pydrill export --interviews >list 2>err && test "$(wc -l <list)" -eq 5 &&
    contains err "pydrill: warning: $XDG_STATE_HOME/pydrill/interviews/zz-broken.json: " &&
    contains err "(left alone)" && test -f "$XDG_STATE_HOME/pydrill/interviews/zz-broken.json" &&
    rm "$XDG_STATE_HOME/pydrill/interviews/zz-broken.json"
'

test_expect_success 'a report edited to hold terminal escapes is listed with them escaped' '
    cp "$FIXTURES/interviews/forged-escapes.json" "$XDG_STATE_HOME/pydrill/interviews/20231114-000000.json" &&
    pydrill export --interviews >list 2>err && lacks err "left alone" &&
    grep -q "evil.x1b]0;PWN.x07id" list && ! grep -q "$(printf "\033")" list &&
    rm "$XDG_STATE_HOME/pydrill/interviews/20231114-000000.json"
'

test_expect_success 'past interviews survive a restart; hidden tests never leak into a report' '
    tui_start -- --pack "$PACK" --topic basics && tui_wait "Write square" && tui_keys p &&
    tui_wait "pydrill past interviews" && tui_wait "square-write" &&
    lacks "$(ls pydrill-interview-*.txt)" "square(0)" && tui_keys Escape && tui_quit
'

test_done
