#!/bin/bash
# pydrill trace: each case in tests/fixtures/trace/cases is traced with
# --code against a predict drill, and its header's checks (status, and
# Python expressions over the pydrill-trace/1 document) must hold; see
# tests/e2e/trace_check.py.
. "$(dirname "$0")/lib.sh"
P="$FIXTURES/trace/pack.json"

for f in "$FIXTURES"/trace/cases/*.py; do
    name=$(basename "$f" .py)
    test_expect_success "trace $name" '
        pydrill trace grid-predict --pack "$P" --code "$f" --format json >"$name.json" 2>"$name.err"
        rc=$?
        [ $rc -le 1 ] || { echo "exit $rc"; cat "$name.err"; false; } &&
        /usr/bin/python3 "$TOP/tests/e2e/trace_check.py" "$f" "$name.json"
    '
done
test_done
