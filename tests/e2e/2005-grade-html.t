#!/bin/bash
# pydrill grade --format html: one self-contained page (no script, no asset
# from elsewhere), rendered by headless Chromium without console errors
# (issue 4, item 6).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
CHROMIUM=/usr/bin/chromium
cp -R "$FIXTURES/batch/ok" ok
cp -R "$FIXTURES/batch/bad" bad

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

# chromium URL OUTPUT-FLAGS... : headless, isolated, nothing fetched from
# the network; its log (console messages included) goes to chromium.log.
chromium() {
    url=$1; shift
    profile=$(mktemp -d "$TRASH/profile.XXXXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "$url" 2>chromium.log
}

# Console errors and uncaught exceptions as Chromium logs them.
console_errors() {
    grep -E "Uncaught|CONSOLE\([0-9]+\)|:CONSOLE" chromium.log
}

# The PNG's width and height, checked from its IHDR chunk, and a count of
# distinct bytes in its pixels (a blank page has a handful).
png_check() {
    $PY - "$1" <<-\PYEOF
	import struct, sys, zlib
	data = open(sys.argv[1], "rb").read()
	assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
	pos, idat, size = 8, b"", None
	while pos < len(data):
	    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
	    body = data[pos + 8:pos + 8 + n]
	    if kind == b"IHDR":
	        size = struct.unpack(">II", body[:8])
	    elif kind == b"IDAT":
	        idat += body
	    pos += 12 + n
	assert size and size[0] >= 1000 and size[1] >= 1000, size
	pixels = zlib.decompress(idat)
	distinct = len(set(pixels))
	assert distinct > 40, "the page looks blank: %d distinct bytes" % distinct
	PYEOF
}

test_expect_success 'html: self-contained, sections present, rows by score' '
    expect_code 2 grade --format html -o report.html ok/*.json bad/* 2>/dev/null &&
    head -n 1 report.html | grep -qi "^<!DOCTYPE html>" &&
    lacks report.html "<script" &&
    lacks report.html "<link" &&
    lacks report.html "<img" &&
    lacks report.html "src=" &&
    lacks report.html "http://" &&
    lacks report.html "https://" &&
    lacks report.html "url(" &&
    contains report.html "<style>" &&
    contains report.html "<svg class=\"hist\"" &&
    contains report.html "<table class=\"topics\">" &&
    contains report.html "<table class=\"drills\">" &&
    contains report.html "<table class=\"grid\">" &&
    test "$(grep -c "<details>" report.html)" -eq 7 &&
    grep -o "<td class=\"n\"><a href=\"#c[0-9]*\">[^<&]*" report.html | sed "s/.*>//" | head -n 4 >rows &&
    printf "ada\ncyd\ndee\nbob\n" >want && diff want rows &&
    contains report.html "could not be read" &&
    contains report.html "no-such-drill"
'

if [ ! -x "$CHROMIUM" ]; then
    test_skip 'chromium renders the report' "$CHROMIUM is not installed (make deps-test)"
    test_skip 'the console check catches an error' "$CHROMIUM is not installed"
    test_skip 'no markup from answers in the DOM' "$CHROMIUM is not installed"
    test_skip 'a link to a candidate opens their detail' "$CHROMIUM is not installed"
    test_done
    exit
fi

test_expect_success 'the console check catches an error (control page)' '
    printf "<!DOCTYPE html><title>x</title><p>x<script>console.error(\"boom\"); nope();</script>" >control.html &&
    chromium "file://$TRASH/control.html" --dump-dom >control.dom &&
    console_errors
'

test_expect_success 'chromium renders the report: a screenshot, no console errors' '
    chromium "file://$TRASH/report.html" --window-size=1280,1600 --screenshot="$TRASH/report.png" &&
    test -s report.png &&
    png_check report.png &&
    ! console_errors
'

test_expect_success 'the DOM parses: table cells, and no markup from answers' '
    expect_code 2 grade --format html -o hostile.html ok/hostile.json ok/ada.json bad/mallory 2>/dev/null &&
    chromium "file://$TRASH/hostile.html" --dump-dom >hostile.dom &&
    ! console_errors &&
    contains hostile.dom "<table class=\"grid\">" &&
    test "$(grep -o "<details>" hostile.dom | wc -l)" -eq 3 &&
    lacks hostile.dom "<script" &&
    contains hostile.dom "&lt;script&gt;alert(\"x\")&lt;/script&gt;"
'

test_expect_success 'a link to a candidate opens their detail; headers stay on screen' '
    chromium "file://$TRASH/report.html#c3" --dump-dom >frag.dom &&
    ! console_errors &&
    grep -o "<details[^>]*><summary><b>[^<]*" frag.dom >details &&
    test "$(grep -c "open" details)" -eq 1 &&
    grep -q "<details open=\"\"><summary><b>ada<" frag.dom &&
    contains report.html "thead th{position:sticky;top:0" &&
    contains report.html ".n{position:sticky;left:0" &&
    contains report.html "tfoot td{position:sticky;bottom:0"
'

test_expect_success 'no bidirectional override a candidate wrote reaches the page, the TAP or the gradebook (a "1 / 2" read backwards)' '
    $PY -c "import json; json.dump({\"format\": \"pydrill-answers/1\", \"candidate\": \"Mallory \u202e\", \"answers\": {\"list-repeat-choice\": \"b\"}}, open(\"rlo.json\", \"w\"))" &&
    cp ok/ada.json ada-twin.json &&
    expect_code 1 grade --format html -o rlo.html rlo.json &&
    expect_code 1 grade --format tap -o rlo.tap rlo.json &&
    expect_code 1 grade --format csv -o rlo.csv rlo.json &&
    for f in rlo.html rlo.tap rlo.csv; do
        ! grep -q "$(printf "\\342\\200\\256")" $f || { echo "$f holds U+202E"; exit 1; }
    done &&
    contains rlo.html "Mallory" &&
    grade --format tap ok/ada.json ada-twin.json >twins.tap; test $? -le 1 &&
    contains twins.tap "# ada (ok/ada.json): " && lacks twins.tap "(ok/ada.json) (ok/ada.json)"
'

test_done
