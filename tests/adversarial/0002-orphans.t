#!/bin/bash
# 0002-orphans.t - an answer's process dies with the grader: kill -9 of
# pydrill while an answer sleeps must not leave the answer running.
. "$(dirname "$0")/../e2e/lib.sh"

ADV="$TOP/tests/adversarial"
mkdir -p subs/sleeper
export TMPDIR="$TRASH/tmp"
mkdir -p "$TMPDIR"
cat >subs/sleeper/adv-fix.py <<'PY'
import time
open("sleeping", "w").close()
time.sleep(60)
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
PY
sed 's/"timeout_ms": 1000/"timeout_ms": 60000/' "$ADV/pack.json" >pack.json

"$PYDRILL" grade --pack pack.json -j1 subs/sleeper >/dev/null 2>&1 &
grader=$!

# Waits (bounded: a guard against a hang, not a measure) for the answer to
# be asleep in its scratch folder; with -j1 it is then the only child.
child=
for _ in $(seq 200); do
    if ls "$TMPDIR"/pydrill-run-*/sleeping >/dev/null 2>&1; then
        # (not a zombie: children of planning may not be reaped yet)
        child=$(ps --ppid "$grader" -o pid=,stat= | awk '$2 !~ /Z/ { print $1; exit }')
        break
    fi
    sleep 0.1
done

test_expect_success 'the answer ran in a child of the grader' '
    test -n "$child"
'

kill -9 "$grader" 2>/dev/null
wait "$grader" 2>/dev/null

test_expect_success 'the child is gone once the grader is killed' '
    for _ in $(seq 100); do
        kill -0 "$child" 2>/dev/null || exit 0
        sleep 0.1
    done
    ps -o pid,ppid,stat,cmd -p "$child"
    false
'

test_done
