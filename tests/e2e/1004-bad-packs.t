#!/bin/bash
# Broken packs of every kind: each fixture's exact messages (FILE stands for
# its path), exit 2, and never a crash or a hang.
. "$(dirname "$0")/lib.sh"
PY3=/usr/bin/python3
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
test_expect_success 'a catalog that lists a catalog: said where it is listed (catalogs do not nest)' '
    L="$FIXTURES/packs/catalog/catalog-in-catalog.json" &&
    expect_code 2 pydrill list --catalog "$L" >out 2>err &&
    contains err "$L: /packs/1: error: \"drills.json\" is a catalog, not a pack: catalogs do not nest, so list its packs here" &&
    lacks err "load it with --catalog" && test "$(wc -l <err)" -eq 1 && contains out "other-choice"
'
test_expect_success 'a catalog that lists one pack twice (under two paths): one error each, where it is listed' '
    L="$FIXTURES/packs/catalog/listed-twice.json" &&
    expect_code 2 pydrill list --catalog "$L" >out 2>err &&
    contains err "$L: /packs/1: error: \"./two.json\" is already listed at /packs/0" &&
    contains err "$L: /packs/2: error: \"../catalog/two.json\" is already listed at /packs/0" &&
    test "$(wc -l <err)" -eq 2 && lacks err "duplicate id" && contains out "other-choice"
'
test_expect_success 'a UTF-16 answers file is named as such too' '
    /usr/bin/python3 -c "import sys; open(\"ada16.json\", \"wb\").write(open(sys.argv[1], encoding=\"utf-8\").read().encode(\"utf-16\"))" "$FIXTURES/batch/ok/ada.json" &&
    expect_code 2 pydrill grade --pack "$FIXTURES/batch/pack.json" ada16.json >out 2>err &&
    contains err "ada16.json:1:1: error: UTF-16 text: save it as UTF-8" && lacks err "NUL"
'

test_expect_success 'a UTF-16 answer file in a folder is named as such, not as binary' '
    mkdir -p u16 && printf "def f():\n    return 1\n" | iconv -t UTF-16 >u16/mutable-default-predict.txt &&
    expect_code 2 pydrill grade --pack "$FIXTURES/batch/pack.json" u16 >out 2>err &&
    contains err "u16/mutable-default-predict.txt:1:1: error: UTF-16 text: save it as UTF-8" && lacks err "NUL"
'
# One answer file, three readers: grade (the file in a folder), run FILE
# and run - must give the same verdict, or refuse it with the same words
# (a byte order mark dropped, UTF-16 named, Latin-1 located). The cases
# are the files of answer-encodings, each named ID.CASE.EXT.
# readers_agree FILE
readers_agree() {
    f=$1 name=$(basename "$1") && id=${name%%.*} && ext=${name##*.} && pack="$FIXTURES/batch/pack.json" &&
    rm -rf sub && mkdir sub && cp "$f" "sub/$id.$ext" &&
    { pydrill grade --pack "$pack" --drill "$id" --format json -o r.json sub 2>gerr; [ $? -le 2 ]; } &&
    "$PY3" -c '
import json, sys
s = json.load(open(sys.argv[1]))["submissions"][0]
if s.get("error"):
    print("error", s["error"].split(sys.argv[2], 1)[1])  # what follows the path: ":4:6: error: ..."
else:
    print(s["drills"][0]["status"].upper(), "%.2f" % s["drills"][0]["score"])' r.json "$id.$ext" >want &&
    read -r st rest <want && echo "grade: $st $rest" &&
    for how in FILE -; do
        if [ "$how" = - ]; then pydrill run "$id" - --pack "$pack" <"$f" >out 2>err; else pydrill run "$id" "$f" --pack "$pack" >out 2>err; fi
        rc=$?
        if [ "$st" = error ]; then
            [ $rc -eq 2 ] && contains err "$rest" && lacks out "$id" || { echo "run $how: exit $rc"; cat out err; return 1; }
        else
            grep -Eq "^  $st +$id +$rest( |$)" out || { echo "run $how (exit $rc) does not say $st $rest:"; cat out err; return 1; }
            want_rc=1 && { [ "$st" != PASS ] || want_rc=0; } &&
            [ $rc -eq $want_rc ] || { echo "run $how: exit $rc"; return 1; }
        fi
    done
}
for f in "$FIXTURES"/e2e/answer-encodings/*; do
    test_expect_success "answer $(basename "$f"): grade, run FILE and run - agree" "readers_agree \"$f\""
done
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
# A pack or catalog that is not a regular file: refused at once, located,
# exit 2; never read until memory runs out, never waited on.
test_expect_success 'devices and a FIFO as a pack: refused at once, never a hang' '
    mkfifo fifo.json &&
    for f in /dev/zero /dev/urandom fifo.json; do
        expect_code 2 timeout 10 "$PYDRILL" list --pack "$f" 2>err &&
        contains err "$f: error: is a" && contains err ", not a regular file" || exit 1
    done &&
    expect_code 2 timeout 10 "$PYDRILL" list --catalog fifo.json 2>err &&
    contains err "fifo.json: error: is a FIFO, not a regular file"
'
test_expect_success 'a catalog that lists /dev/zero or a FIFO: each refused where it is listed' '
    mkfifo pipe.json &&
    printf "{\"format\": \"pydrill/1\", \"title\": \"T\", \"packs\": [\"/dev/zero\", \"pipe.json\"]}" >cat.json &&
    expect_code 2 timeout 10 "$PYDRILL" list --catalog cat.json 2>err &&
    contains err "cat.json: /packs/0: error: /dev/zero: is a character device, not a regular file" &&
    contains err "cat.json: /packs/1: error: pipe.json: is a FIFO, not a regular file"
'
test_expect_success 'a pack over 64 MiB: refused by its size, nothing read' '
    truncate -s 65M huge.json &&
    expect_code 2 timeout 10 "$PYDRILL" list --pack huge.json 2>err &&
    contains err "huge.json: error: is 68157440 bytes, over the limit of 64 MiB"
'
test_expect_success 'an empty file name is said to be one' '
    expect_code 2 pydrill list --pack "" 2>err && contains err "pydrill: error: an empty file name" &&
    expect_code 2 pydrill list --catalog "" 2>err && contains err "pydrill: error: an empty file name"
'
test_expect_success 'a pack given as the catalog, and a catalog as a pack, are named for what they are' '
    cp "$FIXTURES/packs/good/all-kinds.json" drills.json &&
    expect_code 2 pydrill list 2>err &&
    contains err "drills.json: error: this is a pack, not a catalog: load it with --pack FILE" &&
    lacks err "unknown field" &&
    expect_code 2 pydrill list --pack "$TOP/drills.json" 2>err &&
    contains err "drills.json: error: this is a catalog, not a pack: load it with --catalog FILE"
'
test_expect_success 'a drill whose id is taken is left out: list and show see the first one' '
    cp "$FIXTURES/packs/good/all-kinds.json" a.json &&
    "$PY3" -c "import json; p = json.load(open(\"a.json\")); d = p[\"drills\"][5]; d[\"title\"] = \"The second one\"; p[\"drills\"] = [d]; json.dump(p, open(\"b.json\", \"w\"))" &&
    id=$("$PY3" -c "import json; print(json.load(open(\"b.json\"))[\"drills\"][0][\"id\"])") &&
    expect_code 2 pydrill list --pack a.json --pack b.json --format json >out 2>err &&
    contains err "b.json: drill $id: error: duplicate id (first in a.json at /drills/5): the drill at /drills/0 is left out" &&
    test "$(grep -o "\"$id\"" out | wc -l)" -eq 1 && lacks out "The second one" &&
    expect_code 2 pydrill show "$id" --pack a.json --pack b.json >out 2>err && lacks out "The second one"
'
if "$PY3" -c 'import jsonschema' 2>/dev/null; then
    test_expect_success 'the schema agrees: unknown fields and blank texts refused, $ keys allowed' '
        printf "%s\n" "import json, sys" "from jsonschema import Draft202012Validator" \
            "v = Draft202012Validator(json.load(open(sys.argv[1])))" \
            "sys.exit(0 if v.is_valid(json.load(open(sys.argv[2]))) else 1)" >v.py &&
        S="$TOP/drills/pack.schema.json" &&
        "$PY3" v.py "$S" "$FIXTURES/packs/good/dollar-keys.json" &&
        for f in unknown-fields-everywhere blank-fields choice-duplicate-choices; do
            ! "$PY3" v.py "$S" "$FIXTURES/packs/bad/$f.json" || { echo "$f.json validates"; exit 1; }
        done
    '
else
    test_skip 'the schema agrees: unknown fields and blank texts refused, $ keys allowed' 'no jsonschema module'
fi
test_expect_success 'a 600 KB expect is quoted in part in check messages' '
    "$PY3" -c "import json; json.dump({\"format\": \"pydrill/1\", \"pack\": \"t\", \"title\": \"T\", \"drills\": [{\"id\": \"w1\", \"title\": \"W\", \"topic\": \"x\", \"level\": 1, \"kind\": \"write\", \"prompt\": \"Write f.\", \"solution\": \"def f(x):\\n    return x\\n\", \"tests\": [{\"name\": \"a\", \"expr\": \"f(1)\", \"expect\": \"1\" + \"+1\" * 300000}], \"explanation\": \"e\"}]}, open(\"long.json\", \"w\"))" &&
    expect_code 1 timeout 120 "$PYDRILL" check --pack long.json >out 2>err &&
    contains err "long.json: drill w1: error: test \"a\": expect \`1+1+1" &&
    contains err "... (599801 more characters)\` raised" &&
    test "$(wc -L <err)" -lt 1000
'
test_done
