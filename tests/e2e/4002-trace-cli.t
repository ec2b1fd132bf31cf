#!/bin/bash
# pydrill trace: the command line (usage, exit codes, text and json, stdin,
# runs that are stopped), and tracing never changes what the code prints.
. "$(dirname "$0")/lib.sh"
P="$FIXTURES/trace/pack.json"

test_expect_success '--help prints the usage and exits 0' '
    pydrill trace --help >out && contains out "usage: pydrill trace ID" && contains out "Exit status"
'
test_expect_success 'usage errors exit 2' '
    expect_code 2 pydrill trace --pack "$P" 2>err && contains err "which drill" &&
    expect_code 2 pydrill trace grid-predict extra --pack "$P" 2>err && contains err "unexpected argument" &&
    expect_code 2 pydrill trace grid-predict --format xml --pack "$P" 2>err && contains err "unknown format" &&
    expect_code 2 pydrill trace grid-predict --bogus --pack "$P" 2>err && contains err "unknown option"
'
test_expect_success 'an unknown drill exits 2' '
    expect_code 2 pydrill trace nope --pack "$P" 2>err && contains err "no drill with id"
'
test_expect_success 'a drill without code exits 2, unless code is given' '
    expect_code 2 pydrill trace no-code-explain --pack "$P" 2>err && contains err "no code to trace" &&
    echo "x = 1" | pydrill trace no-code-explain --code - --pack "$P" >out && contains out "x"
'
test_expect_success 'unreadable code exits 2 with a message' '
    expect_code 2 pydrill trace grid-predict --code missing.py --pack "$P" 2>err && contains err "missing.py" &&
    printf "\xff\xfe" >bin.py && expect_code 2 pydrill trace grid-predict --code bin.py --pack "$P" 2>err &&
    contains err "UTF-8"
'
test_expect_success 'text: the line, names to ids, the shared list drawn once (ASCII in the C locale)' '
    LC_ALL=C pydrill trace grid-predict --pack "$P" >out &&
    contains out "step 3 of 4" && contains out "3 | print(grid)" && contains out "<module>: grid -> o1" &&
    contains out "o1   list [[1], [1], [1]]  items o2 o2 o2" && contains out "o2   list [1]  items o3  > shared by 3" &&
    contains out "printed: [[1], [1], [1]]" && contains out "ended normally" &&
    test "$(grep -c "^    o2 " out)" = 3
'
test_expect_success 'text: arrows and marks where the locale has UTF-8' '
    LC_ALL=C.UTF-8 pydrill trace grid-predict --pack "$P" >out && contains out "grid → o1" && contains out "▶ shared by 3"
'
test_expect_success 'json: the document of SPEC 4, with the drill'"'"'s code' '
    pydrill trace grid-predict --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json, sys
d = json.load(open(\"doc.json\"))
assert d[\"format\"] == \"pydrill-trace/1\" and d[\"drill\"] == \"grid-predict\" and d[\"status\"] == \"ok\", d
assert d[\"code\"].startswith(\"grid = [[]] * 3\") and d[\"output\"] == \"[[1], [1], [1]]\n\"
assert [s[\"line\"] for s in d[\"steps\"]] == [1, 2, 3, 3]
g = d[\"steps\"][-1][\"names\"][\"grid\"]
assert len(set(d[\"objects\"][g][\"items\"])) == 1 and d[\"objects\"][g][\"type\"] == \"list\"
"
'
test_expect_success 'the code read from standard input' '
    printf "a = [0]\nb = a\n" | pydrill trace grid-predict --code - --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json; d = json.load(open(\"doc.json\")); n = d[\"steps\"][-1][\"names\"]
assert n[\"a\"] == n[\"b\"], n"
'
test_expect_success 'repl mode: each statement alone, so 5000 is not 5000' '
    pydrill trace is-repl --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json; d = json.load(open(\"doc.json\")); n = d[\"steps\"][-1][\"names\"]
assert d[\"status\"] == \"ok\" and d[\"output\"] == \"False\nTrue\n\", d[\"output\"]
assert n[\"a\"] != n[\"b\"], n"
'
test_expect_success 'a run over its time limit exits 1, status timeout, with the steps it got to' '
    printf "x = 1\nwhile True:\n    x += 1\n" >loop.py &&
    expect_code 1 pydrill trace slow-predict --code loop.py --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json; d = json.load(open(\"doc.json\"))
assert d[\"status\"] == \"timeout\" and \"time limit\" in d[\"message\"] and len(d[\"steps\"]) > 2, d[\"status\"]" &&
    expect_code 1 pydrill trace slow-predict --code loop.py --pack "$P" >out && contains out "stopped (timeout)"
'
test_expect_success 'a run that dies keeps its steps (crash, exit 1)' '
    printf "import os\nx = [1]\nos.abort()\n" >abort.py &&
    expect_code 1 pydrill trace grid-predict --code abort.py --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json; d = json.load(open(\"doc.json\"))
assert d[\"status\"] == \"crash\" and \"x\" in d[\"steps\"][-1][\"names\"], d"
'
test_expect_success 'a raising snippet exits 0: the exception is part of the trace' '
    printf "print(1 // 0)\n" >zero.py &&
    pydrill trace grid-predict --code zero.py --pack "$P" >out &&
    contains out "raises ZeroDivisionError: " &&
    contains out "ended by an exception: ZeroDivisionError"
'
test_expect_success 'what the code prints cannot drive the terminal' '
    printf "print(\"\\\\x1b[2J\\\\x9b0m\")\n" >esc.py &&
    pydrill trace grid-predict --code esc.py --pack "$P" >out &&
    ! grep -q "$(printf "\033")" out && contains out "\\x1b[2J"
'
test_expect_success 'names, keys, types, exceptions and output of the code cannot drive the terminal' '
    LC_ALL=C pydrill trace grid-predict --code "$FIXTURES/trace/cases/escapes.py" --pack "$P" >out &&
    ! grep -q "$(printf "\033")" out && ! grep -q "$(printf "\007")" out &&
    ! grep -q "$(printf "\342\200\256")" out && ! grep -q "$(printf "\342\201\246")" out &&
    contains out "<module>: types -> o1, \x1b]0;PWNED\x07\x1b[2J -> o" && contains out ", \u202eevil -> o" &&
    contains out " \x1b[31mRED <\x1b[31mRED object>  attrs \x1b[2J=o" &&
    contains out " module <module '"'"'\x1b[7mMOD'"'"'>" &&
    contains out "printed: out\x1b[2J x\u202e" &&
    contains out "ended by an exception: ValueError: \x1b[5mBOOM\u2066"
'
test_expect_success 'code that does not compile: the exception says where' '
    printf "x = 1\nif x:\n    y = = 2\n" >syn.py &&
    LC_ALL=C pydrill trace grid-predict --code syn.py --pack "$P" >out &&
    contains out "ended by an exception: SyntaxError: invalid syntax" &&
    contains out "  at line 3, column 9" && contains out "     3 |     y = = 2"
'
# Past the objects budget a step refers only to the objects it draws: a cut
# reference is counted in its holder'"'"'s "... N more", as items past the
# items budget are.
test_expect_success 'text: every id a step shows is drawn in that step' '
    LC_ALL=C pydrill trace grid-predict --code "$FIXTURES/trace/cases/budget-objects-refs.py" --pack "$P" >out &&
    contains out "(cut here: objects" && grep -q "^    o[0-9]* .*  \.\.\. [0-9]* more" out &&
    /usr/bin/python3 - out <<-PY
	import re, sys
	text = open(sys.argv[1]).read()
	bad = 0
	for n, step in enumerate(re.split(r"\n(?=-- step )", text)[1:], 1):
	    drawn = set(re.findall(r"^    (o\d+) ", step, re.M))
	    shown = set(re.findall(r"\bo\d+\b", step))
	    if shown - drawn:
	        bad += 1
	        print("step", n, "shows", sorted(shown - drawn), "not drawn")
	sys.exit(1 if bad else 0)
	PY
'
test_expect_success 'a reader that goes away is not an error' '
    pydrill trace grid-predict --pack "$P" | head -1 >/dev/null; test "${PIPESTATUS[0]}" = 0
'
test_expect_success 'a full standard output is an error (exit 2), in both formats' '
    expect_code 2 pydrill trace grid-predict --pack "$P" >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 pydrill trace grid-predict --pack "$P" --format json >/dev/full 2>err && contains err "standard output"
'
test_expect_success 'no scratch folder is left behind' '
    mkdir tmp && TMPDIR="$PWD/tmp" pydrill trace grid-predict --pack "$P" >/dev/null && [ -z "$(ls tmp)" ]
'
# Tracing holds no reference and calls nothing of the code's: every predict
# drill of the catalog prints under trace what it prints when graded.
test_expect_success 'every predict drill of the catalog prints under trace what it prints graded' '
    pydrill __truths --catalog "$TOP/drills.json" >truths.json 2>err &&
    /usr/bin/python3 - "$PYDRILL" "$TOP/drills.json" <<-PY
	import json, subprocess, sys
	exe, catalog = sys.argv[1], sys.argv[2]
	truths = json.load(open("truths.json"))
	norm = lambda s: "\n".join(l.rstrip() for l in s.replace("\r\n", "\n").strip("\n").split("\n"))
	bad = 0
	for drill, truth in sorted(truths.items()):
	    r = subprocess.run([exe, "trace", drill, "--catalog", catalog, "--format", "json"],
	                       capture_output=True, text=True)
	    d = json.loads(r.stdout)
	    out = d["output"].rstrip("\n") + ("\n" + d["exception"] if d.get("exception") else "")
	    if norm(out) != norm(truth):
	        bad += 1
	        print("differs:", drill, d["status"], repr(out[:120]), repr(truth[:120]))
	print(len(truths), "drills,", bad, "differ")
	sys.exit(1 if bad or len(truths) < 10 else 0)
	PY
'
test_expect_success 'a drill whose requires are unmet is SKIPPED, exit 0, as run does' '
    pydrill trace future-predict --pack "$P" >out && contains out "SKIPPED" && contains out "needs Python >=9.0" &&
    ! grep -q "step" out &&
    pydrill trace future-predict --pack "$P" --format json >doc.json &&
    /usr/bin/python3 -c "
import json; d = json.load(open(\"doc.json\"))
assert d[\"status\"] == \"skipped\" and \"needs Python\" in d[\"message\"] and d[\"steps\"] == [], d"
'
test_expect_success 'a long line of code is drawn cut at each step, and the end says so' '
    /usr/bin/python3 -c "open(\"long.py\", \"w\").write(\"for i in range(50): pass  # \" + \"A\" * 100000 + \"\\n\")" &&
    pydrill trace grid-predict --code long.py --pack "$P" >out &&
    test "$(wc -c <out)" -lt 100000 && contains out "lines of code past 200 characters are shown cut" &&
    test "$(grep -c "AAAA" out)" -gt 50
'
test_expect_success 'a write that fails is reported once, exit 2' '
    expect_code 2 pydrill trace grid-predict --pack "$P" >/dev/full 2>err &&
    test "$(grep -c "cannot write to standard output" err)" = 1
'
test_expect_success 'a NUL byte in the code is called that, not "not UTF-8"' '
    printf "print(1)\000junk\n" >nul.py &&
    expect_code 2 pydrill trace grid-predict --code nul.py --pack "$P" 2>err && contains err "NUL byte" &&
    ! grep -q "UTF-8" err
'
test_done
