#!/bin/bash
# grade --from LIST: a batch larger than a command line can hold (100,000
# folders are past ARG_MAX) named in a file or on standard input, one path a
# line. The report is the same as with the paths as arguments; a list that
# cannot be read, or holds a NUL byte, is a located error with exit 2 and
# nothing graded; standard input is read once.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
cp -R "$FIXTURES/batch/ok" ok

grade() { timeout 120 "$PYDRILL" grade --pack "$PACK" -q "$@"; }

test_expect_success 'a list file grades what the same paths as arguments grade' '
    ls -d ok/*.json >list &&
    expect_code 1 grade --format jsonl $(cat list) >args.jsonl &&
    expect_code 1 grade --format jsonl --from list >from.jsonl &&
    test "$(wc -l <from.jsonl)" -eq "$(ls ok/*.json | wc -l)" &&
    cut -d, -f1-4 args.jsonl >a && cut -d, -f1-4 from.jsonl >b && cmp a b
'

test_expect_success 'list and arguments together, in sorted order; blank lines and CR LF ends' '
    printf "\nok/bob.json\r\n\nok/ada.json\n" >crlf &&
    expect_code 1 grade --format jsonl --from crlf ok/cyd.json >out &&
    test "$(wc -l <out)" -eq 3 &&
    contains out "\"source\":\"ok/ada.json\",\"position\":1" &&
    contains out "\"source\":\"ok/cyd.json\",\"position\":3"
'

test_expect_success '--from - reads the list from standard input' '
    printf "ok/ada.json\n" | grade --from - >out &&
    contains out "ada (ok/ada.json): 5/5, 5 passed"
'

test_expect_success 'a list from a pipe (process substitution) is read; an endless one ends at a limit' '
    expect_code 1 grade --format jsonl --from <(ls -d ok/*.json) >piped.jsonl &&
    test "$(wc -l <piped.jsonl)" -eq "$(ls ok/*.json | wc -l)" &&
    expect_code 2 grade --from /dev/zero >out 2>err &&
    contains err "/dev/zero: cannot read the list of submissions: over the limit of 256 MiB" && test ! -s out
'

test_expect_success 'a list that is missing, or a folder: located, exit 2' '
    expect_code 2 grade --from nope >out 2>err &&
    contains err "nope: cannot read the list of submissions: No such file or directory" &&
    expect_code 2 grade --from ok >out 2>err &&
    contains err "ok: cannot read the list of submissions: is a folder" &&
    test ! -s out
'

test_expect_success 'a NUL byte in the list: the line named, nothing graded' '
    printf "ok/ada.json\nok/b\000ob.json\n" >nul &&
    expect_code 2 grade --from nul >out 2>err &&
    contains err "nul:2: a NUL byte in a path" &&
    test ! -s out
'

test_expect_success 'standard input is read once: --from - with a - submission is refused' '
    expect_code 2 grade --from - - <ok/ada.json >out 2>err &&
    contains err "can be given once, and not with --from -"
'

test_expect_success 'an empty list and no arguments: no submissions' '
    : >empty &&
    expect_code 2 grade --from empty 2>err &&
    contains err "no submissions given"
'

# One student given twice (in the list and as an argument, or by two
# spellings of one path) is one row of the gradebook, not two.
test_expect_success 'a submission given twice is graded once, and said so' '
    printf "ok/ada.json\n" >twice.list &&
    "$PYDRILL" grade --pack "$PACK" --format csv --from twice.list ok/ada.json ./ok/ada.json ok/bob.json >g.csv 2>err; test $? -eq 1 &&
    test "$(grep -c "^ada," g.csv)" -eq 1 && test "$(grep -c "^bob," g.csv)" -eq 1 &&
    contains err "pydrill: warning: ok/ada.json is given twice: graded once" &&
    contains err "pydrill: warning: ok/ada.json is ./ok/ada.json again: graded once"
'

test_done
