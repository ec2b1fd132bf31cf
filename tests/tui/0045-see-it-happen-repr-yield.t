#!/bin/bash
# See it happen draws what trace draws: a list that holds itself with
# Python's own [...] and a plain nest as it is ([[[1]]], not a cycle); a
# generator's yield is a yield (suspended) and its next step says resumed.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$TUI_FIX/trace-gen.json"

# step_until TEXT : steps right until the status line shows TEXT
step_until() {
    for i in $(seq 2 30); do
        tui_screen | grep -qF -- "$1" && return 0
        tui_keys Right && tui_wait "step $i of" || return 1
    done
    return 1
}

test_expect_success 'the cycle and the nest drawn as Python writes them' '
    tui_start -- --pack "$P" && tui_wait "Yield, then go on" && tui_keys Enter && tui_wait "print(n, x)" &&
    tui_type "[[[1]]] 7" && tui_keys C-s && tui_wait "w see it happen" &&
    tui_keys w && tui_wait "step 1 of" && tui_keys End &&
    tui_wait "[[...]]" && tui_wait "[[[1]]]" && ! tui_screen | grep -qF "[[[...]]]"
'
test_expect_success 'a yield is a yield, and the generator is resumed after it' '
    tui_keys Home && tui_wait "step 1 of" && step_until "yielding" &&
    tui_wait "yields (suspended)" && ! tui_screen | grep -qF "returning" &&
    step_until "resumed" && tui_keys q && tui_wait "w see it happen" && tui_keys Escape && tui_quit
'
test_done
