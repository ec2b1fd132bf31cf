#!/bin/sh
# Installs the Debian packages named as arguments that are not installed yet.
# Does nothing (and needs no network) when they all are.
missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
# what to do by hand, when this cannot do it
by_hand() {
    echo "deps: missing:$missing" >&2
    echo "deps: $1; as root, run:  apt-get install$missing  (then run make again)" >&2
    exit 1
}
SUDO=
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || by_hand "not root, and there is no sudo here"
    if [ -t 0 ]; then
        SUDO=sudo # it may ask for a password: someone is there to type it
    else
        # no one to answer a prompt (CI, a pipe): a sudo that would ask is no way in
        sudo -n true 2>/dev/null || by_hand "not root, and sudo needs a password or is not allowed"
        SUDO="sudo -n"
    fi
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || by_hand "apt-get update failed"
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2 || by_hand "apt-get install failed"
