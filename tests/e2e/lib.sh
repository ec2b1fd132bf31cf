# lib.sh - sourced by every tests/*/NNNN-*.t script (in the style of git's
# t/test-lib.sh): each test_expect_* runs a snippet in a subshell and prints
# a TAP line; test_done prints the plan. PYDRILL is the binary under test.
: "${PYDRILL:=$(cd "$(dirname "$0")/../.." && pwd)/build/pydrill}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
FIXTURES="$TOP/tests/fixtures"
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/pydrill-test.XXXXXX")
export XDG_STATE_HOME="$TRASH/state"
export HOME="$TRASH/home"
mkdir -p "$HOME"
unset PYDRILL_CATALOG
cd "$TRASH" || exit 1
trap 'rm -rf "$TRASH"' EXIT
test_count=0
test_failed=0

pydrill() { "$PYDRILL" "$@"; }

test_expect_success() {
    test_count=$((test_count + 1))
    out=$( (eval "$2") 2>&1 )
    if [ $? -eq 0 ]; then
        echo "ok $test_count - $1"
    else
        echo "not ok $test_count - $1"
        printf '%s\n' "$out" | tail -n 30 | sed 's/^/#    /'
        test_failed=$((test_failed + 1))
    fi
}

test_skip() {
    test_count=$((test_count + 1))
    echo "ok $test_count # skip $1: $2"
}

# expect_code N cmd... : runs cmd, fails unless it exits with N
expect_code() {
    want=$1; shift
    "$@"; got=$?
    if [ "$got" -ne "$want" ]; then
        echo "expected exit $want, got $got: $*" >&2
        return 1
    fi
}

# contains FILE TEXT : fails (showing FILE) unless FILE has the fixed string TEXT
contains() {
    grep -qF -- "$2" "$1" || { echo "--- $1 lacks: $2"; cat "$1"; return 1; }
}
lacks() {
    ! grep -qF -- "$2" "$1" || { echo "--- $1 has: $2"; cat "$1"; return 1; }
}

test_done() {
    echo "1..$test_count"
    [ "$test_failed" -eq 0 ]
}
