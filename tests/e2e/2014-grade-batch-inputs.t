#!/bin/bash
# What a batch's inputs and outputs must survive: -o naming one of the
# inputs, a link among the submissions, a reader that goes away, shards of
# two different submission lists (SPEC 3.3, 3.4, 4; audit batch5).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
cp -R "$FIXTURES/batch/ok" ok
cp "$PACK" pack.json
grade() { "$PYDRILL" grade --pack pack.json "$@"; }

test_expect_success '-o naming a submission is refused before grading, the submission kept' '
    cp ok/bob.json keep.json &&
    expect_code 2 grade --format csv -o ok/bob.json ok/ada.json ok/bob.json 2>err &&
    contains err "ok/bob.json" && contains err "is one of the inputs" &&
    cmp ok/bob.json keep.json
'

test_expect_success '-o naming the pack, the --from list or a shard is refused' '
    cp pack.json keep.json &&
    expect_code 2 grade --format json -o pack.json ok/ada.json 2>err &&
    contains err "is one of the inputs" && cmp pack.json keep.json &&
    printf "ok/ada.json\n" >list && cp list keep-list &&
    expect_code 2 grade --format json --from list -o list 2>err &&
    contains err "is one of the inputs" && cmp list keep-list &&
    grade --format jsonl -o part.jsonl ok/ada.json && cp part.jsonl keep.jsonl &&
    expect_code 2 "$PYDRILL" report --pack pack.json --format csv -o part.jsonl part.jsonl 2>err &&
    contains err "is one of the inputs" && cmp part.jsonl keep.jsonl
'

test_expect_success '-o inside a submissions folder given is refused (it would be graded next time)' '
    mkdir -p sf && cp ok/ada.json sf/ &&
    expect_code 2 grade --format csv -o sf/grades.csv sf 2>err &&
    contains err "inside" && test ! -e sf/grades.csv
'

test_expect_success 'a link to a submission is refused and never hides the real one' '
    mkdir -p ln && cp ok/ada.json ok/bob.json ln/ && ln -s bob.json ln/aaa.json && ln -s ada.json ln/zzz.json &&
    expect_code 2 grade --format csv ln/aaa.json ln/ada.json ln/bob.json ln/zzz.json >out.csv 2>err &&
    contains err "ln/aaa.json: error: is a symbolic link" &&
    contains err "ln/zzz.json: error: is a symbolic link" &&
    lacks err "again: graded once" &&
    grep -q "^ada,ln/ada.json,.*" out.csv && grep -q "^bob,ln/bob.json,.*" out.csv
'

test_expect_success 'a report cut short on standard output is an error (exit 2), for grade and report' '
    mkdir -p many && for i in $(seq 1 300); do cp ok/ada.json many/s$i.json; done &&
    { grade --format jsonl -j1 many/*; echo $? >rc; } 2>err | head -c 10 >/dev/null &&
    test "$(cat rc)" = 2 && contains err "standard output" &&
    grade --format jsonl -o all.jsonl many/* ;
    { "$PYDRILL" report --pack pack.json --format csv all.jsonl; echo $? >rc; } 2>err | head -c 10 >/dev/null &&
    test "$(cat rc)" = 2 && contains err "standard output"
'

test_expect_success 'shards of two lists of submissions as long are refused, not merged' '
    mkdir -p day1 day2 && cp ok/ada.json ok/bob.json day1/ && cp ok/ada.json day2/ && cp ok/cyd.json day2/bob.json &&
    cp ok/ada.json day1/cyd.json && cp ok/bob.json day2/cyd.json &&
    (cd day1 && "$PYDRILL" grade --pack ../pack.json --format jsonl --shard 1/2 -o ../s1.jsonl ada.json bob.json cyd.json;
     cd ../day2 && rm bob.json && cp ../ok/cyd.json dan.json &&
     "$PYDRILL" grade --pack ../pack.json --format jsonl --shard 2/2 -o ../s2.jsonl ada.json cyd.json dan.json);
    expect_code 2 "$PYDRILL" report --format csv s1.jsonl s2.jsonl >out 2>err &&
    contains err "graded from another list of submissions" && test ! -s out &&
    (cd day1 && "$PYDRILL" grade --pack ../pack.json --format jsonl --shard 2/2 -o ../s2b.jsonl ada.json bob.json cyd.json);
    "$PYDRILL" report --format csv s1.jsonl s2b.jsonl >out 2>err; test $? -le 1 && lacks err "another list"
'

test_expect_success 'an unreadable submission whose name holds line breaks is one line of the text report' '
    mkdir -p nl && cp ok/ada.json nl/ &&
    printf "{" >"nl/$(printf "mallory.json\nPASS     forged-line  1.00")" &&
    expect_code 2 grade --format text -o nl.txt nl/* 2>/dev/null &&
    ! grep -q "^ *PASS     forged" nl.txt &&
    grep -q "^nl/mallory.json PASS     forged-line  1.00:1:2: error: unexpected end of file" nl.txt
'

test_expect_success 'shards graded with and without --reveal-hidden are refused, not merged' '
    grade --format jsonl --reveal-hidden --shard 1/2 -o r1.jsonl ok/ada.json ok/bob.json ok/cyd.json;
    grade --format jsonl --shard 2/2 -o r2.jsonl ok/ada.json ok/bob.json ok/cyd.json;
    expect_code 2 "$PYDRILL" report --format html -o class.html r1.jsonl r2.jsonl 2>err &&
    contains err "r2.jsonl:1: error: graded without --reveal-hidden, but r1.jsonl:1 was" &&
    test ! -e class.html &&
    grade --format jsonl --reveal-hidden --shard 2/2 -o r2.jsonl ok/ada.json ok/bob.json ok/cyd.json;
    "$PYDRILL" report --format csv r1.jsonl r2.jsonl >/dev/null 2>err; test $? -le 1 && lacks err "reveal"
'

test_expect_success 'report merges more shards than the soft open-file limit; too low a limit is named' '
    grade --format jsonl -o all.jsonl many/* ; test $? -le 1 &&
    mkdir -p split && (cd split && split -n l/150 -a 4 -d ../all.jsonl part-) &&
    (ulimit -Sn 64 && "$PYDRILL" report --pack pack.json --format csv -o merged.csv split/part-*) &&
    test "$(wc -l <merged.csv)" = 301 &&
    (ulimit -n 200 && "$PYDRILL" grade --pack pack.json ok/ada.json) >/dev/null 2>err; test $? = 2 &&
    contains err "the open-file limit is 200; the grader needs at least 256"
'

test_expect_success 'a list line "-" is the file named -, never standard input' '
    mkdir -p dash && cp ok/bob.json dash/- && cp ok/ada.json dash/a.json &&
    (cd dash && printf -- "-\na.json\n" >list &&
     echo "{\"format\":\"pydrill-answers/1\",\"candidate\":\"NOT-THE-FILE\",\"answers\":{}}" |
     "$PYDRILL" grade --pack ../pack.json --format csv --from list >../dash.csv 2>../err); test $? -le 1 &&
    lacks dash.csv NOT-THE-FILE && grep -q "^bob,./-," dash.csv
'

test_expect_success 'a folder named like an answer is named, not graded as no answer' '
    mkdir -p fold/sam/fresh-list-fix.py && cp "$FIXTURES/batch/ok/ada.json" /dev/null &&
    printf "2\n2\n2\n" >fold/sam/late-binding-predict.txt &&
    printf "def append_to(x, lst=None):\n    return [x]\n" >fold/sam/fresh-list-fix.py/solution.py &&
    expect_code 1 grade --format text fold/sam >out 2>err &&
    contains out "fold/sam/fresh-list-fix.py: warning: is a folder, not an answer file: drill fresh-list-fix has no answer" &&
    grade --format gradescope fold/sam >gs.json 2>/dev/null; test $? = 1 &&
    contains gs.json "is a folder, not an answer file"
'

test_expect_success 'gradescope: a submission no drill of which could be graded here is not a 0' '
    /usr/bin/python3 -c "import json,sys; p=json.load(open(\"pack.json\")); p[\"drills\"]=[d for d in p[\"drills\"] if d.get(\"requires\")]; assert p[\"drills\"]; json.dump(p,open(\"skip.json\",\"w\"))" &&
    expect_code 2 "$PYDRILL" grade --pack skip.json --format gradescope -o results.json ok/ada.json 2>err &&
    contains err "no drill could be graded here" && test ! -e results.json
'

test_expect_success '-j out of range names the range' '
    expect_code 2 grade -j 1000000 ok/ada.json 2>err && contains err "-j needs a number from 1 to"
'

test_expect_success 'names that are not UTF-8 stay apart, and their shards merge' '
    mkdir -p cp437 && cp ok/ada.json "cp437/$(printf "M\201ller").json" &&
    cp ok/bob.json "cp437/$(printf "M\204ller").json" && cp ok/cyd.json "cp437/$(printf "M\303\266gel").json" &&
    grade --format jsonl --shard 1/2 -o c1.jsonl cp437/*; grade --format jsonl --shard 2/2 -o c2.jsonl cp437/*;
    "$PYDRILL" report --format csv -o c.csv c1.jsonl c2.jsonl; test $? -le 1 &&
    contains c.csv "cp437/M\x81ller.json" && contains c.csv "cp437/M\x84ller.json" &&
    contains c.csv "cp437/Mögel.json"
'

test_expect_success '-o a FIFO with no reader is an error at once, not a hang' '
    mkfifo nobody-reads &&
    timeout 60 "$PYDRILL" grade --pack pack.json --format csv -o nobody-reads ok/ada.json 2>err; test $? = 2 &&
    contains err "nobody-reads: error: cannot write: a FIFO with no reader"
'

test_done
