#!/bin/sh
# matrix-check.sh : the test step of make check. Runs the suite on $B (as
# the user, then as uid 65534 when that user is root: tests/run.sh), then
# builds pydrill against every other CPython >= 3.11 found here
# (tools/matrix-pythons.sh) in build-VERSION, runs the suite there with
# LD_LIBRARY_PATH at its lib/, and ends with one line that adds every run up.
# A CPython of the same 3.X as the main build is left out: the main run
# covers that version.
#   PYDRILL_CROSS=0    the main run only
#   MATRIX_MAIN=0      the other CPythons only
#   MATRIX_ONLY=V      of the other CPythons, only version V (even a 3.X
#                      the main build has; tools/matrix.sh runs each alone)
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tally=$(mktemp)
trap 'rm -f "$tally"' EXIT
trap 'exit 130' INT TERM HUP
status=0
NOBODY=65534

if [ "${MATRIX_MAIN:-1}" != 0 ]; then
    B=$B UNPRIV=1 RUN_LABEL=$(sh tools/matrix-pythons.sh --main) RUN_TALLY=$tally sh tests/run.sh </dev/null || status=1
fi

# readable_by_nobody PATH : whether uid 65534 can read PATH (a CPython under
# /root is not, and so gets no unprivileged pass)
readable_by_nobody() {
    [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups test -r "$1"
}

if [ "${PYDRILL_CROSS:-1}" != 0 ] || [ -n "$MATRIX_ONLY" ]; then
    main_minor=$(pkg-config --modversion python3-embed 2>/dev/null)
    sh tools/matrix-pythons.sh >"$tally.pythons"
    # The list on fd 3: the builds and the suite get no standard input.
    while read -r v pc dir lib <&3; do
        if [ -n "$MATRIX_ONLY" ]; then
            [ "$v" = "$MATRIX_ONLY" ] || continue
        elif [ "${v%.*}" = "$main_minor" ]; then
            continue
        fi
        b=build-$v
        pcpath=$PKG_CONFIG_PATH
        [ "$dir" = - ] || pcpath=$dir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
        echo "CPython $v ($pc, B=$b):"
        if ! PKG_CONFIG_PATH=$pcpath make --no-print-directory B="$b" PYTHON_PC="$pc" all unit >"$b.log" 2>&1; then
            echo "  not ok - pydrill does not build against CPython $v; the end of $top/$b.log:"
            tail -n 25 "$b.log" | sed 's/^/  #  /'
            echo "$v: 0 passed, 1 failed, 0 skipped"
            echo "0 1 0" >>"$tally"
            status=1
            continue
        fi
        rm -f "$b.log"
        unpriv=0
        readable_by_nobody "$lib" && unpriv=1
        LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} B=$b UNPRIV=$unpriv \
            RUN_LABEL=$v RUN_TALLY=$tally sh tests/run.sh || status=1
    done 3<"$tally.pythons" </dev/null
    rm -f "$tally.pythons"
fi

awk '{ p += $1; f += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f > 0 }' "$tally" || status=1
exit $status
