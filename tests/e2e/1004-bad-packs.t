#!/bin/bash
# Broken packs of every kind: each fixture's exact messages (FILE stands for
# its path), exit 2, and never a crash or a hang.
. "$(dirname "$0")/lib.sh"
for f in "$FIXTURES"/packs/bad/*.json; do
    name=$(basename "$f" .json)
    test_expect_success "bad pack $name: exact messages, exit 2" "
        timeout 20 \"\$PYDRILL\" list --pack \"$f\" >/dev/null 2>err; rc=\$?
        [ \$rc -eq 2 ] || { echo \"exit \$rc\"; cat err; exit 1; }
        sed \"s|FILE|$f|g\" \"${f%.json}.err\" >want &&
        while IFS= read -r line; do contains err \"\$line\" || exit 1; done <want
    "
done
test_expect_success 'a catalog naming a missing pack says which' '
    expect_code 2 pydrill list --catalog "$FIXTURES/packs/catalog/missing-pack.json" 2>err &&
    contains err "/packs/" && contains err "No such file"
'
test_expect_success '200,000 nested brackets: a message, exit 2' '
    /usr/bin/python3 -c "print(\"[\" * 200000)" >deep.json &&
    expect_code 2 timeout 20 "$PYDRILL" list --pack deep.json 2>err && contains err "deep.json:1:"
'
test_expect_success 'a 10 MB string: loads or fails cleanly' '
    /usr/bin/python3 -c "import json; print(json.dumps({\"format\":\"pydrill/1\",\"pack\":\"x\",\"title\":\"x\"*10000000,\"drills\":[]}))" >big.json &&
    timeout 20 "$PYDRILL" list --pack big.json >/dev/null 2>err; [ $? -le 2 ]
'
test_expect_success 'truncated JSON is located by line and column' '
    printf "{\n  \"format\": \"pydrill/1\",\n  \"drills\": [\n" >trunc.json &&
    expect_code 2 pydrill list --pack trunc.json 2>err && grep -q "trunc.json:[0-9]*:[0-9]*: error" err
'
test_expect_success 'binary input: a message, exit 2' '
    head -c 4096 /dev/urandom >bin.json && expect_code 2 timeout 20 "$PYDRILL" list --pack bin.json 2>err &&
    contains err "bin.json"
'
test_done
