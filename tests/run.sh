#!/bin/sh
# Runs every test (unit binaries, then the TAP scripts of tests/e2e, tests/tui
# and tests/adversarial) through prove, and ends with "N passed, N failed".
# B names the build folder (build by default).
B=${B:-build}
export B
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
# PYDRILL_WRAPPER runs the binary under a tool (tests/valgrind/pydrill);
# TESTS names the scripts to run instead of every unit and script.
export PYDRILL="${PYDRILL_WRAPPER:-$top/$B/pydrill}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

units=$(ls "$B"/tests/test_* 2>/dev/null | grep -v '\.d$')
[ -n "$TESTS" ] && units=
if [ -n "$units" ]; then
    CMOCKA_MESSAGE_OUTPUT=TAP prove -v -e '' $units >>"$log" 2>&1 || status=1
fi
scripts=${TESTS:-$(ls tests/e2e/*.t tests/tui/*.t tests/adversarial/*.t 2>/dev/null)}
if [ -n "$scripts" ]; then
    prove -v -j2 -e bash $scripts >>"$log" 2>&1 || status=1
fi
# Show failures and prove's summaries; the full log on request.
if [ -n "$VERBOSE" ]; then cat "$log"; else
    grep -E '^(not ok|#   Failed|Failed|Result:|Files=|Dubious|Parse errors|.* \.\. (Dubious|Failed))' "$log" | sed 's/^/  /'
fi
passed=$(grep -cE '^[[:space:]]*ok [0-9]+' "$log")
skipped=$(grep -cE '^[[:space:]]*ok [0-9]+.*# *[Ss][Kk][Ii][Pp]' "$log")
failed=$(grep -cE '^[[:space:]]*not ok [0-9]+' "$log")
passed=$((passed - skipped))
# A script that exited non-zero with no failed test of its own (it died
# before its plan, say) counts as one failure; one with failed tests is
# already counted by them.
dubious=$(grep -cE 'Dubious' "$log")
subfailed=$(grep -cE 'Failed [0-9]+/[0-9]+ subtests' "$log")
dubious=$((dubious - subfailed + $(grep -cE 'Parse errors|No plan found|Bad plan' "$log")))
[ "$dubious" -lt 0 ] && dubious=0
failed=$((failed + dubious))
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
