#!/bin/bash
# pydrill report (SPEC 3.4, 4; issue 15): shards' JSON Lines merged into
# exactly what one unsharded grade writes, in every format; shards proved
# complete (missing, repeated or foreign ones refused, positions named,
# nothing written); --shard auto under Slurm's and Kubernetes' variables;
# the GNU parallel recipe of the README, a failed shard noticed.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok
cp -R "$FIXTURES/batch/bad" bad
for n in 1 2 3; do
    for c in ada bob cyd; do
        sed "s/\"candidate\": \"$c\"/\"candidate\": \"$c$n\"/" "ok/$c.json" >"ok/$c$n.json"
    done
done
# two candidates named alike, in different shards
mkdir -p g1 g2 && cp ok/ada.json g1/ && cp ok/ada.json g2/
ALL=$(echo $(ls -d ok/*.json bad/*) g1/ada.json g2/ada.json)

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }
report() { "$PYDRILL" report "$@"; }

# same_json A B: the two reports equal field by field, times aside
same_json() {
    $PY - "$1" "$2" <<-\PYEOF
	import json, sys
	def strip(o):
	    if isinstance(o, dict):
	        return {k: strip(v) for k, v in o.items() if k != "time_ms"}
	    if isinstance(o, list):
	        return [strip(v) for v in o]
	    return o
	a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
	assert list(a) == list(b), (list(a), list(b))
	sa, sb = strip(a), strip(b)
	for x, y in zip(sa["submissions"], sb["submissions"]):
	    assert x == y, "\n%s\n%s" % (x, y)
	assert sa == sb
	PYEOF
}

test_expect_success 'shards, in any order, merge into the json of one unsharded grade' '
    expect_code 2 grade --format json -o whole.json $ALL 2>/dev/null &&
    for k in 1 2 3; do
        grade --shard $k/3 --format jsonl -o part$k.jsonl $ALL 2>/dev/null; test $? -eq 1 -o $? -eq 2 || exit 1
    done &&
    expect_code 2 report --format json -o merged.json part2.jsonl part3.jsonl part1.jsonl &&
    same_json whole.json merged.json &&
    $PY -c "import json; n=[s[\"candidate\"] for s in json.load(open(\"merged.json\"))[\"submissions\"]]; assert \"ada (g1/ada.json)\" in n and \"ada (g2/ada.json)\" in n and \"ada (ok/ada.json)\" in n, n"
'

test_expect_success 'the lines of one run, split as shards are: byte for byte the same reports' '
    expect_code 2 grade --format jsonl -o whole.jsonl $ALL 2>/dev/null &&
    for k in 1 2 3; do awk -v k=$k "(NR - 1) % 3 == k - 1" whole.jsonl >split$k.jsonl; done &&
    test "$(cat split*.jsonl | wc -l)" -eq 18 &&
    for f in json text tap junit html csv jsonl; do
        expect_code 2 report --format $f -o a.$f whole.jsonl || exit 1
        expect_code 2 report --format $f -o b.$f split3.jsonl split1.jsonl split2.jsonl || exit 1
        cmp a.$f b.$f || exit 1
    done &&
    cmp whole.jsonl a.jsonl &&
    cat split3.jsonl split1.jsonl split2.jsonl | report --format json -o c.json - ; test $? -eq 2 &&
    cmp a.json c.json
'

test_expect_success 'every format from report is what grade writes, times aside' '
    for f in text tap junit html csv; do
        expect_code 2 grade --format $f -o g.$f $ALL 2>/dev/null || exit 1
        sed -E "s/(time_ms: |time=\")[0-9.]+//g; s/ +[0-9.]+ ms$//" g.$f >g.n
        sed -E "s/(time_ms: |time=\")[0-9.]+//g; s/ +[0-9.]+ ms$//" a.$f >a.n
        diff g.n a.n >/dev/null || { echo "$f differs"; diff g.n a.n | head; exit 1; }
    done
'

test_expect_success 'the exit code of report is that of the unsharded grade' '
    grade --format jsonl -o clean.jsonl ok/ada.json ok/ada1.json; test $? -eq 0 &&
    expect_code 0 report -o /dev/null clean.jsonl &&
    grade --format jsonl -o fail.jsonl ok/ada.json ok/bob.json; test $? -eq 1 &&
    expect_code 1 report -o /dev/null fail.jsonl
'

test_expect_success 'a missing shard: refused, positions named, nothing written' '
    expect_code 2 report --format html -o never.html part1.jsonl part3.jsonl >out 2>err &&
    test ! -e never.html && test ! -s out &&
    contains err "the shards are incomplete: positions 2, 5, 8, 11, 14, 17 of 18 are missing" &&
    contains err "nothing written"
'

test_expect_success 'a shard given twice, or a line repeated: refused, positions named' '
    expect_code 2 report -o never.json part1.jsonl part2.jsonl part3.jsonl part2.jsonl 2>err &&
    test ! -e never.json &&
    contains err "report: part2.jsonl is given twice" && test "$(grep -c "part2.jsonl" err)" = 1 &&
    head -n 1 part1.jsonl >dup.jsonl &&
    expect_code 2 report part1.jsonl part2.jsonl part3.jsonl dup.jsonl 2>err &&
    contains err "position 1 of 18 is in part1.jsonl:1 and again in dup.jsonl:1"
'

test_expect_success 'shards of another batch, or lines that are not ours: refused, located' '
    mkdir -p other && for n in aa zz zzz; do cp ok/ada.json other/$n.json; done &&
    grade --shard 2/2 --format jsonl -o foreign.jsonl ok/ada.json ok/bob.json ok/cyd.json; test $? -le 1 &&
    grade --shard 1/2 --format jsonl -o mine.jsonl other/aa.json other/zz.json other/zzz.json; test $? -le 1 &&
    expect_code 2 report mine.jsonl foreign.jsonl >out 2>err && test ! -s out &&
    contains err "foreign.jsonl:1: error: graded from another list of submissions than mine.jsonl:1" &&
    grade --shard 1/2 --format jsonl -o other.jsonl ok/ada.json ok/bob.json; test $? -eq 0 &&
    expect_code 2 report part1.jsonl part2.jsonl part3.jsonl other.jsonl 2>err &&
    contains err "other.jsonl:1: error: a batch of 2 submissions, but part1.jsonl:1 is of a batch of 18" &&
    { cat part1.jsonl; echo "{\"candidate\": \"x\""; } >broken.jsonl &&
    expect_code 2 report broken.jsonl part2.jsonl part3.jsonl 2>err &&
    contains err "broken.jsonl:7:" &&
    sed "2s/\"status\":\"pass\"/\"status\":\"splendid\"/" part1.jsonl >forged.jsonl &&
    expect_code 2 report forged.jsonl part2.jsonl part3.jsonl >out 2>err &&
    test ! -s out &&
    grep -q "forged.jsonl:2: error: not a submission line of pydrill grade --format jsonl: /drills/[0-9]*/status: unknown status \"splendid\"" err &&
    expect_code 2 report 2>err && contains err "no shards given" &&
    : >empty.jsonl && expect_code 2 report empty.jsonl 2>err && contains err "report: empty.jsonl holds no submission" &&
    expect_code 2 report empty.jsonl empty.jsonl 2>err && contains err "none of the 2 shards holds a submission" &&
    expect_code 2 report /dev/zero 2>err && contains err "/dev/zero: error: is a character device" &&
    expect_code 1 grade --format json -o onedoc.json ok/ada.json ok/bob.json &&
    expect_code 2 report onedoc.json >out 2>err && test ! -s out &&
    test "$(grep -c error: err)" -le 8 &&
    contains err "onedoc.json: error: the rest of it is skipped: it holds no line of pydrill grade --format jsonl"
'

# A line edited or damaged within the types and ranges of its fields: each
# shard line's totals must be its drills' sums, and its drills those of
# the packs given (or, without them, of the first line).
test_expect_success 'a line whose totals or drills do not hold together: refused, located, nothing written' '
    $PY - part1.jsonl <<-\PYEOF &&
	import json, sys
	lines = open(sys.argv[1]).read().splitlines()
	# the first line with drills to edit (a submission that could not be
	# read has none), and one that is not a pass
	at = next(i for i, l in enumerate(lines)
	          if len(json.loads(l)["drills"]) >= 2 and any(x["status"] not in ("pass", "skipped") for x in json.loads(l)["drills"]))
	open("at", "w").write("%d" % (at + 1))
	def write(name, edit):
	    d = json.loads(lines[at]); edit(d)
	    open(name, "w").write("\n".join(lines[:at] + [json.dumps(d)] + lines[at + 1:]) + "\n")
	write("dropped.jsonl", lambda d: d["drills"].pop())
	write("repeated.jsonl", lambda d: d["drills"].append(d["drills"][0]))
	def renamed(d): d["drills"][0]["id"] = "nope"
	write("renamed.jsonl", renamed)
	def moved(d): d["drills"].reverse()
	write("moved.jsonl", moved)
	def big(d): d["score"] = 99
	write("big.jsonl", big)
	def flipped(d):
	    k = next(x for x in d["drills"] if x["status"] != "pass" and x["status"] != "skipped")
	    k["status"], k["score"] = "pass", 1
	write("flipped.jsonl", flipped)
	PYEOF
    for f in dropped repeated renamed moved big flipped; do
        expect_code 2 report --pack "$PACK" --format csv $f.jsonl part2.jsonl part3.jsonl >out 2>err || return 1
        test ! -s out && grep -q "^$f.jsonl:$(cat at): error: " err && contains err "nothing written" || { echo $f; cat err; return 1; }
    done &&
    contains err "are not those of its drills" &&
    report --pack "$PACK" --format csv moved.jsonl part2.jsonl part3.jsonl 2>err; test $? -eq 2 &&
    contains err "moved.jsonl:$(cat at): error: its drills are not those of the packs given" &&
    lacks err "part2.jsonl" &&
    report --format csv renamed.jsonl part2.jsonl part3.jsonl 2>err; test $? -eq 2 &&
    contains err "renamed.jsonl:$(cat at): error: its drills are not those of renamed.jsonl:"
'

# A shard graded again after its pack changed (a drill fixed between the
# runs) would grade part of the class otherwise: each line names the packs
# it was graded with, and report refuses a mix, or packs other than those.
test_expect_success 'shards graded with other packs: refused, located; so are other packs given to report' '
    sed "s/Each lambda looks up i when it is called/Each lambda reads i when called/" "$PACK" >pack-v2.json &&
    ! cmp -s "$PACK" pack-v2.json &&
    "$PYDRILL" grade --pack pack-v2.json --shard 2/3 --format jsonl -o part2-v2.jsonl $ALL; test $? -le 2 &&
    expect_code 2 report part1.jsonl part2-v2.jsonl part3.jsonl >out 2>err && test ! -s out &&
    contains err "part2-v2.jsonl:1: error: graded with other packs than part1.jsonl:1" &&
    test "$(grep -c "other packs" err)" -eq 1 &&
    expect_code 2 report --pack pack-v2.json part1.jsonl part2.jsonl part3.jsonl >out 2>err && test ! -s out &&
    contains err "the shards were graded with other packs than those given here, or with --drill (part1.jsonl:1)" &&
    expect_code 2 report --pack "$PACK" --format csv part3.jsonl part1.jsonl part2.jsonl >same.csv 2>err &&
    lacks err "other packs" &&
    test -s same.csv
'

test_expect_success '--shard auto in a Slurm job array is --shard K/N' '
    grade --shard 2/3 --format jsonl $ALL >want.jsonl 2>/dev/null
    SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_MAX=6 SLURM_ARRAY_TASK_COUNT=3 \
        grade --shard auto --format jsonl $ALL >got.jsonl 2>/dev/null
    test -s want.jsonl &&
    cmp <(sed -E "s/\"time_ms\":[0-9.]+//g" want.jsonl) <(sed -E "s/\"time_ms\":[0-9.]+//g" got.jsonl) &&
    grade --shard 3/4 --format jsonl $ALL >want.jsonl 2>/dev/null
    SLURM_ARRAY_TASK_ID=8 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=12 SLURM_ARRAY_TASK_STEP=4 \
        SLURM_ARRAY_TASK_COUNT=4 grade --shard auto --format jsonl $ALL >got.jsonl 2>/dev/null
    cmp <(sed -E "s/\"time_ms\":[0-9.]+//g" want.jsonl) <(sed -E "s/\"time_ms\":[0-9.]+//g" got.jsonl)
'

test_expect_success '--shard auto in a Kubernetes Indexed Job counts from 0 and needs PYDRILL_SHARDS' '
    grade --shard 1/3 --format jsonl $ALL >want.jsonl 2>/dev/null
    JOB_COMPLETION_INDEX=0 PYDRILL_SHARDS=3 grade --shard auto --format jsonl $ALL >got.jsonl 2>/dev/null
    cmp <(sed -E "s/\"time_ms\":[0-9.]+//g" want.jsonl) <(sed -E "s/\"time_ms\":[0-9.]+//g" got.jsonl) &&
    JOB_COMPLETION_INDEX=0 expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "set PYDRILL_SHARDS" &&
    JOB_COMPLETION_INDEX=3 PYDRILL_SHARDS=3 expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "is not below PYDRILL_SHARDS"
'

test_expect_success '--shard auto outside a scheduler, or in an unevenly numbered array: exit 2' '
    expect_code 2 env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX "$PYDRILL" grade --pack "$PACK" \
        --shard auto ok/ada.json >out 2>err &&
    test ! -s out && contains err "not in a Slurm job array" &&
    SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=7 SLURM_ARRAY_TASK_COUNT=3 \
        expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "not evenly numbered" &&
    SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=2 \
        expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "SLURM_ARRAY_TASK_ID 5 is outside the array (2 tasks from 1 in steps of 1)" &&
    SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_STEP=abc \
        expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "SLURM_ARRAY_TASK_STEP must be a whole number from 1, not \"abc\"" &&
    SLURM_ARRAY_TASK_ID=x SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 \
        expect_code 2 grade --shard auto ok/ada.json 2>err &&
    contains err "SLURM_ARRAY_TASK_ID must be a whole number, not \"x\""
'

test_expect_success 'lines without titles get them from --catalog/--pack; a platform format from one line' '
    $PY - whole.jsonl <<-\PYEOF >old.jsonl &&
	import json, sys
	for line in open(sys.argv[1], encoding="utf-8"):
	    o = json.loads(line)
	    for d in o["drills"]:
	        d.pop("title", None); d.pop("topic", None)
	    print(json.dumps(o))
	PYEOF
    expect_code 2 report --format json -o bare.json old.jsonl &&
    lacks bare.json "\"title\"" &&
    expect_code 2 report --pack "$PACK" --format json -o titled.json old.jsonl &&
    contains titled.json "Write mean()" &&
    same_json whole.json titled.json &&
    grade --format jsonl -o one.jsonl ok/bob.json; test $? -eq 1 &&
    expect_code 1 report --format gradescope -o gs.json one.jsonl &&
    $PY -c "import json; d=json.load(open(\"gs.json\")); assert d[\"score\"] == 0.6667 and len(d[\"tests\"]) == 5, d" &&
    expect_code 2 report --format prairielearn part1.jsonl part2.jsonl part3.jsonl >out 2>err &&
    test ! -s out && contains err "exactly one submission"
'

# The README's GNU parallel recipe, run here on one machine.
recipe() {
    mkdir -p parts &&
    seq 1 4 | parallel --halt never \
        "$PYDRILL grade --pack $PACK $1 --shard {}/4 --format jsonl -o parts/part-{}.jsonl $ALL 2>/dev/null; test \$? -le 1"
}

test_expect_success 'GNU parallel: four shards, merged by report' '
    command -v parallel >/dev/null || { echo "parallel is not installed (make deps-test)"; exit 1; } &&
    rm -rf parts && recipe ""; test $? -eq 2 &&
    expect_code 2 report --format json -o par.json parts/part-*.jsonl &&
    same_json whole.json par.json
'

test_expect_success 'GNU parallel: a failed shard is noticed, and report refuses the rest' '
    rm -rf parts && mkdir parts &&
    seq 1 4 | parallel --halt never \
        "opt=\$([ {} = 3 ] && echo --formt || echo --format); $PYDRILL grade --pack $PACK --shard {}/4 \$opt jsonl -o parts/part-{}.jsonl $ALL 2>/dev/null; test \$? -le 1"
    test $? -ne 0 &&
    test ! -e parts/part-3.jsonl &&
    expect_code 2 report --format json -o never.json parts/part-*.jsonl 2>err &&
    contains err "the shards are incomplete: positions 3, 7, 11, 15 of 18 are missing" &&
    test ! -e never.json
'

# A shard of one endless line (a 400 MB file of zeros, sparse here) is
# read through, not into memory: what a line keeps is bounded by
# REPORT_LINE_MAX (256 MiB), and a read that fails is an error, not the
# end of the file. getline grew a buffer of 512 MiB for it, and when that
# failed the shard was taken as empty ("holds no submission").
if ldd "$PYDRILL" 2>/dev/null | grep -q libasan; then
    test_skip 'a shard of one endless line: said, in bounded memory' 'the binary is built with ASan'
else
test_expect_success 'a shard of one endless line: said, in bounded memory' '
    truncate -s 400M endless.jsonl &&
    (ulimit -v 500000 && exec "$PYDRILL" report endless.jsonl) >out 2>err; test $? = 2 &&
    contains err "endless.jsonl:1: error: a line of 419430400 bytes is not one of pydrill'"'"'s" &&
    lacks err "holds no submission" && test ! -s out
'
fi

test_done
