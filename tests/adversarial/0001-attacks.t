#!/bin/bash
# 0001-attacks.t - every attack answer in attacks/ is graded in one batch
# against a drill of pack.json (the fix drill, unless it names another),
# next to honest answers. Each attack's
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

# An attack on library code that only some tests call names the drill it
# answers ("; drill: adv-mean" on its first line); any other answers adv-fix.
for f in "$ADV"/attacks/*.py; do
    name=$(basename "$f" .py)
    drill=$(sed -n '1s/.*; *drill: *\([a-z0-9-]*\).*/\1/p' "$f")
    mkdir "subs/$name" && cp "$f" "subs/$name/${drill:-adv-fix}.py"
done
# The grader runs from a folder whose name holds ".so", beside a copy of
# the pack, as an instructor may keep them (sandbox6 F5: the read list took
# the folder of every mapping whose path merely contained ".so", pydrill's
# own binary among them). A wrapper script (valgrind) stays where it is;
# the pack is there all the same, and must be unreadable either way.
mkdir grader.sources
cp "$ADV/pack.json" grader.sources/pack.json
if [ "$(head -c 4 "$PYDRILL" | od -An -c | tr -d ' ')" = '177ELF' ]; then
    cp "$PYDRILL" grader.sources/pydrill
    PYDRILL="$TRASH/grader.sources/pydrill"
fi
stat -c '%a %u %g' "$TMPDIR" >tmpdir.before
touch marker
sleep 1 # -newer compares whole seconds on some file systems
# A secret in the grader's environment, as a CI token would be.
export PYDRILL_ADV_SECRET="hunter2-$$-secret"

# timeout: a guard against a hang, not a measure (the suite asserts no
# timings; the statuses below are what prove each limit held).
timeout 600 "$PYDRILL" grade --pack "$ADV/pack.json" --format json -o report.json subs/* \
    >grade.out 2>grade.err
echo $? >grade.code

test_expect_success 'the grader exits 1 (some answers fail), not by a signal' '
    cat grade.err
    test "$(cat grade.code)" = 1
'

# Left-over threads (threads-left.py) are covered by its status: had they
# held the verdict back, the deadline would have made it a timeout.
test_expect_success 'every attack ends as it should, and honest answers pass' '
    /usr/bin/python3 "$ADV/check_report.py" "$ADV/attacks" report.json >grade.checked; rc=$?
    # the answers not as expected last, where a failure'"'"'s last lines show
    grep "^ *ok " grade.checked; grep -v "^ *ok " grade.checked; exit $rc
'

test_expect_success 'no file appeared outside the scratch folders' '
    found=$( { find "$TRASH" -newer marker ! -path "$TRASH" ! -path "$TRASH/tmp" \
                 ! -name report.json ! -name "grade.*" ! -name tmpdir.before ! -path "$TRASH/subs*" \
                 ! -path "$TRASH/home" ! -path "$TRASH/state" ! -path "$TRASH/grader.sources*";
               find /tmp "$TOP" -maxdepth 3 -name "pydrill-escape-*" -newer marker; } 2>/dev/null)
    test -z "$found" || { echo "escaped: $found"; false; }
'

test_expect_success 'no secret of the grader reached any report' '
    ! grep -q "$PYDRILL_ADV_SECRET" report.json grade.out grade.err
'

# (its times change: scratch folders come and go in it)
test_expect_success 'the folder above the scratch folders kept its mode and owner' '
    test "$(stat -c "%a %u %g" "$TMPDIR")" = "$(cat tmpdir.before)" || {
        echo "before: $(cat tmpdir.before) after: $(stat -c "%a %u %g" "$TMPDIR")"; false; }
'

test_expect_success 'the scratch folders were removed' '
    test -z "$(ls -A "$TMPDIR")" || { ls -la "$TMPDIR"; false; }
'

test_done
