#!/bin/bash
# Children see nothing of each other: four answers graded at once each list
# the descriptors open in their process, and find none but their own.
. "$(dirname "$0")/lib.sh"
P="$FIXTURES/e2e/isolation.json"

test_expect_success 'concurrent children inherit none of the parent'"'"'s descriptors' '
    /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"drills\"][0][\"solution\"])" "$P" >fds.py &&
    for i in 1 2 3 4; do mkdir -p "s/c$i" && cp fds.py "s/c$i/open-fds.py" || return 1; done &&
    pydrill grade -j4 --pack "$P" --format text s/* >out &&
    [ "$(grep -c "PASS     open-fds" out)" -eq 4 ] || { cat out; false; }
'
test_expect_success 'an answer sees none of the grader'"'"'s environment' '
    E="$FIXTURES/e2e/environment.json" &&
    mkdir -p e/c1 &&
    /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"drills\"][0][\"solution\"])" "$E" >e/c1/environment.py &&
    SECRET_TOKEN=hunter2 pydrill grade --pack "$E" --format text e/c1 >out &&
    contains out "PASS     environment" && lacks out hunter2
'
# One student's answer leaves nothing of itself in the processes that grade
# the next: its output, exception and values pass through the worker's
# heap and stack (frames, verdicts), and each next child is a copy of it.
L="$FIXTURES/e2e/leftovers"
/usr/bin/python3 "$TOP/tests/e2e/leftovers_scan.py" "$PYDRILL" "$FIXTURES/e2e/leftovers.json" "$L/a" "$L/b" >scan.out 2>&1
scan=$?
if [ "$scan" -eq 77 ]; then
    test_skip "the next answer's processes hold nothing of the one before" "this user may not read another process's memory"
else
    test_expect_success "the next answer's processes hold nothing of the one before (output, exception, values)" '
        cat scan.out && test '"$scan"' -eq 0
    '
fi
test_done
