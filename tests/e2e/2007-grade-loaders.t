#!/bin/bash
# Submissions are untrusted input (SPEC 3.3; issue 10, item 12): a FIFO, a
# device, a socket or a symbolic link, at the top or inside a folder, and a
# file over the size limit are each an error for that submission alone
# (located message, exit 2 at the end), never a hang, never read through a
# link; a folder of student folders is refused, not graded as one
# candidate; standard input is a submission when given as -; names that
# carry terminal escapes reach stderr escaped.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok
echo "the grader's secret" >secret.txt

# A guard against a hang, far above what any of these needs: a hang is the
# failure, not a slow run.
grade() { timeout 120 "$PYDRILL" grade --pack "$PACK" "$@"; }

# ok/ada.json graded alongside: the rest of the batch is not lost.
ada_graded() { contains "$1" "ada (ok/ada.json): 5/5, 5 passed"; }

test_expect_success 'a FIFO as a submission: an error, no hang, the rest graded' '
    mkfifo pipe.json &&
    expect_code 2 grade ok/ada.json pipe.json >out 2>err &&
    contains err "pipe.json: error: is a FIFO, not a regular file" &&
    ada_graded out
'

test_expect_success 'a FIFO inside a folder: an error for that folder' '
    mkdir -p f1 && printf "b\n" >f1/list-repeat-choice.txt && mkfifo f1/mean-write.py &&
    expect_code 2 grade ok/ada.json f1 >out 2>err &&
    contains err "f1/mean-write.py: error: is a FIFO, not a regular file" &&
    contains out "f1: error: f1/mean-write.py: error: is a FIFO" &&
    ada_graded out
'

test_expect_success 'a symbolic link to a secret: refused, the secret never read' '
    mkdir -p f2 && ln -s ../secret.txt f2/refcount-explain.txt &&
    ln -s secret.txt top.json &&
    expect_code 2 grade --format json -o r.json ok/ada.json f2 top.json 2>err &&
    contains err "f2/refcount-explain.txt: error: is a symbolic link" &&
    contains err "top.json: error: is a symbolic link" &&
    lacks err "secret" && lacks r.json "secret" &&
    $PY -c "import json; s={x[\"source\"]: x for x in json.load(open(\"r.json\"))[\"submissions\"]}; assert \"symbolic link\" in s[\"f2\"][\"error\"] and s[\"ok/ada.json\"][\"score\"] == 5"
'

test_expect_success 'a link to a folder, even written with a slash, is not followed' '
    mkdir -p real && printf "b\n" >real/list-repeat-choice.txt && ln -s real linked &&
    expect_code 2 grade linked/ >out 2>err &&
    contains err "linked/: error: is a symbolic link"
'

test_expect_success 'links to /dev/zero and /dev/urandom: refused at once' '
    mkdir -p f3 && ln -s /dev/zero f3/late-binding-predict.txt && ln -s /dev/zero zero.json &&
    ln -s /dev/urandom f3/mean-write.py &&
    expect_code 2 grade ok/ada.json f3 zero.json >out 2>err &&
    contains err "f3/late-binding-predict.txt: error: is a symbolic link" &&
    contains err "zero.json: error: is a symbolic link" &&
    ada_graded out
'

test_expect_success 'devices and sockets: refused without being opened for reading' '
    mkdir -p f4 &&
    $PY -c "import socket; s = socket.socket(socket.AF_UNIX); s.bind(\"f4/mean-write.py\")" &&
    expect_code 2 grade ok/ada.json /dev/null f4 >out 2>err &&
    contains err "/dev/null: error: is a character device, not a regular file" &&
    contains err "f4/mean-write.py: error: is a socket, not a regular file" &&
    ada_graded out
'

test_expect_success 'a sparse 3 GB file: refused by its size, nothing read' '
    truncate -s 3G big.json && mkdir -p f5 && truncate -s 3G f5/refcount-explain.txt &&
    expect_code 2 grade ok/ada.json big.json f5 >out 2>err &&
    contains err "big.json: error: is 3221225472 bytes, over the limit of 16 MiB" &&
    contains err "f5/refcount-explain.txt: error: is 3221225472 bytes, over the limit of 1 MiB" &&
    ada_graded out
'

test_expect_success 'an answer over 1 MiB, in a folder or in an answers file' '
    mkdir -p f6 && head -c 1048577 /dev/zero | tr "\0" "x" >f6/refcount-explain.txt &&
    $PY -c "import json; json.dump({\"format\": \"pydrill-answers/1\", \"answers\": {\"refcount-explain\": \"x\" * (1 << 20 | 1)}}, open(\"long.json\", \"w\"))" &&
    expect_code 2 grade f6 long.json >out 2>err &&
    contains err "f6/refcount-explain.txt: error: is 1048577 bytes, over the limit of 1 MiB" &&
    contains err "long.json: /answers/refcount-explain: error: the answer is over the limit of 1 MiB" &&
    head -c 1048576 /dev/zero | tr "\0" "x" >f6/refcount-explain.txt &&
    expect_code 1 grade f6 >out 2>err &&
    test ! -s err
'

test_expect_success 'a folder of student folders (an LMS download) is refused, with what to do' '
    mkdir -p class/ada class/bob && cp ok/ada.json class/ada/ && printf "b\n" >class/bob/list-repeat-choice.txt &&
    expect_code 2 grade ok/ada.json class >out 2>err &&
    contains err "class: error: holds 2 folders and no answer file: a bulk download of a whole class?" &&
    contains err "(class/*/)" &&
    ada_graded out &&
    expect_code 1 grade class/*/ >out 2>err &&
    contains out "bob (class/bob/)"
'

test_expect_success 'a flat folder of files not named for drills is refused too' '
    mkdir -p flat && printf "b\n" >flat/smithjohn_1234_5678_answer.txt && printf "x = 1\n" >flat/Homework_1.py &&
    expect_code 2 grade flat >out 2>err &&
    contains err "flat: error: holds no <id>.py or <id>.txt answer file, only 2 other files"
'

# What a platform hands over: the student's upload in a folder. One
# answers file there is the submission; two, or only notes, are refused
# with what to do, never graded as a student who answered nothing.
test_expect_success 'a folder holding one answers file is that file; two, or only notes, are refused' '
    mkdir -p up1 up2 up3 && cp ok/ada.json up1/ && printf "notes\n" >up1/README.md &&
    grade --format json up1 >r.json; test $? -le 1 &&
    $PY -c "import json; s = json.load(open(\"r.json\"))[\"submissions\"][0]; assert s[\"candidate\"] == \"ada\" and s[\"passed\"] > 0, s" &&
    cp ok/ada.json up2/answers.json && cp ok/bob.json "up2/answers (1).json" &&
    expect_code 2 grade up2 >out 2>err &&
    contains err "up2: error: holds no <id>.py or <id>.txt answer file, only 2 other files such as" &&
    contains err "or give one answers file itself rather than its folder" &&
    printf "notes\n" >up3/notes.md &&
    expect_code 2 grade up3 >out 2>err &&
    contains err "up3: error: holds no <id>.py or <id>.txt answer file, only 1 other file such as \"notes.md\"" &&
    lacks err "mutable-default-fix"
'

test_expect_success 'Moodle folder names give the student name' '
    d="Ada Lovelace_123456_assignsubmission_file_" &&
    mkdir -p "moodle/$d" && printf "b\n" >"moodle/$d/list-repeat-choice.txt" &&
    expect_code 1 grade --format json -o r.json "moodle/$d" &&
    $PY -c "import json; s=json.load(open(\"r.json\"))[\"submissions\"][0]; assert s[\"candidate\"] == \"Ada Lovelace\", s[\"candidate\"]"
'

test_expect_success '- reads an answers file from standard input, once' '
    expect_code 0 grade --format json -o r.json - <ok/ada.json &&
    $PY -c "import json; s=json.load(open(\"r.json\"))[\"submissions\"][0]; assert (s[\"candidate\"], s[\"source\"], s[\"score\"]) == (\"ada\", \"-\", 5), s" &&
    printf "{\"format\": \"pydrill-answers/1\", \"answers\": {}}" | grade --format json -o r.json - ;
    $PY -c "import json; s=json.load(open(\"r.json\"))[\"submissions\"][0]; assert s[\"candidate\"] == \"stdin\", s" &&
    expect_code 2 grade - - <ok/ada.json >out 2>err &&
    contains err "can be given once"
'

test_expect_success 'an error located at the submission itself is said once in the text report' '
    head -c 17000000 /dev/zero | tr "\\0" a >big.txt &&
    expect_code 2 grade - <big.txt >out 2>err &&
    contains out "-: error: standard input is over the limit of 16 MiB" && lacks out "error: -: error" &&
    printf "{" >broken.json &&
    expect_code 2 grade ok/ada.json broken.json >out 2>err &&
    contains out "broken.json:1:2: error:" && lacks out "error: broken.json" && ada_graded out &&
    mkfifo top.fifo && expect_code 2 grade top.fifo >out 2>err &&
    contains out "top.fifo: error: is a FIFO" && lacks out "error: top.fifo"
'

test_expect_success 'an answers file with "answers" twice: an error for it, not the first one silently' '
    printf "{\"format\":\"pydrill-answers/1\",\"candidate\":\"al\",\"answers\":{\"list-repeat-choice\":\"b\"},\"answers\":{\"list-repeat-choice\":\"a\"}}" >twice.json &&
    expect_code 2 grade ok/ada.json twice.json >out 2>err &&
    contains err "twice.json: /answers: error: duplicate field \"answers\"" &&
    ada_graded out
'

test_expect_success 'an empty or blank answer is missing, in a file and in a folder' '
    printf "{\"format\":\"pydrill-answers/1\",\"answers\":{\"list-repeat-choice\":\"\",\"mean-write\":\" \\\\n\\\\t\",\"late-binding-predict\":\"\"}}" >blank.json &&
    mkdir -p blanks && : >blanks/list-repeat-choice.txt && printf "  \n\n" >blanks/mean-write.py &&
    expect_code 1 grade --format json -o r.json blank.json blanks 2>err &&
    test ! -s err &&
    $PY -c "
import json
for s in json.load(open(\"r.json\"))[\"submissions\"]:
    st = {d[\"id\"]: d[\"status\"] for d in s[\"drills\"]}
    assert st[\"list-repeat-choice\"] == st[\"mean-write\"] == \"missing\", (s[\"source\"], st)
"
'

test_expect_success 'a drill whose id another pack already has is left out of grading' '
    $PY -c "import json; p = json.load(open(\"$PACK\")); d = [x for x in p[\"drills\"] if x[\"id\"] == \"list-repeat-choice\"][0]; d[\"answer\"] = 0; p[\"pack\"] = \"other\"; p[\"drills\"] = [d]; json.dump(p, open(\"dup.json\", \"w\"))" &&
    expect_code 2 timeout 120 "$PYDRILL" grade --pack "$PACK" --pack dup.json --format json -o r.json ok/ada.json 2>err &&
    contains err "dup.json: drill list-repeat-choice: error: duplicate id (first in $PACK at /drills/" &&
    $PY -c "
import json
s = json.load(open(\"r.json\"))[\"submissions\"][0]
ids = [d[\"id\"] for d in s[\"drills\"]]
assert ids.count(\"list-repeat-choice\") == 1, ids
assert [d for d in s[\"drills\"] if d[\"id\"] == \"list-repeat-choice\"][0][\"status\"] == \"pass\"
"
'

test_expect_success 'names with terminal escapes reach stderr escaped' '
    name=$(printf "evil\033]0;owned\007\033[2J\nok 1 - forged") &&
    mkdir -p "$name" && mkfifo "$name/mean-write.py" &&
    expect_code 2 grade "$name" >out 2>err &&
    ! grep -q "$(printf "\033")" err &&
    ! grep -q "$(printf "\007")" err &&
    contains err "evil\\x1b]0;owned\\x07\\x1b[2J\\nok 1 - forged/mean-write.py: error: is a FIFO" &&
    test "$(wc -l <err)" -eq 1 &&
    ! grep -q "$(printf "\033")" out
'

test_expect_success 'usage errors quote arguments escaped too' '
    expect_code 2 "$PYDRILL" grade --pack "$PACK" "$(printf -- "--\033[31mred")" ok/ada.json 2>err &&
    ! grep -q "$(printf "\033")" err &&
    contains err "unknown option \"--\\x1b[31mred\""
'

test_done
