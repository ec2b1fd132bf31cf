#!/bin/bash
# pydrill grade: every report format read by a real consumer (python's json,
# xmllint against the Surefire schema, prove), exit codes, hidden tests,
# warnings and duplicate candidates (SPEC 3.4, 4; issue 4).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
SCHEMA="$TOP/tests/schemas/junit-10.xsd" # vendored (MIT), from ../shared/schemas
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok
GOOD="ok/ada.json ok/bob.json ok/cyd.json ok/dee.json"

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

# The JUnit file against the Surefire schema Jenkins and GitLab read (in the
# tree, so the check never falls back to less).
junit_valid() {
    xmllint --noout --schema "$SCHEMA" "$1"
}

test_expect_success 'all right: exit 0, skipped drill left out of the score' '
    expect_code 0 grade ok/ada.json >out 2>err &&
    contains out "ada (ok/ada.json): 5/5, 5 passed" &&
    contains out "SKIPPED  future-python-predict" &&
    test ! -s err
'

test_expect_success 'a wrong answer: exit 1' '
    expect_code 1 grade ok/bob.json >out 2>err &&
    contains out "bob (ok/bob.json): 0.67/5, 0 passed" &&
    contains out "you chose a; the right answer is b" &&
    contains out "got:      1" &&
    contains out "got:      ZeroDivisionError: " &&
    test "$(grep -c "ZeroDivisionError" out)" -eq 1 &&
    lacks out "expected 1.6666666666666667, got 1"
'

test_expect_success 'an unreadable submission among good ones: exit 2' '
    expect_code 2 grade ok/ada.json "$FIXTURES/batch/bad/broken.json" >out 2>err &&
    contains out "ada (ok/ada.json): 5/5" &&
    contains err "broken.json:2:52: error:"
'

test_expect_success 'json: parsed by python -m json.tool, with SPEC 3.4 fields' '
    expect_code 1 grade --format json -o r.json $GOOD 2>err &&
    $PY -m json.tool r.json >/dev/null &&
    $PY - r.json <<-\PYEOF
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	assert r["format"] == "pydrill-report/1", r["format"]
	assert r["python"].count(".") == 2, r["python"]
	subs = r["submissions"]
	assert [s["candidate"] for s in subs] == ["ada", "bob", "cyd", "dee"], subs
	ada, bob, cyd, dee = subs
	assert (ada["score"], ada["max"], ada["passed"]) == (5, 5, 5), ada
	assert (cyd["score"], cyd["passed"]) == (3.6667, 2), cyd
	d = {x["id"]: x for x in cyd["drills"]}
	assert d["late-binding-predict"]["status"] == "fail" and d["late-binding-predict"]["score"] == 0.6667
	assert d["mean-write"]["status"] == "error" and d["mean-write"]["kind"] == "write"
	assert d["future-python-predict"]["status"] == "skipped"
	t = {x["name"]: x for x in d["mean-write"]["tests"]}
	assert t["empty"]["status"] == "error" and "ZeroDivisionError" in t["empty"]["got"], t
	assert all(isinstance(x["time_ms"], (int, float)) for x in d.values())
	assert {x["status"] for x in dee["drills"]} == {"missing", "pass", "skipped"}
	PYEOF
'

test_expect_success 'jsonl: one submission object per line, no envelope' '
    expect_code 1 grade --format jsonl $GOOD >r.jsonl &&
    test "$(wc -l <r.jsonl)" -eq 4 &&
    while IFS= read -r line; do
        printf "%s\n" "$line" | $PY -m json.tool >/dev/null || exit 1
    done <r.jsonl &&
    contains r.jsonl "{\"candidate\":\"ada\"" &&
    lacks r.jsonl "pydrill-report/1"
'

test_expect_success 'junit: valid against the Surefire schema' '
    expect_code 2 grade --format junit -o r.xml $GOOD "$FIXTURES/batch/bad/broken.json" 2>/dev/null &&
    junit_valid r.xml &&
    test "$(grep -c "<testsuite " r.xml)" -eq 5 &&
    test "$(grep -c "<testcase " r.xml)" -eq 25 &&
    contains r.xml "<skipped message=\"needs Python &gt;=9.0" &&
    contains r.xml "<failure type=\"missing\"" &&
    contains r.xml "<failure type=\"unreadable\""
'

test_expect_success 'tap: parsed by prove without parse errors' '
    expect_code 1 grade --format tap -o report.tap $GOOD &&
    head -n 1 report.tap >first && contains first "TAP version 13" &&
    { prove -v -e cat report.tap >prove.out 2>&1; true; } &&
    lacks prove.out "Parse errors" &&
    lacks prove.out "Dubious" &&
    contains prove.out "Files=1, Tests=24" &&
    contains prove.out "Failed 12/24 subtests"
'

test_expect_success 'text report sums up the batch' '
    expect_code 1 grade $GOOD >out &&
    contains out "4 submissions, mean score 2.58/5"
'

test_expect_success 'hidden tests never leak expected/got in any format' '
    for f in text json jsonl junit tap html; do
        expect_code 1 grade --format $f -o r.$f ok/bob.json || exit 1
        lacks r.$f s3cr3t || exit 1
    done &&
    contains r.text "0 of 1 hidden tests passed" &&
    $PY - r.json <<-\PYEOF
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	fix = [d for d in r["submissions"][0]["drills"] if d["id"] == "fresh-list-fix"][0]
	h = [t for t in fix["tests"] if t["hidden"]]
	assert h == [{"name": "hidden fresh list", "status": "fail", "hidden": True}], h
	PYEOF
'

test_expect_success '--reveal-hidden shows them' '
    expect_code 1 grade --reveal-hidden --format json -o r.json ok/bob.json &&
    contains r.json "s3cr3t-b" &&
    expect_code 1 grade --reveal-hidden --format tap ok/bob.json >r.tap &&
    contains r.tap "s3cr3t-b" &&
    expect_code 1 grade --reveal-hidden ok/bob.json >r.txt &&
    contains r.txt "s3cr3t-b"
'

test_expect_success 'answers for unknown drill ids: one line on stderr, listed in the report' '
    expect_code 1 grade --format json -o r.json ok/dee.json 2>err &&
    test "$(wc -l <err)" -eq 1 &&
    contains err "pydrill: warning: 1 answer in 1 submission is for drills that are not loaded (the first: ok/dee.json: \"no-such-drill\")" &&
    $PY -c "import json,sys; s=json.load(open(\"r.json\"))[\"submissions\"][0]; assert len(s[\"warnings\"]) == 1 and \"no-such-drill\" in s[\"warnings\"][0], s" &&
    expect_code 1 grade ok/dee.json >out 2>/dev/null &&
    contains out "warning: " &&
    expect_code 1 grade --format tap ok/dee.json >out 2>/dev/null &&
    contains out "# warning: "
'

test_expect_success 'many unknown drills in many files are still one line on stderr' '
    for n in 1 2 3 4 5; do
        printf "{\"format\": \"pydrill-answers/1\", \"answers\": {\"x-$n\": \"1\", \"y-$n\": \"2\", \"mean-write\": \"def mean(xs): return sum(xs) / len(xs)\"}}" >u$n.json || exit 1
    done &&
    expect_code 1 grade --format json -o r.json u1.json u2.json u3.json u4.json u5.json 2>err &&
    test "$(wc -l <err)" -eq 1 &&
    contains err "10 answers in 5 submissions are for drills that are not loaded" &&
    $PY -c "import json; w=[s[\"warnings\"] for s in json.load(open(\"r.json\"))[\"submissions\"]]; assert all(len(x) == 1 and \"\\\"x-\" in x[0] and \"\\\"y-\" in x[0] for x in w), w"
'

test_expect_success 'duplicate candidate names are told apart by path in whole-batch formats' '
    mkdir -p x y z && cp ok/ada.json x/ && cp ok/ada.json y/ && cp ok/ada.json z/ && cp ok/bob.json z/ &&
    expect_code 1 grade --format json -o r.json z/ada.json x/ada.json y/ada.json z/bob.json &&
    $PY - r.json <<-\PYEOF
	import json, sys
	subs = json.load(open(sys.argv[1], encoding="utf-8"))["submissions"]
	assert [s["source"] for s in subs] == ["x/ada.json", "y/ada.json", "z/ada.json", "z/bob.json"], subs
	for s in subs[:3]:
	    assert s["candidate"] == "ada (%s)" % s["source"], s["candidate"]
	assert subs[3]["candidate"] == "bob", subs[3]["candidate"]
	PYEOF
'

test_expect_success 'jsonl keeps names as given (the source tells them apart); report renames alike' '
    expect_code 1 grade --format jsonl -o r.jsonl z/ada.json x/ada.json y/ada.json z/bob.json &&
    $PY -c "import json; n=[json.loads(l)[\"candidate\"] for l in open(\"r.jsonl\")]; assert n == [\"ada\", \"ada\", \"ada\", \"bob\"], n" &&
    expect_code 1 "$PYDRILL" report --format json -o merged.json r.jsonl &&
    $PY -c "import json; a=json.load(open(\"r.json\")); b=json.load(open(\"merged.json\")); assert [s[\"candidate\"] for s in a[\"submissions\"]] == [s[\"candidate\"] for s in b[\"submissions\"]]"
'

test_expect_success 'unknown format and no submissions are usage errors' '
    expect_code 2 grade --format yaml ok/ada.json >out 2>err &&
    contains err "unknown format" &&
    test ! -s out &&
    expect_code 2 grade 2>err &&
    contains err "no submissions"
'

test_done
