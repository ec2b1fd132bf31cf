#!/bin/bash
# pydrill grade's progress bar: on stderr only when stderr is a terminal
# (faked with script(1)), never in CI logs, silenced by --quiet (issue 4).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
cp -R "$FIXTURES/batch/ok" ok
CLEAN="ok/ada.json ok/bob.json ok/cyd.json"

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

# Runs pydrill grade on a pseudo-terminal; what the terminal showed goes to
# tty.out. The report itself goes to a file (-o), so tty.out is stderr.
on_tty() {
    cmd="$PYDRILL grade --pack $PACK"
    for a in "$@"; do cmd="$cmd '$a'"; done
    script -qec "$cmd" /dev/null >tty.out 2>&1
}

test_expect_success 'no progress bar when stderr is not a terminal' '
    expect_code 1 grade -j2 --format json -o r.json $CLEAN 2>err &&
    test -s r.json &&
    test ! -s err &&
    expect_code 1 grade -j2 $CLEAN >out 2>err &&
    test ! -s err &&
    lacks out "ETA"
'

if ! command -v script >/dev/null 2>&1; then
    test_skip 'progress bar on a terminal' 'script(1) is not installed'
    test_skip '--quiet silences it' 'script(1) is not installed'
    test_done
    exit
fi

test_expect_success 'a progress bar with done/total, rate and ETA on a terminal' '
    expect_code 1 on_tty -j2 --format json -o r.json $CLEAN &&
    grep -qE "0/[1-9][0-9]* answers" tty.out &&
    grep -qE "\b([1-9][0-9]*)/\1 answers" tty.out &&
    contains tty.out "/s" &&
    contains tty.out "ETA" &&
    contains tty.out "[##############################]" &&
    /usr/bin/python3 -m json.tool r.json >/dev/null
'

test_expect_success 'the bar is drawn over itself (carriage returns), ends with a newline' '
    expect_code 1 on_tty -j1 -o r.txt $CLEAN &&
    test "$(tr -cd "\r" <tty.out | wc -c)" -ge 6 &&
    test "$(tail -c 2 tty.out | od -An -c | tr -d " ")" = "\r\n"
'

test_expect_success '--quiet silences it' '
    expect_code 1 on_tty --quiet -j2 --format json -o r.json $CLEAN &&
    lacks tty.out "answers" &&
    lacks tty.out "ETA" &&
    test ! -s tty.out &&
    expect_code 1 on_tty -q -o r.txt $CLEAN &&
    test ! -s tty.out
'

test_expect_success 'a report streamed to the same terminal leaves no bar behind' '
    cmd="$PYDRILL grade --pack $PACK -j2 $CLEAN"
    script -qec "$cmd" /dev/null >tty.out 2>&1; test $? -le 1 &&
    /usr/bin/python3 - tty.out <<-\PYEOF
	import re, sys
	# what a terminal shows: \r goes to column 0, ESC [K erases to the end
	screen = []
	for raw in open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read().split("\n"):
	    line = []
	    col = 0
	    for tok in re.split(r"(\r|\x1b\[K)", raw):
	        if tok == "\r":
	            col = 0
	        elif tok == "\x1b[K":
	            del line[col:]
	        else:
	            for ch in tok:
	                if col < len(line):
	                    line[col] = ch
	                else:
	                    line.append(ch)
	                col += 1
	    screen.append("".join(line))
	bars = [l for l in screen if "answers" in l and "ETA" in l]
	assert not bars, bars
	heads = [l for l in screen if "(ok/ada.json):" in l]
	assert heads and heads[0].startswith("ada (ok/ada.json):"), screen
	PYEOF
'

test_done
