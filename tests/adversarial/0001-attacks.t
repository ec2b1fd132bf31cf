#!/bin/bash
# 0001-attacks.t - every attack answer in attacks/ is graded in one batch
# against the fix drill of pack.json, next to honest answers. Each attack's
# first line says what it must end as: "# expect: STATUS", several allowed
# as "a|b", or "!pass" for anything but a pass. The grader must come back
# normally, and nothing may appear outside the answers' scratch folders.
. "$(dirname "$0")/../e2e/lib.sh"

ADV="$TOP/tests/adversarial"
# Scratch folders are made in $TMPDIR: keep them (and any escape) in sight.
export TMPDIR="$TRASH/tmp"
mkdir -p "$TMPDIR" subs
# Under ASan a 10 GB malloc must fail like any other, not abort the child.
[ -n "$ASAN_OPTIONS" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:allocator_may_return_null=1"

for f in "$ADV"/attacks/*.py; do
    name=$(basename "$f" .py)
    mkdir "subs/$name" && cp "$f" "subs/$name/adv-fix.py"
done
touch marker
sleep 1 # -newer compares whole seconds on some file systems

start=$(date +%s)
"$PYDRILL" grade --pack "$ADV/pack.json" --format json -o report.json subs/* \
    >grade.out 2>grade.err
echo $? >grade.code
end=$(date +%s)

test_expect_success 'the grader exits 1 (some answers fail), not by a signal' '
    cat grade.err
    test "$(cat grade.code)" = 1
'

test_expect_success 'the batch finishes in under a minute' '
    echo "took $((end - start)) s"
    test $((end - start)) -lt 60
'

test_expect_success 'every attack ends as it should, and honest answers pass' '
    /usr/bin/python3 "$ADV/check_report.py" "$ADV/attacks" report.json
'

test_expect_success 'left-over threads do not hold the verdict past the time limits' '
    /usr/bin/python3 - report.json <<-\EOF
	import json, sys
	subs = {s["candidate"]: s for s in json.load(open(sys.argv[1]))["submissions"]}
	# 3 tests of 1000 ms each, plus start-up slack: the verdict is due by then
	slow = {n: s["drills"][0]["time_ms"] for n, s in subs.items()
	        if s["drills"] and s["drills"][0]["time_ms"] > 3 * 1000 + 750}
	print(slow)
	sys.exit(1 if slow else 0)
	EOF
'

test_expect_success 'no file appeared outside the scratch folders' '
    found=$( { find "$TRASH" -newer marker ! -path "$TRASH" ! -path "$TRASH/tmp" \
                 ! -name report.json ! -name "grade.*" ! -path "$TRASH/subs*" \
                 ! -path "$TRASH/home" ! -path "$TRASH/state";
               find /tmp "$TOP" -maxdepth 3 -name "pydrill-escape-*" -newer marker; } 2>/dev/null)
    test -z "$found" || { echo "escaped: $found"; false; }
'

test_expect_success 'the scratch folders were removed' '
    test -z "$(ls -A "$TMPDIR")" || { ls -la "$TMPDIR"; false; }
'

test_done
