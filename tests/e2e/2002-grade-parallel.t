#!/bin/bash
# pydrill grade -j and --shard: the report does not depend on the number of
# workers or the order of the arguments, and N shards add up to the whole
# batch (SPEC 4; issue 4).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok
cp -R "$FIXTURES/batch/bad" bad
# More submissions than shards and workers: copies under other names.
for n in 1 2 3; do
    for c in ada bob cyd; do
        sed "s/\"candidate\": \"$c\"/\"candidate\": \"$c$n\"/" "ok/$c.json" >"ok/$c$n.json"
    done
done
ALL=$(ls -d ok/*.json bad/*)

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

# Reports with the timings taken out (the only part that may differ from
# run to run), keys sorted; jsonl lines sorted, so shards can be compared
# with the whole.
norm() {
    $PY - "$@" <<-\PYEOF
	import json, sys
	def strip(o):
	    if isinstance(o, dict):
	        return {k: strip(v) for k, v in o.items() if k != "time_ms"}
	    if isinstance(o, list):
	        return [strip(v) for v in o]
	    return o
	mode, path = sys.argv[1], sys.argv[2]
	text = open(path, encoding="utf-8").read()
	if mode == "json":
	    print(json.dumps(strip(json.loads(text)), sort_keys=True, indent=1))
	else:
	    lines = [json.dumps(strip(json.loads(l)), sort_keys=True) for l in text.splitlines()]
	    print("\n".join(sorted(lines)))
	PYEOF
}

test_expect_success 'the batch has enough submissions to shard' '
    test "$(echo $ALL | wc -w)" -eq 16
'

test_expect_success '-j1 and -j4 give the same json report' '
    expect_code 2 grade -j1 --format json -o j1.json $ALL 2>/dev/null &&
    expect_code 2 grade -j 4 --format json -o j4.json $ALL 2>/dev/null &&
    norm json j1.json >j1.norm && norm json j4.json >j4.norm &&
    test -s j1.norm &&
    diff j1.norm j4.norm
'

test_expect_success 'a -j far past the work starts only the workers it can use, and gives the same report' '
    expect_code 2 timeout 120 "$PYDRILL" grade --pack "$PACK" -j 100000 --format json -o jbig.json $ALL 2>/dev/null &&
    norm json jbig.json >jbig.norm && diff j1.norm jbig.norm
'

test_expect_success '-j1 and -j4 give the same tap, junit and text, bar the times' '
    for f in tap junit text; do
        expect_code 2 grade -j1 --format $f $ALL 2>/dev/null >a.$f || exit 1
        expect_code 2 grade --jobs=4 --format $f $ALL 2>/dev/null >b.$f || exit 1
        sed -E "s/(time_ms: |time=\")[0-9.]+//g; s/ +[0-9.]+ ms$//" a.$f >a.n &&
        sed -E "s/(time_ms: |time=\")[0-9.]+//g; s/ +[0-9.]+ ms$//" b.$f >b.n &&
        diff a.n b.n || exit 1
    done
'

test_expect_success 'the order of the arguments does not matter' '
    expect_code 2 grade -j2 --format json -o fwd.json $ALL 2>/dev/null &&
    expect_code 2 grade -j2 --format json -o rev.json $(echo $ALL | tr " " "\n" | sort -r) 2>/dev/null &&
    norm json fwd.json >fwd.norm && norm json rev.json >rev.norm &&
    diff fwd.norm rev.norm &&
    $PY -c "import json; s=json.load(open(\"fwd.json\"))[\"submissions\"]; p=[x[\"source\"] for x in s]; assert p == sorted(p), p"
'

test_expect_success 'the union of --shard 1/3, 2/3, 3/3 is the whole batch' '
    expect_code 2 grade --format jsonl -o whole.jsonl $ALL 2>/dev/null &&
    : >parts.jsonl &&
    for k in 1 2 3; do
        grade --shard $k/3 --format jsonl -o part$k.jsonl $ALL 2>/dev/null
        test $? -ne 0 || exit 1
        test -s part$k.jsonl || exit 1
        cat part$k.jsonl >>parts.jsonl
    done &&
    test "$(wc -l <whole.jsonl)" -eq 16 &&
    test "$(wc -l <parts.jsonl)" -eq 16 &&
    norm jsonl whole.jsonl >whole.norm && norm jsonl parts.jsonl >parts.norm &&
    diff whole.norm parts.norm
'

test_expect_success 'shards are disjoint and follow the sorted positions' '
    for k in 1 2 3; do
        grade --shard=$k/3 --format jsonl $ALL 2>/dev/null >p$k.jsonl
        $PY -c "import json,sys; [print(json.loads(l)[\"source\"]) for l in open(sys.argv[1])]" p$k.jsonl >src$k || exit 1
        echo $ALL | tr " " "\n" | sort | awk -v k=$k "(NR - 1) % 3 == k - 1" >want$k
        diff want$k src$k || exit 1
    done &&
    test "$(cat src1 src2 src3 | sort -u | wc -l)" -eq 16
'

test_expect_success 'the exit code of a shard is its own' '
    # sorted, the broken file comes first and ada third
    first=$(echo $ALL | tr " " "\n" | sort | head -n 1) &&
    test "$first" = bad/broken.json &&
    expect_code 2 grade --shard 1/16 --format jsonl $ALL >/dev/null 2>&1 &&
    second=$(echo $ALL | tr " " "\n" | sort | sed -n 3p) &&
    test "$second" = ok/ada.json &&
    expect_code 0 grade --shard 3/16 --format jsonl $ALL >/dev/null
'

test_expect_success 'a shard with nothing in it is an empty report' '
    expect_code 0 grade --shard 5/5 --format jsonl ok/ada.json >empty.jsonl &&
    test ! -s empty.jsonl
'

test_expect_success 'bad --shard and -j arguments exit 2' '
    for bad in 0/3 4/3 3 /3 3/ a/b 1/0 -1/3 1/3x "" 1/3/5; do
        expect_code 2 grade --shard "$bad" ok/ada.json >out 2>err || { echo "shard $bad"; exit 1; }
        test ! -s out || exit 1
        contains err "shard" || exit 1
    done &&
    for bad in 0 -1 x 2x ""; do
        expect_code 2 grade -j "$bad" ok/ada.json >out 2>err || { echo "-j $bad"; exit 1; }
        test ! -s out || exit 1
    done &&
    expect_code 2 grade ok/ada.json --shard 2>err &&
    contains err "needs a value"
'

test_done
