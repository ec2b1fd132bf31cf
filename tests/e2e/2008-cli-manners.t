#!/bin/bash
# CLI manners (SPEC 4; issue 15): --help for every command on stdout with
# exit 0, -V, getopt_long everywhere (-oFILE, --opt=VALUE, options after
# operands), usage errors that say what and where to look, a failed write
# to stdout or to -o is exit 2 naming the path asked for, and -o written
# through a temporary name nobody can plant a link at (issue 10, item 13).
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
PY=/usr/bin/python3
cp -R "$FIXTURES/batch/ok" ok

grade() { "$PYDRILL" grade --pack "$PACK" "$@"; }

test_expect_success 'every command takes --help and -h: usage on stdout, exit 0' '
    for c in quiz list show run grade report trace check new export; do
        expect_code 0 "$PYDRILL" $c --help >out 2>err || exit 1
        contains out "usage: pydrill" || exit 1
        test ! -s err || exit 1
        expect_code 0 "$PYDRILL" $c -h >out2 2>/dev/null && cmp out out2 || exit 1
        expect_code 0 "$PYDRILL" help $c >out3 && cmp out out3 || exit 1
    done &&
    expect_code 0 "$PYDRILL" help >out && contains out "pydrill report" &&
    expect_code 2 "$PYDRILL" help frobnicate 2>err && contains err "unknown command"
'

test_expect_success '--help documents every option the command takes' '
    "$PYDRILL" grade --help >out &&
    for o in --catalog --pack -j --jobs --format -o --output --shard "--shard auto" --reveal-hidden -q --quiet; do
        contains out " $o" || exit 1
    done &&
    "$PYDRILL" report --help >out &&
    for o in --catalog --pack --format -o --output; do contains out " $o" || exit 1; done
'

test_expect_success 'the man page documents every option of every command, with EXAMPLES' '
    MAN="$TOP/doc/pydrill.1" && PY=/usr/bin/python3 &&
    for c in quiz list show run grade report trace check new export; do
        "$PYDRILL" $c --help >help.$c || exit 1
    done &&
    $PY - "$MAN" help.* <<-\PYEOF &&
	import re, sys
	man = open(sys.argv[1], encoding="utf-8").read().replace("\\-", "-")
	missing = []
	for path in sys.argv[2:]:
	    opts = set(re.findall(r"(?:^|[\s\[,])(--?[a-zA-Z][a-z-]*)", open(path).read()))
	    assert opts, path
	    missing += ["%s: %s" % (path, o) for o in sorted(opts) if o not in man]
	assert not missing, missing
	assert "--bogus-option" not in man
	PYEOF
    grep -q "^.SH EXAMPLES" "$MAN" &&
    grep -q "^.SH EXIT STATUS" "$MAN" &&
    for v in PYDRILL_CATALOG PYDRILL_TIME_SCALE PYDRILL_HASH_SEED PYDRILL_SHARDS JOB_COMPLETION_INDEX SLURM_ARRAY_TASK_ID; do
        grep -q "$v" "$MAN" || { echo "$v undocumented"; exit 1; }
    done &&
    if command -v groff >/dev/null; then
        groff -man -ww -z "$MAN" 2>warn && test ! -s warn
    fi
'

test_expect_success '-V is --version' '
    "$PYDRILL" -V >a && "$PYDRILL" --version >b && cmp a b && contains a "pydrill 0."
'

test_expect_success 'getopt_long: -oFILE, --opt=VALUE, -j2, options after the submissions' '
    expect_code 0 grade -or1.json --format=json ok/ada.json &&
    expect_code 0 grade ok/ada.json --format json -j2 --output=r2.json &&
    $PY -m json.tool r1.json >/dev/null && $PY -m json.tool r2.json >/dev/null &&
    expect_code 0 grade -qj1 -o - ok/ada.json >out && contains out "ada (ok/ada.json): 5/5"
'

test_expect_success 'usage errors: what was wrong, and where to look; nothing on stdout' '
    expect_code 2 grade --formt json ok/ada.json >out 2>err &&
    test ! -s out &&
    contains err "pydrill: error: grade: unknown option \"--formt\"" &&
    contains err "pydrill grade --help" &&
    expect_code 2 grade ok/ada.json --shard 2>err && contains err "grade: --shard needs a value" &&
    expect_code 2 grade -j 2>err && contains err "-j needs a value" &&
    expect_code 2 grade --reveal-hidden=yes ok/ada.json 2>err && contains err "--reveal-hidden takes no value" &&
    expect_code 2 grade -x ok/ada.json 2>err && contains err "unknown option -x" &&
    expect_code 2 "$PYDRILL" list --pack "$PACK" extra 2>err && contains err "unexpected argument \"extra\"" &&
    expect_code 2 "$PYDRILL" new 2>err && contains err "which kind?"
'

test_expect_success 'a full stdout is an error (exit 2), for every command that prints' '
    expect_code 2 "$PYDRILL" list --pack "$PACK" >/dev/full 2>err &&
    contains err "cannot write to standard output: No space left on device" &&
    expect_code 2 "$PYDRILL" new fix >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 "$PYDRILL" show mean-write --pack "$PACK" >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 "$PYDRILL" --help >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 grade ok/ada.json >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 grade --format jsonl ok/ada.json ok/bob.json >/dev/full 2>err && contains err "standard output" &&
    expect_code 2 "$PYDRILL" export >/dev/full 2>err && contains err "standard output" &&
    expect_code 1 grade --format jsonl -o r.jsonl ok/ada.json ok/bob.json &&
    expect_code 2 "$PYDRILL" report r.jsonl >/dev/full 2>err && contains err "standard output"
'

test_expect_success 'a PYDRILL_TIME_SCALE that is not a whole number from 1 to 1000 is an error, not 1' '
    for v in 0 abc 1001 -5 2x; do
        PYDRILL_TIME_SCALE=$v expect_code 2 "$PYDRILL" run mean-write ok/ada.json --pack "$PACK" >out 2>err || exit 1
        contains err "PYDRILL_TIME_SCALE must be a whole number from 1 to 1000, not \"$v\"" || exit 1
    done
'

test_expect_success 'a ./drills.json that is a link to nothing is an error, not passed over for another catalog' '
    mkdir -p dangling && ln -sf "$PWD/nowhere.json" dangling/drills.json &&
    (cd dangling && env -u PYDRILL_CATALOG "$PYDRILL" list >../out 2>../err); test $? = 2 &&
    contains err "drills.json: error: cannot open: No such file or directory" && test ! -s out
'

test_expect_success 'closed standard descriptors: the grades are the same, a closed stdout is an error, nothing strays' '
    expect_code 1 grade --format json -o open.json ok/*.json 2>/dev/null &&
    expect_code 1 grade --format json -o shut.json ok/*.json >&- 2>/dev/null &&
    cmp <(sed -E "s/\"time_ms\":[^,]*//" open.json) <(sed -E "s/\"time_ms\":[^,]*//" shut.json) &&
    expect_code 1 grade --format json -o noerr.json ok/*.json 2>&- &&
    $PY -m json.tool noerr.json >/dev/null &&
    expect_code 2 grade --format text ok/ada.json >&- 2>err && contains err "cannot write to standard output" &&
    expect_code 2 "$PYDRILL" check --pack "$PACK" >&- 2>err && lacks err "stale" &&
    expect_code 2 grade - <&- 2>err && contains err "cannot read standard input"
'

test_expect_success 'a FIFO nobody writes to is read as empty, not waited on for ever; a pipe with a writer is read' '
    mkfifo lonely &&
    expect_code 1 timeout 60 "$PYDRILL" run mean-write lonely --pack "$PACK" >out 2>err && contains out "MISSING" &&
    expect_code 0 timeout 60 "$PYDRILL" run mean-write <(printf "def mean(xs):\\n    if not xs:\\n        raise ValueError\\n    return sum(xs) / len(xs)\\n") --pack "$PACK" >out 2>err &&
    contains out "PASS"
'

test_expect_success 'help --help is the help' '
    "$PYDRILL" help --help >out && contains out "usage: pydrill" &&
    "$PYDRILL" help -h >out && contains out "usage: pydrill"
'

test_expect_success 'a reader that goes away is not an error, whichever command and however much it wrote' '
    T=$TOP/drills.json &&
    for cmd in "list --catalog $T" "list --catalog $T --format json" "show list-mult-predict --catalog $T" \
               "trace list-mult-predict --catalog $T" "trace list-mult-predict --catalog $T --format json" \
               "new fix" "--help"; do
        $PYDRILL $cmd 2>err | head -c 1 >/dev/null
        rc=${PIPESTATUS[0]}
        test "$rc" = 0 || { echo "$cmd: exit $rc"; cat err; exit 1; }
        test ! -s err || { echo "$cmd:"; cat err; exit 1; }
    done
'

test_expect_success '-o onto a device that is full: exit 2, the path named, the device left alone' '
    expect_code 2 grade -o /dev/full ok/ada.json 2>err &&
    contains err "/dev/full: error: cannot write: No space left on device" &&
    test -c /dev/full &&
    expect_code 2 "$PYDRILL" report -o /dev/full r.jsonl 2>err && contains err "/dev/full: error: cannot write" &&
    expect_code 2 "$PYDRILL" export -o /dev/full 2>err && contains err "/dev/full: error: cannot write" &&
    expect_code 0 grade -o /dev/null ok/ada.json && test -c /dev/null
'

test_expect_success 'a failed -o names the path asked for, never the temporary file' '
    expect_code 2 grade -o nowhere/r.json ok/ada.json 2>err &&
    contains err "nowhere/r.json: error: cannot write: No such file or directory" &&
    lacks err ".tmp" &&
    expect_code 2 grade -o /proc/version ok/ada.json 2>err &&
    contains err "/proc/version: error: will not replace a file in a system folder (/dev, /proc, /sys)" &&
    mkdir ro && chmod 555 ro &&
    if [ "$(id -u)" -ne 0 ]; then
        expect_code 2 grade -o ro/r.json ok/ada.json 2>err &&
        contains err "ro/r.json: error: cannot write: Permission denied" && lacks err ".tmp"
    fi
'

test_expect_success '-o leaves no temporary file behind, and replaces a link rather than following it' '
    mkdir outdir && echo precious >victim &&
    ln -s ../victim outdir/r.json &&
    expect_code 0 grade --format json -o outdir/r.json ok/ada.json &&
    test "$(cat victim)" = precious &&
    test ! -L outdir/r.json && $PY -m json.tool outdir/r.json >/dev/null &&
    test "$(ls -A outdir)" = r.json
'

test_expect_success '-o /dev/stdout with stdout sent to a file is that stream: the file gets the report, the link stays' '
    expect_code 0 grade --format csv -o /dev/stdout ok/ada.json >gb.csv &&
    test -L /dev/stdout && head -n 1 gb.csv | grep -q "^candidate,source,score" &&
    echo first >gb2.csv && expect_code 0 grade --format csv -o /dev/stdout ok/ada.json >>gb2.csv &&
    test "$(head -n 1 gb2.csv)" = first && test "$(sed -n 2p gb2.csv | cut -c1-9)" = candidate &&
    ln -s /proc/self/fd/1 mine && expect_code 0 grade --format csv -o mine ok/ada.json >gb3.csv &&
    test -L mine && cmp gb.csv gb3.csv &&
    expect_code 0 grade --format csv -o /dev/fd/7 ok/ada.json 7>gb4.csv && cmp gb.csv gb4.csv &&
    expect_code 2 grade --format csv -o /dev/fd/7 ok/ada.json 2>err &&
    contains err "/dev/fd/7: error: cannot write: that descriptor is not open" &&
    expect_code 2 grade --format csv -o /dev/pydrill-test-report ok/ada.json 2>err &&
    contains err "will not replace a file in a system folder" && test ! -e /dev/pydrill-test-report
'

test_expect_success 'run from a folder removed behind the shell: the cause, not CPython'"'"'s traceback' '
    here=$PWD && mkdir gone && cd gone && rmdir ../gone &&
    expect_code 2 "$PYDRILL" grade --pack "$PACK" "$here/ok/ada.json" 2>"$here/err" &&
    expect_code 2 "$PYDRILL" check --pack "$PACK" >"$here/out" 2>>"$here/err" &&
    cd "$here" &&
    contains err "the current folder no longer exists" && lacks err Traceback && lacks err getpath &&
    contains out "checked nothing: the grader could not start"
'

# Hard limits inherited from a login node's profile or a batch system cap
# each answer; they are said once, not blamed on every drill as "broken".
if ldd "$PYDRILL" 2>/dev/null | grep -q libasan; then
    test_skip 'a hard ulimit -v or -t below the drills'"'"' limits: said once, answers still graded' 'ASan needs more address space'
else
test_expect_success 'a hard ulimit -v or -t below the drills'"'"' limits: said once, answers still graded' '
    ( ulimit -v 150000 && exec "$PYDRILL" grade --pack "$PACK" --format json -o lim.json ok/ada.json ) 2>err; rc=$?;
    test $rc -le 1 && lacks err "broken" && lacks err "setrlimit" &&
    test "$(grep -c "hard limits here cap every answer" err)" -eq 1 && contains err "(ulimit -v)" &&
    expect_code 0 grade --format json -o free.json ok/ada.json 2>err2 && lacks err2 "hard limits" &&
    $PY -c "import json; a = json.load(open(\"lim.json\")); b = json.load(open(\"free.json\")); st = lambda r: [d[\"status\"] for s in r[\"submissions\"] for d in s[\"drills\"]]; assert st(a) == st(b), (st(a), st(b))" &&
    "$PYDRILL" check --pack "$PACK" >free.out 2>/dev/null
    ( ulimit -t 5 && exec "$PYDRILL" check --pack "$PACK" ) >out 2>err
    cmp free.out out && contains err "CPU time 5 s (ulimit -t)" && lacks err "setrlimit"
'
fi

# A getrandom() that gives the bytes we choose when 8 are asked for (the
# temporary name's), so that a link can be planted at the very name -o
# will try.
shim() {
    cat >shim.c <<-\CEOF
	#define _GNU_SOURCE
	#include <stdlib.h>
	#include <string.h>
	#include <sys/random.h>
	#include <sys/syscall.h>
	#include <unistd.h>
	ssize_t getrandom(void *buf, size_t n, unsigned int flags)
	{
	    static int calls;
	    if (n != 8)
	        return syscall(SYS_getrandom, buf, n, flags);
	    /* the first name is the planted one; later ones too, if asked */
	    int same = getenv("SHIM_ALWAYS") != NULL;
	    memset(buf, calls++ == 0 || same ? 0x11 : 0x22, n);
	    return (ssize_t)n;
	}
	CEOF
    cc -shared -fPIC -o shim.so shim.c
}

# Under AddressSanitizer the runtime must come first: no preloaded shim.
if ldd "$PYDRILL" 2>/dev/null | grep -q libasan; then
    test_skip 'a link planted at the temporary name is never followed' 'the binary is built with ASan'
else
test_expect_success 'a link planted at the temporary name is never followed' '
    command -v cc >/dev/null || { echo "no C compiler"; exit 1; } &&
    shim && mkdir trap && echo precious >victim2 &&
    ln -s ../victim2 trap/.r.json.1111111111111111.tmp &&
    LD_PRELOAD=$PWD/shim.so expect_code 0 grade --format json -o trap/r.json ok/ada.json &&
    test "$(cat victim2)" = precious &&
    test -L trap/.r.json.1111111111111111.tmp &&
    $PY -m json.tool trap/r.json >/dev/null &&
    ln -s ../victim2 trap/.r2.json.1111111111111111.tmp &&
    SHIM_ALWAYS=1 LD_PRELOAD=$PWD/shim.so expect_code 2 grade --format json -o trap/r2.json ok/ada.json 2>err &&
    test "$(cat victim2)" = precious &&
    contains err "trap/r2.json: error: cannot write: File exists" &&
    test ! -e trap/r2.json
'
fi

test_expect_success '-j defaults to the CPUs this process may use' '
    if ! command -v taskset >/dev/null; then echo "no taskset"; exit 1; fi &&
    taskset -c 0 "$PYDRILL" grade --help >out &&
    contains out "default here: 1, the CPUs" &&
    n=$(nproc) && "$PYDRILL" grade --help >out &&
    grep -qE "default here: [1-9]" out &&
    test "$(sed -n "s/.*default here: \([0-9]*\),.*/\1/p" out)" -le "$(getconf _NPROCESSORS_ONLN)"
'

test_done
