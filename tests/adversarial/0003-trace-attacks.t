#!/bin/bash
# 0003-trace-attacks.t - every attack answer in attacks/ is run under
# `pydrill trace --code`, with the calls its first test makes appended (so
# that what the attack does inside append_to runs too). The trace runs in
# the sandbox exactly as grading does: an attack whose first line expects
# only statuses of containment (denied, timeout, memory, output, crash)
# must end the trace with one of them; every trace ends in a document,
# nothing appears outside the scratch folders, and no secret of the
# grader's environment reaches any output.
. "$(dirname "$0")/../e2e/lib.sh"

ADV="$TOP/tests/adversarial"
export TMPDIR="$TRASH/tmp"
mkdir -p "$TMPDIR" codes traces
[ -n "$ASAN_OPTIONS" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:allocator_may_return_null=1"

for f in "$ADV"/attacks/*.py; do
    { cat "$f"; printf '\nappend_to(1)\nappend_to(3, [1])\n'; } >"codes/$(basename "$f")"
done
stat -c '%a %u %g' "$TMPDIR" >tmpdir.before
touch marker
sleep 1 # -newer compares whole seconds on some file systems
export PYDRILL_ADV_SECRET="hunter2-$$-secret"
export PYDRILL

# timeout: a guard against a hang, not a measure
ls codes/*.py | xargs -P 2 -I{} sh -c '
    n=$(basename "{}" .py)
    timeout 120 "$PYDRILL" trace adv-fix --pack "$1" --code "{}" --format json >"traces/$n.json" 2>"traces/$n.err"
    echo $? >"traces/$n.code"' sh "$ADV/pack.json"

test_expect_success 'every attack is contained under trace as under grading' '
    /usr/bin/python3 "$ADV/check_traces.py" "$ADV/attacks" traces
'

test_expect_success 'no file appeared outside the scratch folders' '
    found=$( { find "$TRASH" -newer marker ! -path "$TRASH" ! -path "$TRASH/tmp" ! -path "$TRASH/traces*" \
                 ! -path "$TRASH/codes*" ! -name tmpdir.before ! -path "$TRASH/home" ! -path "$TRASH/state";
               find /tmp "$TOP" -maxdepth 3 -name "pydrill-escape-*" -newer marker; } 2>/dev/null)
    test -z "$found" || { echo "escaped: $found"; false; }
'

test_expect_success 'no secret of the grader reached any trace' '
    ! grep -rl "$PYDRILL_ADV_SECRET" traces
'

test_expect_success 'the folder above the scratch folders kept its mode and owner' '
    test "$(stat -c "%a %u %g" "$TMPDIR")" = "$(cat tmpdir.before)"
'

test_expect_success 'the scratch folders were removed' '
    test -z "$(ls -A "$TMPDIR")" || { ls -la "$TMPDIR"; false; }
'

test_done
