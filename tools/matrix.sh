#!/bin/sh
# matrix.sh [--refresh] [TARGET...] : make check-matrix. Runs the whole
# suite (make check, with its unprivileged pass) on each system below and
# prints one line per target: CPython, GCC, counts, whether `pydrill check`
# on the bundled catalog was clean, and the wall time.
#   host     this machine's default CPython, then every other CPython >= 3.11
#            found here (host-VERSION; tools/matrix-pythons.sh)
#   trixie   a Debian 13 root, and
#   sid      a Debian unstable root, against its default python3, then every
#            other python3.X it packages (sid-VERSION: 3.15 beside 3.14)
# The roots are made once with debootstrap --variant=minbase from Debian's
# mirror (tools/root-make.sh) and kept in ${PYDRILL_MATRIX_CACHE:-
# /var/cache/pydrill-matrix}; --refresh makes them anew. Inside a root a
# clean clone of HEAD gets its packages from `make deps-test` (less
# chromium: its HTML rendering test says it skipped) and runs make check as
# root (tools/root-run.sh mounts what it needs and always unmounts). Needs
# root and the network. Each target's output is kept in
# ${PYDRILL_MATRIX_LOGS:-build-matrix}/TARGET.log. Exits 1 when any target
# failed. MATRIX_TARGETS (or the arguments) picks targets: "host sid", say.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
refresh=
if [ "${1:-}" = --refresh ]; then refresh=--refresh; shift; fi
targets=${*:-${MATRIX_TARGETS:-host trixie sid}}
logs=${PYDRILL_MATRIX_LOGS:-$top/build-matrix}
case $logs in /*) ;; *) logs=$top/$logs ;; esac
[ "$(id -u)" -eq 0 ] || { echo "check-matrix: needs root (debootstrap, chroot, mounts)" >&2; exit 2; }
head=$(git rev-parse HEAD) || exit 2
git diff --quiet HEAD -- 2>/dev/null ||
    echo "check-matrix: note: the roots test HEAD ($head); uncommitted changes are only in the host targets" >&2
rm -rf "$logs"
mkdir -p "$logs"
status=0

for t in $targets; do
    case $t in
    host)
        echo "check-matrix: host ..." >&2
        sh tools/matrix-run.sh host "$logs" || status=1
        ;;
    *)
        echo "check-matrix: $t root ..." >&2
        root=$(sh tools/root-make.sh "$t" $refresh) || { status=1; echo "$t ? ? 0 1 0 none 0 1" >>"$logs/results"; continue; }
        # A clean clone of HEAD in root's home (mode 700, as a fresh clone
        # often is), with shared/schemas beside it as CI has it.
        rm -rf "$root/root/pydrill" "$root/root/matrix-logs" "$root/root/shared"
        if ! git clone -q --no-checkout "$top" "$root/root/pydrill" ||
            ! git -C "$root/root/pydrill" checkout -q --detach "$head"; then
            status=1; echo "$t ? ? 0 1 0 none 0 1" >>"$logs/results"; continue
        fi
        [ -d "$top/../shared/schemas" ] && mkdir -p "$root/root/shared" &&
            cp -R "$top/../shared/schemas" "$root/root/shared/"
        sh tools/root-run.sh "$root" env MATRIX_MAKEARGS=SKIP_PKGS=chromium MATRIX_ALL_PYTHONS=1 \
            sh /root/pydrill/tools/matrix-run.sh "$t" /root/matrix-logs >"$logs/$t.setup.log" 2>&1 || status=1
        cp "$root/root/matrix-logs/"*.log "$logs/" 2>/dev/null
        if [ -s "$root/root/matrix-logs/results" ]; then
            cat "$root/root/matrix-logs/results" >>"$logs/results"
        else
            echo "$t ? ? 0 1 0 none 0 1" >>"$logs/results"
            echo "check-matrix: $t: nothing ran; see $logs/$t.setup.log" >&2
        fi
        ;;
    esac
done

echo
printf '%-18s %-10s %-8s %-34s %-16s %s\n' target python gcc result "catalog check" time
while read -r t py gcc p f s catalog secs rc; do
    [ "$rc" -eq 0 ] || status=1
    printf '%-18s %-10s %-8s %-34s %-16s %dm%02ds\n' "$t" "$py" "$gcc" \
        "$p passed, $f failed, $s skipped" "$(echo "$catalog" | tr '-' ' ')" $((secs / 60)) $((secs % 60))
done <"$logs/results"
echo "logs: $logs/TARGET.log"
exit $status
