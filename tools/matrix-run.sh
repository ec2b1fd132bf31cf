#!/bin/sh
# matrix-run.sh NAME LOGDIR : one system's share of make check-matrix, run
# in a tree of pydrill (the host's, or a clone inside a Debian root). Runs
# make check against the default CPython (target NAME), then the suite
# against each other CPython >= 3.11 found (target NAME-VERSION; see
# tools/matrix-pythons.sh), and after each `pydrill check` on the bundled
# catalog. Each target's whole output (every TAP line, and what each
# failure printed) goes to LOGDIR/TARGET.log, and a line
#   TARGET PYTHON GCC PASSED FAILED SKIPPED CATALOG SECONDS EXIT
# to LOGDIR/results; CATALOG is clean, N-problems, exit-N (check failed
# some other way) or none (no binary to run it with).
#   MATRIX_MAKEARGS      more arguments for make (SKIP_PKGS=chromium in a root)
#   MATRIX_ALL_PYTHONS=1 first install every libpython3.X-dev (X >= 11) and
#                        python3.X that apt has (in a root)
name=${1:?usage: matrix-run.sh NAME LOGDIR}
logdir=${2:?usage: matrix-run.sh NAME LOGDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
mkdir -p "$logdir" || exit 2
status=0

# The build and test packages, as a newcomer gets them.
make --no-print-directory deps-test $MATRIX_MAKEARGS </dev/null || exit 1
if [ -n "${MATRIX_ALL_PYTHONS:-}" ]; then
    more=
    for p in $(apt-cache pkgnames libpython3. | grep -E '^libpython3\.[0-9]+-dev$' | sort -u); do
        minor=${p#libpython3.}
        minor=${minor%-dev}
        [ "$minor" -ge 11 ] || continue
        apt-cache show --no-all-versions "$p" >/dev/null 2>&1 || continue
        more="$more $p python3.$minor"
    done
    [ -z "$more" ] || sh tools/deps.sh $more </dev/null || exit 1
fi
gcc=$(${CC:-cc} -dumpfullversion 2>/dev/null || echo '?')

# target TARGET PYTHON B LIBDIR CMD... : runs CMD (the suite), then the
# catalog check with $B/pydrill, logging both, and records the result line
target() {
    t=$1 py=$2 b=$3 lib=$4
    shift 4
    log=$logdir/$t.log
    start=$(date +%s)
    echo "== $t: CPython $py, GCC $gcc: $*" >"$log"
    VERBOSE=1 "$@" </dev/null >>"$log" 2>&1
    rc=$?
    echo "== $t: pydrill check on the bundled catalog" >>"$log"
    if [ -x "$b/pydrill" ]; then
        LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$b/pydrill" check --catalog drills.json \
            </dev/null >"$log.check" 2>&1
        crc=$?
        cat "$log.check" >>"$log"
        problems=$(sed -n 's/.*: [0-9]* ok, \([0-9]*\) with problems.*/\1/p' "$log.check" | tail -n 1)
        case $crc:${problems:-?} in
        0:0) catalog=clean ;;
        *:0 | *:\?) catalog=exit-$crc ;;
        *:1) catalog=1-problem ;;
        *) catalog=${problems:-?}-problems ;;
        esac
        rm -f "$log.check"
    else
        catalog=none
    fi
    secs=$(($(date +%s) - start))
    counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 |
        sed 's/ passed, / /; s/ failed, / /; s/ skipped//')
    [ -n "$counts" ] || counts="0 1 0"
    set -- $counts
    [ "$2" -gt 0 ] && rc=1
    [ "$catalog" = clean ] || rc=1
    echo "$t $py $gcc $1 $2 $3 $catalog $secs $rc" >>"$logdir/results"
    [ "$rc" -eq 0 ] || status=1
}

target "$name" "$(sh tools/matrix-pythons.sh --main)" build "" \
    make --no-print-directory check PYDRILL_CROSS=0 $MATRIX_MAKEARGS
sh tools/matrix-pythons.sh >"$logdir/pythons.$$"
while read -r v pc dir lib <&3; do
    target "$name-$v" "$v" "build-$v" "$lib" env MATRIX_MAIN=0 MATRIX_ONLY="$v" sh tools/matrix-check.sh
done 3<"$logdir/pythons.$$"
rm -f "$logdir/pythons.$$"
exit $status
