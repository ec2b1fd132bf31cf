#!/bin/bash
# Every fuzz target still builds from the sources it names, and its seed
# corpus still runs through it: built with the usual compiler and a plain
# main (tests/fuzz/replay.c), no clang needed. make fuzz had stopped
# building three targets when printed.c, textdiff.c and util_out.c were
# split out of the modules they link, and nothing in make check said so.
. "$(dirname "$0")/lib.sh"

test_expect_success 'each fuzz target builds and replays its seeds' '
    (cd "$TOP" && FUZZ_REPLAY=1 B="$TRASH/fuzz" sh tests/fuzz/run.sh) >out 2>err &&
    n=$(ls "$TOP"/tests/fuzz/fuzz_*.c | wc -l) &&
    test "$(grep -c "builds, [0-9]* seeds replayed" out)" = "$n" &&
    lacks out "FAILED"
'

test_done
