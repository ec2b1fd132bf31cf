#!/bin/bash
# pydrill grade on hostile and broken input: unreadable submissions among
# good ones, strings meant to break out of a report (markup, quotes, control
# characters, invalid UTF-8, forged TAP lines) and atomic -o (SPEC 3.4, 4;
# issue 4).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
SCHEMA="$TOP/tests/schemas/junit-10.xsd" # vendored (MIT), from ../shared/schemas
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok
cp -R "$FIXTURES/batch/bad" bad
# A folder submission whose name (the candidate) is markup and not UTF-8
# (no '/' in it: a file name cannot have one).
EVE=$(printf 'ok/eve\377\376<script>alert(7)<&"')
mkdir "$EVE" &&
printf '2\n2\n2\n' >"$EVE/late-binding-predict.txt" &&
printf 'def mean(xs):\n    return "</td><script>"\n' >"$EVE/mean-write.py" &&
printf 'c\n' >"$EVE/list-repeat-choice.txt"

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

junit_valid() {
    xmllint --noout --schema "$SCHEMA" "$1"
}

# Every byte of the report is UTF-8.
utf8() {
    $PY -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1"
}

test_expect_success 'unreadable submissions are reported, the rest graded, exit 2' '
    expect_code 2 grade --format json -o r.json ok/ada.json bad/broken.json bad/mallory ok/bob.json 2>err &&
    contains err "bad/broken.json:2:52: error: unexpected end of file" &&
    contains err "bad/mallory/refcount-explain.txt:1:46: error: not valid UTF-8 text" &&
    $PY - r.json <<-\PYEOF
	import json, sys
	subs = {s["source"]: s for s in json.load(open(sys.argv[1], encoding="utf-8"))["submissions"]}
	assert sorted(subs) == ["bad/broken.json", "bad/mallory", "ok/ada.json", "ok/bob.json"], subs
	assert "unexpected end of file" in subs["bad/broken.json"]["error"]
	assert "not valid UTF-8" in subs["bad/mallory"]["error"]
	assert subs["bad/mallory"]["candidate"] == "mallory"
	assert subs["bad/mallory"]["drills"] == []
	assert subs["ok/ada.json"]["score"] == 5 and subs["ok/bob.json"]["passed"] == 0
	PYEOF
'

test_expect_success 'unreadable submissions appear in every format' '
    for f in text tap junit html jsonl; do
        expect_code 2 grade --format $f -o r.$f ok/ada.json bad/broken.json bad/mallory 2>/dev/null || exit 1
        contains r.$f "not valid UTF-8 text" || exit 1
        contains r.$f "unexpected end of file" || exit 1
    done &&
    contains r.tap "not ok 1 - bad/broken.json: could not be read" &&
    contains r.junit "<failure type=\"unreadable\"" &&
    junit_valid r.junit
'

test_expect_success 'a missing submission path is reported like an unreadable one' '
    expect_code 2 grade ok/ada.json no/such.json >out 2>err &&
    contains err "no/such.json: error: cannot open" &&
    contains out "ada (ok/ada.json): 5/5"
'

test_expect_success 'hostile json: valid, and the strings survive intact' '
    expect_code 2 grade --format json -o r.json ok/hostile.json "$EVE" bad/mallory 2>/dev/null &&
    $PY -m json.tool r.json >/dev/null &&
    $PY - r.json <<-\PYEOF
	import json, sys
	subs = json.load(open(sys.argv[1], encoding="utf-8"))["submissions"]
	names = [s["candidate"] for s in subs]
	assert names[0] == "mallory", names
	assert "eve\\xff\\xfe<script>alert(7)<&\"" in names, names
	assert "<script>alert(\"x\")</script>&'"'"'\nok 42 - forged by a candidate name \x1b[31m" in names, names
	h = [s for s in subs if s["source"] == "ok/hostile.json"][0]
	fix = [d for d in h["drills"] if d["id"] == "fresh-list-fix"][0]
	assert "<script>alert(3)</script>" in fix["tests"][0]["got"], fix
	PYEOF
'

test_expect_success 'hostile junit: valid XML, markup escaped' '
    expect_code 2 grade --format junit -o r.xml ok/hostile.json "$EVE" bad/mallory 2>/dev/null &&
    utf8 r.xml &&
    junit_valid r.xml &&
    lacks r.xml "<script" &&
    contains r.xml "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;" &&
    $PY - r.xml <<-\PYEOF
	import sys, xml.etree.ElementTree as ET
	root = ET.parse(sys.argv[1]).getroot()
	names = [s.get("name") for s in root.iter("testsuite")]
	assert any(n.startswith("<script>alert(\"x\")</script>&'"'"'\nok 42") for n in names), names
	assert any(n.startswith("eve\\xff\\xfe<script>") for n in names), names
	PYEOF
'

test_expect_success 'hostile tap: parses, no forged lines at column 0' '
    expect_code 2 grade --format tap -o report.tap ok/hostile.json "$EVE" bad/mallory 2>/dev/null &&
    utf8 report.tap &&
    { prove -v -e cat report.tap >prove.out 2>&1; true; } &&
    lacks prove.out "Parse errors" &&
    contains prove.out "Files=1, Tests=13" &&
    ! grep -nE "^(not )?ok [0-9]+ - forged" report.tap &&
    ! grep -E "^(not )?ok" report.tap | grep -vE "^(not )?ok [0-9]+ - (mallory|eve|<script>alert\(\"x\"\))" &&
    ! grep -nE "^# forged" report.tap &&
    test "$(grep -cE "^(not )?ok [0-9]+ - " report.tap)" -eq 13 &&
    ! grep -nP "\x1b" report.tap
'

test_expect_success 'hostile html: no markup from the input, UTF-8 throughout' '
    expect_code 2 grade --format html -o r.html ok/hostile.json "$EVE" bad/mallory 2>/dev/null &&
    utf8 r.html &&
    lacks r.html "<script" &&
    lacks r.html "</td><script" &&
    contains r.html "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;" &&
    contains r.html "$(printf "eve\\\\xff\\\\xfe&lt;script&gt;alert(7)&lt;&amp;&quot;")"
'

test_expect_success 'hostile text: no terminal escapes, UTF-8 throughout' '
    expect_code 2 grade -o r.txt ok/hostile.json "$EVE" bad/mallory 2>/dev/null &&
    utf8 r.txt &&
    ! grep -qP "[\x00-\x08\x0b-\x1f\x7f]" r.txt &&
    contains r.txt "<script>alert(\"x\")</script>&'"'"' ok 42 - forged"
'

test_expect_success '-o replaces the file whole and leaves no temporary file' '
    mkdir atomic && echo "old contents" >atomic/r.json &&
    expect_code 0 grade --format json -o atomic/r.json ok/ada.json &&
    $PY -m json.tool atomic/r.json >/dev/null &&
    lacks atomic/r.json "old contents" &&
    test "$(ls -A atomic)" = r.json
'

test_expect_success '-o over a file keeps its mode (and, where the user may, its owner and group)' '
    mkdir private && echo old >private/g.csv && chmod 600 private/g.csv &&
    expect_code 0 grade --format csv -o private/g.csv ok/ada.json &&
    test "$(stat -c %a private/g.csv)" = 600 && lacks private/g.csv old &&
    if [ "$(id -u)" -ne 0 ]; then
        echo keep >private/ro.csv && chmod 444 private/ro.csv &&
        expect_code 2 grade --format csv -o private/ro.csv ok/ada.json 2>err &&
        contains err "private/ro.csv: error: cannot write: Permission denied (the file is read-only to you)" &&
        test "$(cat private/ro.csv)" = keep
    fi &&
    if [ "$(id -u)" -eq 0 ]; then
        echo old >private/h.csv && chmod 640 private/h.csv && chown 65534:65534 private/h.csv &&
        expect_code 0 grade --format csv -o private/h.csv ok/ada.json &&
        test "$(stat -c %a:%u:%g private/h.csv)" = 640:65534:65534
    fi
'

test_expect_success 'a run killed with SIGKILL midway leaves no temporary file beside the report' '
    printf "{\"format\": \"pydrill-answers/1\", \"answers\": {\"mean-write\": \"import time\\\\ntime.sleep(2)\\\\n\"}}"  >slow9.json || exit 1
    mkdir k9 && "$PYDRILL" grade --pack "$PACK" --format json -o k9/r.json slow9.json ok/ada.json 2>/dev/null &
    pid=$!
    sleep 0.5
    kill -9 $pid || exit 1
    wait $pid
    test -z "$(ls -A k9)" || { echo "left behind: $(ls -A k9)"; exit 1; }
'

test_expect_success 'a run killed midway leaves no half report' '
    printf "{\"format\": \"pydrill-answers/1\", \"answers\": {\"mean-write\": \"import time\\\\ntime.sleep(2)\\\\n\"}}"  >slow.json || exit 1
    "$PYDRILL" grade --pack "$PACK" --format json -o killed.json slow.json ok/ada.json 2>/dev/null &
    pid=$!
    sleep 0.5
    kill $pid || exit 1
    wait $pid
    test $? -ne 0 || exit 1
    test ! -e killed.json || $PY -m json.tool killed.json >/dev/null || exit 1
    ls -A | grep -q "killed\.json\..*\.tmp" && { echo "left behind: $(ls -A | grep killed)"; exit 1; }
    :
'

test_expect_success '-o into a missing folder: exit 2, nothing written' '
    expect_code 2 grade --format json -o nowhere/r.json ok/ada.json >out 2>err &&
    test ! -e nowhere &&
    test -s err &&
    test ! -s out
'

test_expect_success '-o onto a folder: exit 2, the folder untouched' '
    mkdir dest && echo keep >dest/file &&
    expect_code 2 grade --format json -o dest ok/ada.json 2>err &&
    test -d dest && test "$(ls -A dest)" = file && test "$(cat dest/file)" = keep
'

test_expect_success 'the text report shows no bidirectional override an answer prints or raises' '
    cp -R "$FIXTURES/e2e/bidi" bidi &&
    expect_code 1 grade --format text bidi/rtl >out 2>/dev/null &&
    contains out "ValueError: " && ! grep -q "$(printf "\\342\\200\\256")" out
'

test_expect_success 'a drill whose expect cannot be evaluated grades no one: left out (skipped), exit 2' '
    expect_code 2 "$PYDRILL" grade --pack "$FIXTURES/e2e/broken-expect.json" --format json -o be.json \
        "$FIXTURES/e2e/broken-expect-answers.json" 2>err &&
    contains err "drill broken-write: error: test \"a\": expect" &&
    $PY -c "import json; s = json.load(open(\"be.json\"))[\"submissions\"][0]; d = {x[\"id\"]: x for x in s[\"drills\"]}; assert d[\"broken-write\"][\"status\"] == \"skipped\" and s[\"score\"] == 1 and s[\"max\"] == 1, s"
'

# no_forks CMD...: runs CMD where it cannot start a single process (uid
# 65534, RLIMIT_NPROC 1: it is its only process), from a folder that uid
# can read, with a TMPDIR it can write.
NOFORK=$(mktemp -d /tmp/pydrill-nofork.XXXXXX) && chmod 755 "$NOFORK" &&
cp "$PACK" "$PYDRILL" "$NOFORK/" && cp -R ok "$NOFORK/ok" && chmod -R a+rX "$NOFORK"
no_forks() {
    if [ "$(id -u)" = 0 ]; then
        (cd "$NOFORK" && setpriv --reuid=65534 --regid=65534 --clear-groups \
            env TMPDIR=/tmp HOME=/tmp bash -c 'ulimit -u 1 && exec "$@"' bash "$@")
    else
        (cd "$NOFORK" && TMPDIR=/tmp bash -c 'ulimit -u 1 && exec "$@"' bash "$@")
    fi
}
# (as uid 65534 the binary must load: a Python built under root's home,
# as the pyenv ones of make check are, cannot be read there)
if [ -n "$ASAN_OPTIONS" ]; then
    # (LeakSanitizer's own check at exit needs a process it cannot have)
    test_skip "when no process can be started, it is the grader's error" "under AddressSanitizer"
elif [ "$(id -u)" = 0 ] && ! (cd "$NOFORK" && setpriv --reuid=65534 --regid=65534 --clear-groups ./pydrill --version) \
        >/dev/null 2>&1; then
    test_skip "when no process can be started, it is the grader's error" "uid 65534 cannot run this build"
else
test_expect_success 'when no process can be started, it is the grader'"'"'s error (exit 2), not the answer'"'"'s verdict' '
    { no_forks ./pydrill run fresh-list-fix --pack pack.json ok/ada.json >out 2>err; test $? = 2; } &&
    contains err "could not be started (cannot start a process for the answer" &&
    lacks out CRASH && lacks out "0/1" &&
    { no_forks ./pydrill check --pack pack.json >out 2>err; test $? = 2; } &&
    contains err "could not be started" &&
    { no_forks ./pydrill grade --pack pack.json -j 1 --format json ok/ada.json >out 2>err; test $? = 2; } &&
    lacks out "\"crash\""
'
fi
rm -rf "$NOFORK"

test_done
