#!/bin/bash
# tools/deps.sh, which make deps runs: a package missing for a user who is
# not root and has no sudo is a message that says what to run as root, and
# a failure, never "sudo: not found". The missing package is made up by a
# dpkg-query earlier on PATH; no package is installed or removed.
. "$(dirname "$0")/lib.sh"

mkdir -p fake
cat >fake/dpkg-query <<'X'
#!/bin/sh
case "$*" in *pydrill-no-such-pkg*) exit 1;; esac
exec /usr/bin/dpkg-query "$@"
X
chmod +x fake/dpkg-query
# a copy another user can read (the tree may be under a private home)
cp "$TOP/tools/deps.sh" deps.sh
# a PATH without sudo (and without the fake sudo of any host)
mkdir -p bin && for t in sh id grep dpkg-query apt-get; do
    p=$(command -v $t) && [ "$t" != dpkg-query ] && ln -s "$p" bin/$t
done

test_expect_success 'nothing missing: nothing done' '
    PATH="$TRASH/fake:/usr/bin:/bin" sh "$TOP/tools/deps.sh" dpkg >out 2>err && test ! -s err
'

if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null 2>&1; then
    test_skip 'not root and no sudo' 'no setpriv to run as another user'
else
    test_expect_success 'not root and no sudo: what to run as root, exit 1' '
        run() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
        chmod -R a+rX "$TRASH" &&
        expect_code 1 run env PATH="$TRASH/fake:$TRASH/bin" sh "$TRASH/deps.sh" dpkg pydrill-no-such-pkg </dev/null >out 2>err &&
        contains err "deps: missing: pydrill-no-such-pkg" &&
        contains err "not root, and there is no sudo here; as root, run:  apt-get install pydrill-no-such-pkg" &&
        lacks err "not found"
    '
fi

test_done
