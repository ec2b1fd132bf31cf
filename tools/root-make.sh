#!/bin/sh
# root-make.sh SUITE [--refresh] : makes (once) a minimal Debian root for
# the test matrix with debootstrap, and prints its path. The root is cached
# in ${PYDRILL_MATRIX_CACHE:-/var/cache/pydrill-matrix}/SUITE and reused as
# it is; --refresh (or PYDRILL_MATRIX_REFRESH=1) makes it anew. Only make is
# put in: the build and test packages come from the project's own
# `make deps-test`, run inside the root by tools/matrix.sh, so that a gap
# in that list shows. Needs root and Debian's mirror (the host's apt
# sources name it; PYDRILL_MATRIX_MIRROR overrides).
set -eu
suite=${1:?usage: root-make.sh SUITE [--refresh]}
refresh=${PYDRILL_MATRIX_REFRESH:-}
[ "${2:-}" = --refresh ] && refresh=1
cache=${PYDRILL_MATRIX_CACHE:-/var/cache/pydrill-matrix}
root=$cache/$suite
# A root is whole once this file is in it: an interrupted debootstrap
# leaves a folder without it, made anew on the next run.
ready=$root/.pydrill-matrix-root

# configure DIR : apt in the root accepts a mirror whose unstable Release
# file is past its Valid-Until date (a mirror that lags behind, as one here
# did by weeks); signatures are still checked.
configure() {
    printf 'Acquire::Check-Valid-Until "false";\n' >"$1/etc/apt/apt.conf.d/99pydrill-matrix"
}

if [ -f "$ready" ] && [ -z "$refresh" ]; then
    configure "$root"
    echo "$root"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "root-make.sh: debootstrap needs root" >&2; exit 2; }

# The Debian mirror the host's apt already uses (deb822 or one-line sources).
host_mirror() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && sed -n 's/^URIs:[[:space:]]*//p' "$f"
    done | tr ' ' '\n' | grep -E '^https?://.*/debian/?$' | head -n 1 | grep . && return
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }'
}
mirror=${PYDRILL_MATRIX_MIRROR:-$(host_mirror)}
[ -n "$mirror" ] || { echo "root-make.sh: no Debian mirror in the host's apt sources; set PYDRILL_MATRIX_MIRROR" >&2; exit 2; }

sh "$(dirname "$0")/deps.sh" debootstrap
# A left-over root may still have file systems mounted from an interrupted
# run: refuse rather than delete through them.
if grep -qF " $root/" /proc/self/mounts; then
    echo "root-make.sh: something is still mounted under $root:" >&2
    grep -F " $root/" /proc/self/mounts >&2
    exit 1
fi
mkdir -p "$cache"
rm -rf "$root.new"
echo "root-make.sh: debootstrap $suite from $mirror into $root" >&2
debootstrap --variant=minbase --include=make "$suite" "$root.new" "$mirror" >"$cache/$suite.debootstrap.log" 2>&1 || {
    echo "root-make.sh: debootstrap failed; see $cache/$suite.debootstrap.log" >&2
    tail -n 20 "$cache/$suite.debootstrap.log" >&2
    exit 1
}
configure "$root.new"
# apt inside the root resolves the mirror as the host does.
cp /etc/resolv.conf "$root.new/etc/resolv.conf"
date -u +%Y-%m-%dT%H:%MZ >"$root.new/.pydrill-matrix-root"
rm -rf "$root"
mv "$root.new" "$root"
echo "$root"
