#!/bin/bash
# pydrill run: every status a real answer can reach, and the exit codes.
. "$(dirname "$0")/lib.sh"
E="$FIXTURES/e2e/engine.json"
A="$FIXTURES/e2e/answers"

# status FILE STATUS: runs the md-fix drill on FILE and expects STATUS
status() {
    pydrill run md-fix "$A/$1.py" --pack "$E" >out 2>err; rc=$?
    if [ "$2" = pass ]; then [ $rc -eq 0 ] || { cat out err; return 1; }
    else [ $rc -eq 1 ] || { echo "exit $rc"; cat out err; return 1; }; fi
    grep -q "^  $(echo "$2" | tr a-z A-Z) *md-fix" out || { cat out err; return 1; }
}
test_expect_success 'a right answer passes (exit 0)' 'status pass pass'
test_expect_success 'a wrong answer fails with expected and got' '
    status fail fail && contains out "expected: [2]" && contains out "got:      [1, 2]"
'
test_expect_success 'a hidden test is counted, never shown' '
    status fail fail && contains out "hidden tests passed" && lacks out "[0, 3]"
'
test_expect_success 'an exception is error, with its message' 'status error error && contains out "RuntimeError: nope"'
test_expect_success 'an exception message that is not valid UTF-8 (a lone surrogate) is kept, escaped' '
    sed "s/nope/bad \\\\ud800 half/" "$A/error.py" >surrogate.py && grep -q "ud800" surrogate.py &&
    expect_code 1 pydrill run md-fix surrogate.py --pack "$E" >out 2>err &&
    contains out "RuntimeError: bad \\ud800 half"
'
test_expect_success 'an answer that does not compile is syntax, with line and column' '
    status syntax syntax && contains out "line 1, column"
'
test_expect_success 'a real infinite loop is timeout' 'status timeout timeout'
test_expect_success 'a real 8 GB allocation is memory' 'status memory memory'
test_expect_success 'printing past the output limit is output' 'status output output'
test_expect_success 'opening a socket is denied' 'status denied denied && contains out "socket"'
test_expect_success 'a real os.abort() is crash' 'status crash crash && contains out "signal 6"'
test_expect_success 'os._exit(0) is crash, not a clean pass' 'status exit0 crash'
test_expect_success 'sys.exit(0) is error, and the grader goes on' 'status sysexit error && contains out "SystemExit"'
test_expect_success 'an object whose __eq__ always returns True fails' '
    status liar fail && contains out "not a plain value"
'
F="$FIXTURES/e2e/first-test.json"
if [ "${PYDRILL_TIME_SCALE:-1}" != 1 ]; then
    # (a scaled limit, as under valgrind, is longer than the sleep)
    test_skip "the first test has the time limit of any other" "PYDRILL_TIME_SCALE=$PYDRILL_TIME_SCALE"
else
test_expect_success 'the first test has the time limit of any other (the start-up allowance is not the answer'"'"'s)' '
    printf "import time\ndef quick():\n    time.sleep(0.3)\n    return 1\n" >slow.py &&
    expect_code 1 pydrill run first-slow slow.py --pack "$F" >out 2>err &&
    contains out "TIMEOUT" && contains out "over the time limit of 100 ms"
'
fi
test_expect_success 'a test'"'"'s stdout is what setup and expr print, not the answer'"'"'s module' '
    printf "print(\"MODULE\")\ndef f():\n    print(\"F\")\n    return 1\n" >loud.py &&
    pydrill run module-print loud.py --pack "$F" >out 2>err && contains out "PASS" &&
    printf "def f():\n    print(\"G\")\n    return 1\n" >other.py &&
    expect_code 1 pydrill run module-print other.py --pack "$F" >out 2>err && contains out "expected '"'"'S\\nF'"'"'"
'
test_expect_success 'a process that dies in one test costs that test: the tests after it run in a fresh one' '
    printf "def f(x):\\n    while x == 2:\\n        pass\\n    return x\\n" >hangs.py &&
    mkdir -p hang crash && cp hangs.py hang/one-hangs.py &&
    printf "import os\\ndef f(x):\\n    if x == 2:\\n        os._exit(3)\\n    return x\\n" >crash/one-hangs.py &&
    for s in hang crash; do
        expect_code 1 pydrill grade --pack "$F" --format json -o $s.json $s 2>/dev/null || exit 1
        /usr/bin/python3 -c "import json, sys; d = [x for x in json.load(open(sys.argv[1]))[\"submissions\"][0][\"drills\"] if x[\"id\"] == \"one-hangs\"][0]; t = {x[\"name\"]: x[\"status\"] for x in d[\"tests\"]}; assert t == {\"a\": \"pass\", \"b\": sys.argv[2], \"c\": \"pass\", \"h\": \"pass\"} and d[\"score\"] == 0.75 and d[\"status\"] == sys.argv[2], d" $s.json $( [ $s = hang ] && echo timeout || echo crash ) || exit 1
    done
'
test_expect_success 'a drill whose requires is unmet is skipped (exit 0)' '
    echo a | pydrill run future-only --pack "$E" >out && contains out "SKIPPED"
'
test_expect_success 'an answer read from stdin' '
    pydrill run md-fix - --pack "$E" <"$A/pass.py" >out && contains out "PASS"
'
test_expect_success 'write: raises, stdout and tolerance tests all pass' '
    printf "def parse(s):\n    v = int(s)\n    print(\"ok\")\n    return v\n" >w.py &&
    pydrill run parse-write w.py --pack "$E" >out && contains out "PASS"
'
test_expect_success 'write: a missing print fails the stdout test' '
    printf "def parse(s):\n    return int(s)\n" >w.py &&
    expect_code 1 pydrill run parse-write w.py --pack "$E" >out && contains out "FAIL"
'
test_expect_success 'write: a raises test is not met by the answer raising as it loads' '
    printf "raise ValueError(\"at import\")\n" >w.py &&
    expect_code 1 pydrill run parse-write w.py --pack "$E" >out &&
    contains out "ERROR" && lacks out "PASS" &&
    contains out "raised while the answer'"'"'s code was loading, before the test ran"
'
test_expect_success 'predict repl: the prompt echoes, 100000 is not 100000' '
    printf "False\nTrue\nZeroDivisionError: division by zero\n\x27done\x27\n" >p.txt &&
    pydrill run is-repl p.txt --pack "$E" >out && contains out "PASS"
'
test_expect_success 'predict exec: partial score line by line, with the exception line' '
    echo True >p.txt && expect_code 1 pydrill run is-exec p.txt --pack "$E" >out &&
    contains out "0.50" && contains out "KeyError"
'
test_expect_success 'choice: several right letters, any case and separator' '
    echo "C, a" >c.txt && pydrill run gil-choice c.txt --pack "$E" >out && contains out PASS &&
    echo "a" >c.txt && expect_code 1 pydrill run gil-choice c.txt --pack "$E" >out && contains out FAIL
'
test_expect_success 'explain: rubric keywords, case-insensitive' '
    echo "The REFCOUNT drops to zero; cycles need the GC." >x.txt &&
    pydrill run refcount-explain x.txt --pack "$E" >out && contains out PASS &&
    echo "It is magic." >x.txt && expect_code 1 pydrill run refcount-explain x.txt --pack "$E" >out
'
test_expect_success 'run of an unknown id exits 2' 'expect_code 2 pydrill run nope x.txt --pack "$E" 2>err'
test_expect_success 'run of a missing file exits 2 with a message' '
    expect_code 2 pydrill run md-fix missing.py --pack "$E" 2>err && contains err "missing.py"
'
test_expect_success 'run of a non-UTF-8 file exits 2' '
    printf "\xff\xfe" >bin.py && expect_code 2 pydrill run md-fix bin.py --pack "$E" 2>err && contains err "UTF-8"
'
test_expect_success 'no scratch folder is left behind' '
    mkdir tmp && TMPDIR="$PWD/tmp" pydrill run md-fix "$A/pass.py" --pack "$E" >/dev/null &&
    [ -z "$(ls tmp)" ]
'
test_done
