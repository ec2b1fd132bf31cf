#!/bin/bash
# The interview report, from the interview6 audit: a kill -9 leaves an
# interrupted report (F4); a drill whose answer a report showed is marked
# in the next interview (F3); skipped, never shown and left empty read
# differently (F9); the header shows the interview's score, not practice
# progress (F2); long code lines wrap with a mark (F1); the NOT kept
# warning is shown whole (F7); x never replaces an export (F5).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
S="$XDG_STATE_HOME/pydrill"
IV="$S/interviews"
SIX="$TUI_FIX/iv6-six.json"

# gone PID : waits (up to ~10 s) until the process has ended
gone() {
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    ! kill -0 "$1" 2>/dev/null
}

test_expect_success 'F4: kill -9 mid-interview: the answers handed in are kept as an interrupted report' '
    rm -rf "$S" &&
    tui_start -- --pack "$SIX" --mode interview --count 4 --minutes 5 &&
    tui_wait "interview 1/4" && tui_type "a" && tui_keys C-s && tui_wait "interview 2/4" &&
    tui_type "a" && tui_keys C-s && tui_wait "interview 3/4" &&
    pid=$(tui_pid) && test -n "$pid" && kill -9 "$pid" && gone "$pid" &&
    ls "$IV"/*.json >files && test "$(wc -l <files)" -eq 1 &&
    pydrill export --interviews >list 2>err && test "$(wc -l <list)" -eq 1 && contains list "INTERRUPTED" &&
    pydrill export --interview 1 >report && contains report "INTERRUPTED: the quiz ended before the interview did" &&
    contains report "(not reached)" && test "$(grep -c "Your answer" report)" -eq 4 &&
    tui_start -- --pack "$SIX" && tui_wait "topic: all" && tui_keys p && tui_wait "INTERRUPTED" &&
    tui_keys Enter && tui_wait "INTERRUPTED: the quiz ended" && tui_keys Escape Escape && tui_quit &&
    grep -q "\"interrupted\":	true" "$(cat files)" && lacks "$(cat files)" "\"running\""
'

test_expect_success 'F4: export --interviews with nothing kept says so' '
    rm -rf "$S" && pydrill export --interviews >out 2>err && test ! -s out &&
    contains err "no interviews kept in $S/interviews"
'

test_expect_success 'F3: a drill whose answer an earlier report showed is marked "answer seen before"' '
    rm -rf "$S" &&
    tui_start -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_keys Escape && tui_wait "[y/N]" && tui_keys y &&
    tui_wait "The right answer" && tui_keys Escape && tui_wait "topic: concurrency" && tui_keys i &&
    tui_wait "[y/N]" && tui_keys y && tui_wait "interview 1/1" && tui_keys b C-s &&
    tui_wait "Interview report" && tui_wait "✓ pass" && tui_wait "(answer seen before)" &&
    tui_wait "Answer seen before: in the interview report of" &&
    pydrill export --interview 1 --format json >j && contains j "\"seen_before\"" &&
    tui_keys Escape && tui_quit &&
    tui_start -- --pack "$PACK" --mode interview --topic concurrency --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_keys b C-s && tui_wait "Interview report" &&
    tui_wait "Answer seen before: in the interview report of"
'

test_expect_success 'F9, F2: passed on, left empty and never reached read differently; the header is the interview'"'"'s' '
    rm -rf "$S" &&
    tui_start -- --pack "$SIX" --mode interview --count 3 --minutes 5 &&
    tui_wait "interview 1/3" && tui_keys C-s && tui_wait "interview 2/3" && tui_keys Escape &&
    tui_wait "[y/N]" && tui_keys y && tui_wait "Interview report" &&
    tui_wait "(skipped by the candidate)" && tui_wait "(no answer)" && tui_wait "(not reached)" &&
    tui_screen | head -n 1 >head && contains head "interview score 0.00/3 (0%)" && lacks head "passed"
'

test_expect_success 'F1: a long line of the answer wraps on the report screen, its rows marked' '
    rm -rf "$S" &&
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys Down End BSpace BSpace BSpace BSpace &&
    tui_type "return n * n  # a comment long enough to go past the right edge of this screen, ending in TAILMARK" &&
    tui_keys C-s && tui_wait "Interview report" && tui_keys j j j j j j j j && tui_wait "TAILMARK" &&
    tui_wait "↪"
'

test_expect_success 'F5: x twice on one report writes two files, the second never replacing the first' '
    rm -rf "$S" pydrill-interview-* &&
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys C-s && tui_wait "Interview report" && tui_keys x &&
    tui_wait "report written to" && tui_keys X && tui_wait ".html" && tui_keys x && tui_wait_joined "-2.txt" &&
    test "$(ls pydrill-interview-*.txt | wc -l)" -eq 2
'

test_expect_success 'F7: "This report is NOT kept" is shown whole, with what to do' '
    rm -rf "$S" && mkdir -p "$S" && : >"$IV" &&
    TUI_W=60 tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "1│ def square(n):" && tui_keys C-s && tui_wait "Interview report" &&
    tui_wait "This report is NOT kept" && tui_wait_joined "x or X exports it to the current folder."
'

test_done
