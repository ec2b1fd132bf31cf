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
test_done
