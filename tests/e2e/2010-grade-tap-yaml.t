#!/bin/bash
# TAP's YAML diagnostics are read by strict YAML readers (issue 10, item
# 13): every control character an answer can put in a message (C0, C1,
# DEL, line separators, a byte order mark) is escaped, and a strict reader
# (PyYAML, which rejects what YAML 1.2 does not allow raw) takes each
# string back exactly as the JSON report has it.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3

$PY - <<-\PYEOF
	import json
	nasty = "c1:\x85\x9b\x9c del:\x7f ctl:\x01\x1b[2J tab:\t cr:\r ls:\u2028 ps:\u2029 bom:\ufeff nc:\ufffe q:\" bs:\\ end"
	answer = "def mean(xs):\n    raise ValueError(%r)\n" % nasty
	fix = "def append_to(x, lst=None):\n    print(%r)\n    raise KeyError(%r)\n" % (nasty, nasty)
	json.dump({"format": "pydrill-answers/1", "candidate": "c1\x85name",
	           "answers": {"mean-write": answer, "fresh-list-fix": fix,
	                       "late-binding-predict": nasty}},
	          open("nasty.json", "w", encoding="utf-8"))
	PYEOF

test_expect_success 'the YAML blocks load in a strict reader, strings as in the JSON report' '
    expect_code 1 "$PYDRILL" grade --pack "$PACK" --reveal-hidden --format tap -o r.tap nasty.json &&
    expect_code 1 "$PYDRILL" grade --pack "$PACK" --reveal-hidden --format json -o r.json nasty.json &&
    $PY - r.tap r.json <<-\PYEOF
	import json, sys
	import yaml
	text = open(sys.argv[1], encoding="utf-8").read()
	blocks, cur = [], None
	for line in text.split("\n"):
	    if line == "  ---":
	        cur = []
	    elif line == "  ...":
	        blocks.append("\n".join(cur))
	        cur = None
	    elif cur is not None:
	        cur.append(line)
	assert len(blocks) >= 3, blocks
	docs = [yaml.safe_load(b) for b in blocks]
	got = set()
	for d in docs:
	    for t in d.get("tests", []):
	        for k in ("got", "message", "expected"):
	            if k in t:
	                got.add(t[k])
	    if "message" in d:
	        got.add(d["message"])
	rep = json.load(open(sys.argv[2], encoding="utf-8"))["submissions"][0]
	want = set()
	for dr in rep["drills"]:
	    if dr["status"] in ("pass", "skipped"):
	        continue
	    if "message" in dr:
	        want.add(dr["message"])
	    for t in dr["tests"]:
	        if t["status"] != "pass":
	            for k in ("got", "message", "expected"):
	                if k in t:
	                    want.add(t[k])
	assert want == got, (want - got, got - want)
	assert any("\x85\x9b\x9c" in s for s in got), got
	assert any("\u2028" in s and "\ufeff" in s for s in got), got
	PYEOF
'

test_expect_success 'no raw C1 control, DEL or separator anywhere in the TAP file' '
    ! grep -qP "[\x{80}-\x{9f}\x{7f}\x{2028}\x{2029}\x{feff}]" r.tap &&
    contains r.tap "\\x85\\x9B\\x9C" &&
    { prove -v -e cat r.tap >prove.out 2>&1; true; } &&
    lacks prove.out "Parse errors"
'

test_done
