#!/bin/sh
# Installs the Debian packages named as arguments that are not installed yet.
# Does nothing (and needs no network) when they all are.
missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || exit 1
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
