#!/bin/bash
# A save that fails mid-session (the state folder gone, unwritable) stays
# on screen until a save succeeds, and quitting asks first: y quits anyway,
# x exports the answers, then quits; any other key stays. The message on
# stderr carries one prefix.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
S="$XDG_STATE_HOME/pydrill"

# break_state / mend_state : a file where the state folder was, and back
break_state() { mv "$S" "$S.away" && : >"$S"; }
mend_state() { rm -f "$S" && mv "$S.away" "$S"; }

test_expect_success 'a failed save stays on screen, on the drill and on the list' '
    mkdir -p "$S" &&
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_type "[1]" && break_state &&
    tui_keys C-s && tui_wait "score 0." && tui_wait "Progress NOT saved: $S: error:" &&
    tui_keys Escape && tui_wait "topic: all" && tui_wait "Progress NOT saved" &&
    tui_keys j && tui_wait "Progress NOT saved"
'

test_expect_success 'q asks first; any other key stays' '
    tui_keys q && tui_wait "Your progress is NOT saved" && tui_wait "[y/x/N]" &&
    tui_keys n && tui_wait "cancelled" && tui_lacks "[exit" && tui_wait "Progress NOT saved"
'

test_expect_success 'a save that works again clears it; q then quits at once' '
    mend_state && tui_keys k Enter && tui_wait "Your answer: what it prints" && tui_keys C-s &&
    tui_wait "score 0." && tui_wait "progress saved again" && tui_lacks "NOT saved" &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit && lacks "$TRASH/stderr" "not saved"
'

test_expect_success 'x at the question exports the answers, then quits; stderr says it once' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && break_state &&
    tui_keys Enter && tui_wait "Your answer: what it prints" && tui_type "x" && tui_keys Escape &&
    tui_wait "Progress NOT saved" && tui_keys q && tui_wait "[y/x/N]" && tui_keys x && tui_wait "[exit 0]" &&
    f=$(ls pydrill-answers-*.json) && contains "$f" "mutable-default-predict" &&
    contains "$TRASH/stderr" "pydrill: warning: progress not saved: $S: error:" &&
    contains "$TRASH/stderr" "the answers were exported to $TRASH/$f" &&
    lacks "$TRASH/stderr" "saved: pydrill:" && mend_state
'

test_expect_success 'a state that could not be read: said at once; q quits when nothing would be lost' '
    rm -f pydrill-answers-*.json && mv "$S" "$S.away" && mkdir "$S" && ln -s progress.json "$S/progress.json" &&
    tui_start -- --pack "$PACK" && tui_wait "progress will not be saved" &&
    tui_keys j && tui_wait "Progress NOT saved" && tui_keys q && tui_wait "[exit 0]" &&
    contains "$TRASH/stderr" "pydrill: warning: progress not saved:" && lacks "$TRASH/stderr" "saved: pydrill:"
'

test_expect_success '... and asks once a draft or answer could not be kept; y quits anyway' '
    tui_start -- --pack "$PACK" && tui_wait "progress will not be saved" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_type "x" && tui_keys Escape && tui_wait "topic: all" &&
    tui_keys q && tui_wait "[y/N]" && tui_keys y && tui_wait "[exit 0]" &&
    contains "$TRASH/stderr" "pydrill: warning: progress not saved: the state file could not be read" &&
    test -L "$S/progress.json" && ! ls pydrill-answers*.json 2>/dev/null
'

test_done
