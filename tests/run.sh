#!/bin/sh
# Runs every test (unit binaries, then the TAP scripts of tests/e2e, tests/tui
# and tests/adversarial) through prove, and ends with "N passed, N failed".
# B names the build folder (build by default).
#
# UNPRIV=1 (make check sets it): started as root, the scripts run a second
# time as uid/gid 65534 with a home and TMPDIR of their own, from a
# world-readable copy of what they need (a clone often sits in a folder only
# root can enter), so that what works only for root fails the suite.
# Started as any other user, they run once, as that user.
# RUN_LABEL names the run in its closing line; RUN_TALLY names a file to
# which the counts are added as "passed failed skipped" (tools/matrix-check.sh
# adds up several runs).
B=${B:-build}
export B
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
# PYDRILL_WRAPPER runs the binary under a tool (tests/valgrind/pydrill);
# TESTS names the scripts to run instead of every unit and script.
export PYDRILL="${PYDRILL_WRAPPER:-$top/$B/pydrill}"
NOBODY=65534
work=$(mktemp -d)
unpriv=
trap 'rm -rf "$work" ${unpriv:+"$unpriv"}' EXIT
trap 'exit 130' INT TERM HUP
status=0

units=$(ls "$B"/tests/test_* 2>/dev/null | grep -v '\.d$')
[ -n "$TESTS" ] && units=
scripts=${TESTS:-$(ls tests/e2e/*.t tests/tui/*.t tests/adversarial/*.t 2>/dev/null)}

# unpriv_tree : copies what the scripts read (the tree less its build
# folders; the binary and build/tests; the schemas in ../shared) to a fresh
# folder that uid 65534 can read, with a home it can write; sets $unpriv.
unpriv_tree() {
    # Short names: a few quiz tests read messages that quote a path under
    # TMPDIR, and a long one wraps them on the 100-column screen.
    unpriv=$(mktemp -d /tmp/pd.XXXXXX) || return 1
    chmod 755 "$unpriv" && mkdir -p "$unpriv/tree/$B" "$unpriv/h" "$unpriv/t" || return 1
    for f in "$top"/* "$top"/.[!.]*; do
        [ -e "$f" ] || continue
        case ${f##*/} in build | build-* | .git) continue ;; esac
        cp -R "$f" "$unpriv/tree/" || return 1
    done
    cp "$top/$B/pydrill" "$unpriv/tree/$B/pydrill" || return 1
    # build/tests: the scripts' helper programs (tests/tools) live there
    [ ! -d "$top/$B/tests" ] || cp -R "$top/$B/tests" "$unpriv/tree/$B/" || return 1
    if [ -d "$top/../shared/schemas" ]; then
        mkdir -p "$unpriv/shared" && cp -R "$top/../shared/schemas" "$unpriv/shared/" || return 1
    fi
    chmod -R a+rX "$unpriv/tree" "$unpriv/shared" 2>/dev/null
    chown -R "$NOBODY:$NOBODY" "$unpriv/h" "$unpriv/t"
}

# as_nobody CMD... : runs CMD as uid/gid 65534 in the copied tree
as_nobody() {
    (cd "$unpriv/tree" && setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
        env HOME="$unpriv/h" XDG_STATE_HOME="$unpriv/h/state" TMPDIR="$unpriv/t" \
        TMUX_TMPDIR="$unpriv/t" USER=nobody LOGNAME=nobody SHELL=/bin/sh \
        PYDRILL="$unpriv/tree/$B/pydrill" "$@")
}

# The first pass, as whoever started it.
log=$work/log
: >"$log"
if [ -n "$units" ]; then
    CMOCKA_MESSAGE_OUTPUT=TAP prove -v -e '' $units >>"$log" 2>&1 || status=1
fi
if [ -n "$scripts" ]; then
    prove -v -j2 -e bash $scripts >>"$log" 2>&1 || status=1
fi
logs=$log

# The second pass, as nobody, when started as root.
if [ "$UNPRIV" = 1 ] && [ "$(id -u)" -eq 0 ] && [ -n "$scripts" ]; then
    ulog=$work/log.unpriv
    logs="$logs $ulog"
    if ! command -v setpriv >/dev/null 2>&1; then
        echo "not ok 1 - unprivileged pass: setpriv (util-linux) is not installed" >"$ulog"
    elif ! unpriv_tree >"$ulog" 2>&1 || ! as_nobody test -r "$B/pydrill" >>"$ulog" 2>&1; then
        echo "not ok 1 - unprivileged pass: uid $NOBODY cannot read a copy of the tree in $unpriv" >>"$ulog"
    else
        as_nobody prove -v -j2 -e bash $scripts >>"$ulog" 2>&1 || status=1
    fi
fi

# Show failures and prove's summaries; the full log on request.
for l in $logs; do
    [ "$l" = "$log" ] || echo "  as uid $NOBODY (unprivileged pass):"
    if [ -n "$VERBOSE" ]; then cat "$l"; else
        grep -E '^(not ok|#   Failed|Failed|Result:|Files=|Dubious|Parse errors|.* \.\. (Dubious|Failed))' "$l" | sed 's/^/  /'
    fi
done
cat $logs >"$work/all"
passed=$(grep -cE '^[[:space:]]*ok [0-9]+' "$work/all")
skipped=$(grep -cE '^[[:space:]]*ok [0-9]+.*# *[Ss][Kk][Ii][Pp]' "$work/all")
failed=$(grep -cE '^[[:space:]]*not ok [0-9]+' "$work/all")
passed=$((passed - skipped))
# A script that exited non-zero with no failed test of its own (it died
# before its plan, say) counts as one failure; one with failed tests is
# already counted by them.
dubious=$(grep -cE 'Dubious' "$work/all")
subfailed=$(grep -cE 'Failed [0-9]+/[0-9]+ subtests' "$work/all")
dubious=$((dubious - subfailed + $(grep -cE 'Parse errors|No plan found|Bad plan' "$work/all")))
[ "$dubious" -lt 0 ] && dubious=0
failed=$((failed + dubious))
[ "$failed" -gt 0 ] && status=1
[ -n "$RUN_TALLY" ] && echo "$passed $failed $skipped" >>"$RUN_TALLY"
echo "${RUN_LABEL:+$RUN_LABEL: }$passed passed, $failed failed, $skipped skipped"
exit $status
