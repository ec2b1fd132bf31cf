#!/bin/bash
# pydrill check: verification against the live interpreter.
. "$(dirname "$0")/lib.sh"
C="$FIXTURES/e2e/check"
K="$FIXTURES/packs/check"

test_expect_success 'a good pack checks clean (exit 0)' '
    pydrill check --pack "$C/good.json" >out && contains out "1 ok, 0 with problems"
'
test_expect_success 'the fixture pack of every kind checks clean' '
    pydrill check --pack "$FIXTURES/e2e/engine.json" >out 2>err && contains out "6 ok" && contains out "1 skipped"
'
test_expect_success 'a test that compares inside expr is a warning with its rewrite, and check still passes' '
    pydrill check --pack "$C/compare-in-expr.json" >out 2>err &&
    contains out "1 ok, 0 with problems, 0 skipped, 1 warning" &&
    contains err "$C/compare-in-expr.json: drill pair-write: warning: test \"compared inside\" compares inside expr (\`pair() == [1, 2]\`)" &&
    contains err "write it as expr \`pair()\` and expect \`[1, 2]\`" &&
    lacks err "not a tuple" && lacks err "\"a value\""
'
test_expect_success 'the warning is earned: a lying __eq__ passes the comparison, not the value it advises' '
    pydrill grade --pack "$C/compare-in-expr.json" --format json -o r.json "$C/liar";
    /usr/bin/python3 -c "
import json
t = {x[\"name\"]: x[\"status\"] for x in json.load(open(\"r.json\"))[\"submissions\"][0][\"drills\"][0][\"tests\"]}
assert t == {\"compared inside\": \"pass\", \"a value\": \"fail\", \"not a tuple\": \"fail\"}, t"
'
test_expect_success 'a setup may patch the library itself; a wrong answer that does is denied, and so fails' '
    pydrill check --pack "$C/setup-patches.json" >out 2>err && contains out "1 ok, 0 with problems" &&
    printf "import heapq\nheapq.nsmallest = lambda n, xs: [1]\ndef ask_twice():\n    return [\"a\", \"b\"]\ndef smallest(xs):\n    return xs[:1]\n" >cheat.py &&
    expect_code 1 pydrill run --pack "$C/setup-patches.json" ask-twice cheat.py >out 2>err &&
    contains out "denied: changing heapq.nsmallest (library code a test may call)"
'
test_expect_success 'a test that imports a module not loaded early is a warning, and the warning is earned' '
    U="$FIXTURES/authoring/unguarded-import.json" &&
    pydrill check --pack "$U" >out 2>err &&
    contains out "1 ok, 0 with problems, 0 skipped, 1 warning" &&
    contains err "drill hue: warning: test \"through colorsys\" imports colorsys, which pydrill does not load" &&
    lacks err "through json" &&
    mkdir -p cheat &&
    printf "import colorsys\ncolorsys.rgb_to_hsv = lambda *a: (0.0, 1.0, 1.0)\ndef red():\n    return (0.0, 0.0, 0.0)\n" >cheat/hue.py &&
    { pydrill grade --pack "$U" --format json -o r.json cheat; test $? -eq 1; } &&
    /usr/bin/python3 -c "import json; t = {x[\"name\"]: x[\"status\"] for x in json.load(open(\"r.json\"))[\"submissions\"][0][\"drills\"][0][\"tests\"]}; assert t == {\"through colorsys\": \"pass\", \"through json\": \"fail\"}, t"
'
test_expect_success 'a test that imports answer gets a hint (its names are in the namespace), not the library-guard warning' '
    expect_code 1 pydrill check --pack "$K/imports-answer.json" >out 2>err &&
    contains err "drill imports-answer: warning: test \"from answer\" imports answer, which is no module: the answer'"'"'s names are already in the test'"'"'s namespace" &&
    contains err "drill imports-answer: warning: test \"with colorsys\" imports answer, which is no module" &&
    contains err "drill imports-answer: warning: test \"with colorsys\" imports colorsys, which pydrill does not load" &&
    lacks err "imports answer, which pydrill" && lacks err "imports answer.sub" && lacks err "test \"plain\" imports" &&
    contains out "3 warnings"
'
test_expect_success 'every module on the early-load list loads before answers (a test importing them all gets no warning)' '
    /usr/bin/python3 - "$TOP/src/libguard_preload.c" >all.json <<\EOF &&
import json, re, sys
src = open(sys.argv[1]).read()
names = re.findall(r"\"([a-z0-9_.]+)\"", src.split("preloadable[] = {", 1)[1].split("};", 1)[0])
assert len(names) > 50, names
print(json.dumps({"format": "pydrill/1", "pack": "all", "title": "t", "drills": [{
    "id": "all", "title": "t", "topic": "x", "level": 1, "kind": "write", "prompt": "p", "explanation": "e",
    "solution": "def f():\n    return 1\n",
    "tests": [{"name": "all", "setup": "import " + ", ".join(names), "expr": "f()", "expect": "1"}]}]}))
EOF
    pydrill check --pack all.json >out 2>err &&
    contains out "1 ok, 0 with problems, 0 skipped" && lacks out warning && lacks err warning
'
test_expect_success 'a predict snippet that prints nothing is caught (an empty answer is no answer)' '
    expect_code 1 pydrill check --pack "$C/prints-nothing.json" 2>err &&
    contains err "drill silent-predict: error: the snippet prints nothing, and an empty answer is no answer" &&
    printf "  \\n" >blank.py &&
    expect_code 1 pydrill run silent-predict blank.py --pack "$C/prints-nothing.json" >out 2>err &&
    contains out "MISSING"
'
test_expect_success 'a wrong solution is caught' '
    expect_code 1 pydrill check --pack "$C/wrong-solution.json" 2>err &&
    contains err "$C/wrong-solution.json: drill bad-solution: error: the solution fails test \"one\""
'
test_expect_success 'a solution that does not compile: where and why, as for a starter' '
    expect_code 1 pydrill check --pack "$K/solution-broken.json" 2>err &&
    contains err "drill colon-missing: error: the solution does not compile: line 1, column 10: expected '"'"':'"'"'" &&
    contains err "drill tab-among-spaces: error: the solution does not compile: line 3, column " &&
    contains err "inconsistent use of tabs and spaces in indentation" &&
    lacks err "fails test"
'
test_expect_success 'a failing solution: each failing test with its own status and message, hidden ones named' '
    expect_code 1 pydrill check --pack "$K/solution-fails.json" 2>err &&
    contains err "drill median-wrong: error: the solution fails test \"even\" (fail): expected 2.5, got 3.0; and hidden test \"empty\" (error): IndexError: list index out of range" &&
    contains err "drill only-hidden-fails: error: the solution fails hidden test \"secret odd\" (fail): expected 2.5, got 2" &&
    lacks err "\"odd\""
'
test_expect_success 'a test expr that is a statement, or does not compile: the pack'"'"'s error, at its JSON location' '
    E="$K/expr-statement.json" &&
    expect_code 1 pydrill check --pack "$E" >out 2>err &&
    contains err "$E: /drills/1/tests/1/expr: error: not an expression: \`r = f(2)\` is a statement" &&
    contains err "$E: /drills/2/tests/1/expr: error: not an expression: \`assert f(3) == 3\` is a statement" &&
    contains err "$E: /drills/3/tests/0/expr: error: expr \`f(1\` does not compile: line 1: " &&
    lacks err "fails test" && lacks err "SyntaxError" && test "$(wc -l <err)" -eq 3 &&
    contains out "1 ok, 3 with problems"
'
test_expect_success 'grading leaves such a drill out as broken (exit 2), naming no hidden test' '
    mkdir sub && printf "def f(x):\n    return x\n" >sub/assigns.py &&
    cp sub/assigns.py sub/hidden-assigns.py && cp sub/assigns.py sub/fine.py &&
    expect_code 2 pydrill grade --pack "$K/expr-statement.json" --format json -o r.json sub 2>err &&
    contains err "/drills/1/tests/1/expr: error: not an expression" &&
    /usr/bin/python3 -c "
import json
d = {x[\"id\"]: x for x in json.load(open(\"r.json\"))[\"submissions\"][0][\"drills\"]}
assert d[\"fine\"][\"status\"] == \"pass\", d[\"fine\"]
for i in (\"assigns\", \"hidden-assigns\", \"unclosed\"):
    assert d[i][\"status\"] == \"skipped\", d[i]
assert \"not an expression\" in d[\"assigns\"][\"message\"], d[\"assigns\"]
assert \"secret\" not in d[\"hidden-assigns\"][\"message\"] and \"assert\" not in d[\"hidden-assigns\"][\"message\"]"
'
test_expect_success 'a predict snippet that does not compile: where and why, unless expect pins the SyntaxError' '
    S="$K/predict-syntax.json" &&
    expect_code 1 pydrill check --pack "$S" >out 2>err &&
    contains err "$S: drill unclosed: error: the snippet does not compile: line 2, column 6: '"'"'('"'"' was never closed" &&
    contains err "drill stray-tab: error: the snippet does not compile: line 2, column " &&
    contains err "drill repl-unparsable: error: the snippet does not compile: line 2, column " &&
    contains err "if the SyntaxError is the point, pin it in expect" &&
    lacks err "drill pinned:" && lacks err "raised-as-it-runs" && lacks err "repl-one-bad-statement" &&
    contains out "3 ok, 3 with problems"
'
test_expect_success 'a predict snippet that cannot run here grades no one: left out of every score, the reason on stderr, exit 2' '
    T="$K/truth-over-limit.json" && mkdir -p slow && echo 4 >slow/fine.txt && echo 449999985000000 >slow/too-slow.txt &&
    expect_code 2 pydrill grade --pack "$T" --format json -o r.json slow 2>err &&
    contains err "$T: drill too-slow: error: the snippet did not run to the end: over the time limit of 300 ms" &&
    /usr/bin/python3 -c "
import json
s = json.load(open(\"r.json\"))[\"submissions\"][0]
d = {x[\"id\"]: x for x in s[\"drills\"]}
assert (s[\"score\"], s[\"max\"], s[\"passed\"]) == (1, 1, 1), s
assert d[\"too-slow\"][\"status\"] == \"skipped\" and d[\"too-slow\"][\"score\"] == 0, d[\"too-slow\"]
m = d[\"too-slow\"][\"message\"]
# under make check-valgrind the limit carries its PYDRILL_TIME_SCALE: \" (x20: ...)\"
assert m.startswith(\"not graded: the drill is broken (the snippet did not run to the end: over the time limit of 300 ms\") and m.endswith(\")\"), d" &&
    expect_code 2 pydrill grade --pack "$T" --format csv slow >csv 2>/dev/null && contains csv "slow,slow,1,1,1,,1" &&
    expect_code 2 pydrill run too-slow slow/too-slow.txt --pack "$T" >out 2>err &&
    contains out "SKIPPED" && contains out "not graded: the drill is broken" && lacks out "ERROR"
'
test_expect_success 'a starter that already passes is caught' '
    expect_code 1 pydrill check --pack "$C/starter-passes.json" 2>err &&
    contains err "drill starter-ok: error: the starter code already passes every test"
'
test_expect_success 'a starter or stub that does not compile is caught (it proves nothing, and no one should start from it)' '
    expect_code 1 pydrill check --pack "$C/starter-broken.json" 2>err &&
    contains err "drill starter-broken: error: the starter code does not compile: line 1, column" &&
    contains err "drill stub-broken: error: the stub does not compile: line 1, column"
'
test_expect_success 'a stale expect is caught with the line that differs' '
    expect_code 1 pydrill check --pack "$C/stale-expect.json" 2>err &&
    contains err "drill stale: error: stale expect: line 1: expect has \"[3, 1, 2]\", the interpreter prints \"[1, 2, 3]\"" &&
    minor=$(pydrill --version | sed -n "s/^Python \(3\.[0-9]*\.[0-9]*\).*/\1/p") && test -n "$minor" &&
    contains err "drill stale: note: the interpreter is Python $minor; if another version printed your expect, give each its own: \"expect\": {\"<3.N\": \"...\", \">=3.N\": \"...\"}"
'
test_expect_success 'a stale expect that differs invisibly says where (NFD, no-break space; predict and test values)' '
    expect_code 1 pydrill check --pack "$K/invisible-diff.json" 2>err &&
    contains err "drill nfd-predict: error: stale expect: line 1: expect has \"cafe$(printf "\\314\\201")\", the interpreter prints \"caf$(printf "\\303\\251")\" (differs at column 4: U+0065 U+0301 vs U+00E9)" &&
    contains err "drill nbsp-predict: error: stale expect: line 1: expect has \"1$(printf "\\302\\240")000\", the interpreter prints \"1 000\" (differs at column 2: U+00A0 vs U+0020)" &&
    contains err "drill nfd-write: error: the solution fails test \"word\" (fail): expected " &&
    contains err " (differs at column 5: U+0065 U+0301 vs U+00E9)" &&
    expect_code 1 pydrill check --pack "$C/stale-expect.json" 2>err && lacks err "differs at"
'
test_expect_success 'every wrong answer must fail a test: one that passes is named' '
    expect_code 1 pydrill check --pack "$C/wrong-answers.json" >out 2>err &&
    contains err "$C/wrong-answers.json: drill slips-through: error: wrong answer 1 passes every test" &&
    lacks err "drill slips-through: error: wrong answer 0" && lacks err "drill caught:" &&
    contains out "1 ok, 2 with problems"
'
test_expect_success 'a wrong answer that does not compile proves nothing, and is caught' '
    expect_code 1 pydrill check --pack "$C/wrong-answers.json" 2>err &&
    contains err "drill does-not-compile: error: wrong answer 0 does not compile, so it proves nothing: line 1, column 14"
'
test_expect_success 'a wrong answer that fails only by a NameError, or hangs in every test, proves nothing, and is caught' '
    W="$K/wrong-proves-nothing.json" &&
    expect_code 1 pydrill check --pack "$W" >out 2>err &&
    contains err "$W: drill total-write: error: wrong answer 0 proves nothing: it fails only for a reason no test is about" &&
    contains err "wrong answer 0 proves nothing: it fails only for a reason no test is about (a misspelt name, a hang, a crash): test \"three\" (error): NameError: name '"'"'total'"'"' is not defined" &&
    contains err "wrong answer 1 proves nothing: it fails only for a reason no test is about (a misspelt name, a hang, a crash): test \"three\" (error): NameError: name '"'"'undefined_name'"'"' is not defined" &&
    contains err "wrong answer 2 proves nothing: it fails only for a reason no test is about (a misspelt name, a hang, a crash): test \"three\" (timeout): over the time limit of 1000 ms" &&
    lacks err "wrong answer 3" && lacks err "wrong answer 4" && lacks err "wrong answer 5" && test "$(wc -l <err)" -eq 3
'
test_expect_success 'a versioned expect is compared with the entry whose range holds; ~= is a compatible release' '
    pydrill check --pack "$C/versioned-expect.json" >out 2>err && contains out "2 ok, 0 with problems, 1 skipped" &&
    contains out "skip never-here: needs Python ~=2.7" && test ! -s err
'
test_expect_success 'a stale versioned expect names its range; no range holding is an error' '
    expect_code 1 pydrill check --pack "$C/versioned-stale.json" 2>err &&
    contains err "drill stale-here: error: stale expect for Python >=3.11: line 1: expect has \"False\", the interpreter prints \"True\"" &&
    contains err "drill no-range-here: error: no expect range holds for Python 3.11 (the ranges are" &&
    contains err "(the ranges are \"<3.0\", \">=9.0\")"
'
test_expect_success 'expect ranges that overlap or leave a supported version out are found from the ranges, on any Python' '
    expect_code 1 pydrill check --pack "$K/expect-ranges.json" >out 2>err &&
    contains err "drill overlap-at-3-12: error: the expect ranges \"<=3.12\" and \">=3.12\" both hold for Python 3.12: give each version one output" &&
    contains err "drill gap-at-3-12: error: no expect range holds for Python 3.12 (the ranges are \"<3.12\", \">=3.13\"); pydrill runs on 3.11 to 3.15" &&
    contains err "drill overlap-skipped-here: error: the expect ranges \"<4\" and \">=3.99\" both hold for Python 3.99" &&
    lacks err "required-range-covered" && lacks err "drill fine:" &&
    test "$(grep -c "drill overlap-at-3-12:" err)" -eq 1 && test "$(grep -c "drill gap-at-3-12:" err)" -eq 1 &&
    contains out "checked 5 drills in 1 pack:" && contains out ", 3 with problems," # one needs 3.11-3.13: ok or skipped
'
test_expect_success 'raises may name a class of a later Python: graded where it exists, skipped (not refused) where not' '
    R="$K/raises-new-classes.json" &&
    minor=$(pydrill --version | sed -n "s/^Python 3\.\([0-9]*\).*/\1/p") && test -n "$minor" &&
    pydrill check --pack "$R" >out 2>err && test ! -s err && contains out ", 0 with problems," &&
    if [ "$minor" -lt 13 ]; then
        contains out "skip finalizing: needs Python >=3.13 (test \"at exit\" expects PythonFinalizationError, new in 3.13; this is 3.$minor."
    else
        lacks out "skip finalizing"
    fi &&
    if [ "$minor" -lt 15 ]; then
        contains out "skip import-cycle: needs Python >=3.15 (a hidden test expects an exception class new in 3.15; this is 3.$minor." &&
        lacks out "ImportCycleError"
    else
        lacks out "skip import-cycle"
    fi && lacks out "skip old-class"
'
test_expect_success 'a snippet that hangs is caught, and check ends' '
    expect_code 1 pydrill check --pack "$C/hanging-snippet.json" 2>err &&
    contains err "drill hangs: error: the snippet did not run to the end: over the time limit of 300 ms"
'
test_expect_success 'an expect that is not a plain value is caught' '
    expect_code 1 pydrill check --pack "$C/expect-not-plain.json" 2>err &&
    contains err "drill not-plain: error: test \"obj\": expect \`object()\` is not a plain value"
'
test_expect_success 'output that changes between runs is caught' '
    expect_code 1 pydrill check --pack "$C/nondeterministic.json" 2>err &&
    contains err "drill addresses: error: the snippet prints something different from one process to the next"
'
# Twelve strings: the chance that another seed happens to give the same
# order is then negligible (with six it was about one run in a thousand).
test_expect_success 'addresses and the order of a set of strings are caught (another process, another seed)' '
    expect_code 1 pydrill check --pack "$C/sets.json" 2>err &&
    contains err "drill string-set-order: error: the snippet prints something different from one process" &&
    contains err "drill an-address: error: the snippet prints something different from one process"
'
if pydrill --version | grep -q "landlock ABI"; then
test_expect_success 'a snippet that needs what the sandbox refuses is caught' '
    expect_code 1 pydrill check --pack "$C/needs-processes.json" 2>err &&
    contains err "drill lock-predict: error: the snippet ends in PermissionError"
'
else
    test_skip 'a snippet that needs what the sandbox refuses is caught' 'no Landlock here (an old kernel, or valgrind)'
fi
test_expect_success 'an explain drill whose model answer misses its own rubric is caught' '
    expect_code 1 pydrill check --pack "$C/model-answer.json" 2>err &&
    contains err "drill bad-model: error: the model answer does not meet its own rubric"
'
test_expect_success 'a pack with no drill, a catalog with no pack: nothing checked is a problem (exit 1)' '
    expect_code 1 pydrill check --pack "$K/empty-pack.json" 2>err &&
    contains err "$K/empty-pack.json: /drills: error: the pack has no drill, so there is nothing to check" &&
    expect_code 1 pydrill check --catalog "$K/empty-catalog.json" 2>err &&
    contains err "$K/empty-catalog.json: /packs: error: the catalog lists no pack, so there is nothing to check"
'
test_expect_success 'requires.modules naming a module the sandbox refuses is an error; one missing here is a skip' '
    R="$K/requires-sandboxed.json" &&
    expect_code 1 pydrill check --pack "$R" >out 2>err &&
    contains err "$R: drill needs-ctypes: error: requires.modules names ctypes, which the sandbox never lets code import" &&
    contains out "skip needs-missing: needs module no_such_module_here" && lacks err "needs-missing" &&
    contains out "1 ok, 1 with problems, 1 skipped"
'
test_expect_success 'run and show of a drill a load error left out say so, not only "no drill with id"' '
    O="$K/one-dropped.json" && echo 2 >two.txt &&
    for cmd in "run dropped two.txt" "show dropped"; do
        expect_code 2 pydrill $cmd --pack "$O" >out 2>err &&
        contains err "$O: /drills/1/mode: error: unknown mode" &&
        contains err "pydrill: error: no drill with id \"dropped\" is loaded: if the pack has it, an error above left it out" &&
        lacks err "see pydrill list" || exit 1
    done &&
    expect_code 2 pydrill run nowhere two.txt --pack "$O" 2>err && contains err "no drill with id \"nowhere\" is loaded"
'
test_expect_success 'the summary counts drills and packs' '
    pydrill check --pack "$C/good.json" >out && contains out "checked 1 drill in 1 pack: 1 ok"
'
test_expect_success 'duplicate ids across packs are caught' '
    expect_code 2 pydrill check --pack "$C/good.json" --pack "$C/good.json" 2>err &&
    contains err "drill fine: error: duplicate id"
'
test_expect_success 'the bundled catalog checks clean' '
    pydrill check --catalog "$TOP/drills.json" >out 2>err || { cat out err; false; }
'
test_done
