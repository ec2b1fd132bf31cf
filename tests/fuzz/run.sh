#!/bin/sh
# run.sh - builds every tests/fuzz/fuzz_*.c as a libFuzzer target (clang,
# ASan + UBSan) and runs each for FUZZ_SECONDS on a copy of its seed
# corpus, tests/fuzz/corpus/<name>/ (<name> is the file name without
# "fuzz_"). Fails on any crash, leak, timeout or sanitizer report; the
# input that did it is kept in $B/artifacts/. Called by `make fuzz`.
#
#   B=build-fuzz FUZZ_SECONDS=60 sh tests/fuzz/run.sh [NAME...]
#
# FUZZ_REPLAY=1 builds each target with $CC (no clang, no libFuzzer) and
# tests/fuzz/replay.c as its main, and only replays the seed corpus: what
# make check does (tests/e2e/1009-fuzz-replay.t).
B=${B:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
CLANG=${CLANG:-clang}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2

if [ -n "$FUZZ_REPLAY" ]; then
    CLANG=${CC:-cc}
fi
if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "fuzz: $CLANG not found (make deps-fuzz installs it)" >&2
    exit 2
fi

# The sources each target links against, besides itself: the loaders'
# own, then helpers of theirs where the tree has them.
srcs_for() {
    case $1 in
    value) set -- src/value.c src/value_repr.c src/util.c ;;
    rubric) set -- src/rubric.c src/rubric_text.c src/util.c ;;
    report_line) set -- src/report*.c src/grade.c src/printed.c src/textdiff.c src/catalog.c src/kind*.c src/channel.c src/pyversion.c src/rubric.c src/rubric_text.c src/value.c src/value_repr.c src/util.c src/util_out.c \
        src/jsontext.c src/vctx.c ;;
    interview) set -- src/interview.c src/interview_render.c src/report*.c src/grade.c src/printed.c src/textdiff.c \
        src/catalog.c src/kind*.c src/channel.c src/pyversion.c src/rubric.c src/rubric_text.c src/value.c \
        src/value_repr.c src/util.c src/util_out.c src/jsontext.c src/vctx.c ;;
    channel) set -- src/channel.c src/value.c src/value_repr.c src/util.c ;;
    encode) set -- src/value_encode.c src/value.c src/value_repr.c src/util.c ;;
    tracedoc) set -- src/tracedoc.c src/util.c ;;
    testlint) set -- src/testlint.c src/util.c ;;
    *) set -- src/catalog.c src/answers.c src/value.c src/value_repr.c src/util.c src/jsontext.c src/vctx.c \
        src/rubric.c src/rubric_text.c src/pyversion.c src/grade.c src/printed.c src/textdiff.c src/channel.c src/kind*.c ;;
    esac
    for f in "$@"; do
        [ -f "$f" ] && printf '%s ' "$f"
    done
}

CFLAGS_FUZZ="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
-fno-sanitize-recover=undefined -std=gnu11 -iquote src $(pkg-config --cflags libcjson)"
LIBS_FUZZ="$(pkg-config --libs libcjson) -lm"
if [ -n "$FUZZ_REPLAY" ]; then
    CFLAGS_FUZZ="-g -O0 -std=gnu11 -iquote src $(pkg-config --cflags libcjson)"
    LIBS_FUZZ="tests/fuzz/replay.c $LIBS_FUZZ"
fi

# The encoder's target embeds Python; it leaks by design (the interpreter
# is never finalised, and keeps caches), so leaks are not looked for there.
flags_for() {
    case $1 in
    encode) echo "$(pkg-config --cflags --libs python3-embed)" ;;
    esac
}
run_env_for() {
    case $1 in
    encode) echo "ASAN_OPTIONS=detect_leaks=0" ;;
    *) echo "ASAN_OPTIONS=${ASAN_OPTIONS:-}" ;;
    esac
}

mkdir -p "$B/corpus" "$B/artifacts" "$B/logs" || exit 2

# JSON tokens help the fuzzer past the parser into the loaders.
dict="$B/json.dict"
cat >"$dict" <<'EOF'
"{"
"}"
"["
"]"
":"
","
"\""
"true"
"false"
"null"
"\\u0000"
"1e999"
"-0"
"\"format\""
"\"pydrill/1\""
"\"pydrill-answers/1\""
"\"drills\""
"\"answers\""
"\"pydrill-interview/1\""
"\"points\""
"\"hidden\""
"\"status\""
"\"candidate\""
"\"id\""
"\"kind\""
"\"fix\""
"\"write\""
"\"predict\""
"\"choice\""
"\"explain\""
"\"tests\""
"\"expect\""
"\"limits\""
"\"requires\""
"\"rubric\""
"\"choices\""
"\"answer\""
"\"i\""
"\"f\""
"\"s\""
"\"sx\""
"\"b\""
"\"l\""
"\"t\""
"\"d\""
"\"S\""
"\"F\""
EOF

if [ $# -gt 0 ]; then
    targets=$(for n in "$@"; do echo "tests/fuzz/fuzz_$n.c"; done)
else
    targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
fi
if [ -z "$targets" ]; then
    echo "fuzz: no targets in tests/fuzz/" >&2
    exit 2
fi

status=0
summary=
for src in $targets; do
    name=$(basename "$src" .c)
    name=${name#fuzz_}
    if [ ! -f "$src" ]; then
        echo "fuzz: $name: skipped, $src does not exist"
        summary="$summary
  $name: skipped (no $src)"
        continue
    fi
    bin="$B/fuzz_$name"
    echo "fuzz: $name: building"
    # shellcheck disable=SC2046 # word splitting of the flag lists is wanted
    if ! $CLANG $CFLAGS_FUZZ -o "$bin" "$src" $(srcs_for "$name") $LIBS_FUZZ $(flags_for "$name") \
        >"$B/logs/$name.build" 2>&1; then
        cat "$B/logs/$name.build" >&2
        echo "fuzz: $name: does not build" >&2
        summary="$summary
  $name: BUILD FAILED"
        status=1
        continue
    fi
    if [ -n "$FUZZ_REPLAY" ]; then
        log="$B/logs/$name.replay"
        seeds=$(ls "tests/fuzz/corpus/$name"/* 2>/dev/null | wc -l)
        # shellcheck disable=SC2046
        if "$bin" $(ls "tests/fuzz/corpus/$name"/* 2>/dev/null) >"$log" 2>&1; then
            summary="$summary
  $name: builds, $seeds seeds replayed"
        else
            tail -n 20 "$log" >&2
            summary="$summary
  $name: REPLAY FAILED (see $log)"
            status=1
        fi
        continue
    fi
    # A copy: the fuzzer adds what it finds to the corpus it is given, and
    # the seeds in the tree stay as they are.
    work="$B/corpus/$name"
    mkdir -p "$work"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp -r "tests/fuzz/corpus/$name/." "$work/"
    fi
    echo "fuzz: $name: running for ${FUZZ_SECONDS}s"
    log="$B/logs/$name.log"
    # shellcheck disable=SC2046
    env $(run_env_for "$name") "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$name-" "$work" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    if [ $rc -ne 0 ]; then
        tail -n 40 "$log" >&2
        echo "fuzz: $name: FAILED (exit $rc); inputs kept in $B/artifacts/$name-*" >&2
        summary="$summary
  $name: FAILED after ${execs:-?} runs (see $log)"
        status=1
    else
        summary="$summary
  $name: ${execs:-?} runs in ${FUZZ_SECONDS}s, coverage ${cov:-?}, corpus $(ls "$work" | wc -l) inputs, no finding"
    fi
done
echo "fuzz:$summary"
exit $status
