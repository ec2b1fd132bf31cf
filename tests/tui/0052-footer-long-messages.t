#!/bin/bash
# A question above the footer shows its keys at every size the quiz runs
# at: it takes the rows it needs, a shorter form when they are too few,
# and is cut (marked) before its keys ever are. The standing "Progress NOT
# saved" line wraps; what it cannot show, F1 does. A state file set aside
# is named in full, stays on screen until Esc, and is said on stderr at
# exit (learner7 G1, G2).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

# a state folder with a long path, as /home/NAME/.local/state is
export XDG_STATE_HOME="$TRASH/a-home-folder-with-a-long-name/.local/state"
S="$XDG_STATE_HOME/pydrill"
break_state() { mv "$S" "$S.away" && : >"$S"; }
mend_state() { rm -f "$S" && mv "$S.away" "$S"; }

# shows_glued TEXT : the screen with its rows glued together holds TEXT,
# blanks (and the help box's sides) left out of both: a path wrapped in
# its middle, or after a space
shows_glued() {
    want=$(printf '%s' "$1" | tr -d ' ')
    i=0
    while [ $i -lt 200 ]; do
        tui_screen | sed 's/│//g' | tr -d ' \n' | grep -qF -- "$want" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- screen never showed (rows glued): $1"
    tui_screen
    return 1
}

# stop_quiz : ends the quiz of the last test, and waits until it has
# saved what it saves on the way out
stop_quiz() {
    pid=$(tui_pid 2>/dev/null)
    tui_stop
    i=0
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    return 0
}

# ask_quit : a save fails, then q on the list
ask_quit() {
    mkdir -p "$S" && tui_wait "topic: all" && tui_keys Enter &&
    tui_wait "Your answer" && tui_type "[1]" && break_state &&
    tui_keys C-s && tui_wait "r retry" && tui_keys Escape && tui_wait "topic: all" &&
    tui_keys q && tui_wait "Your progress is NOT saved"
}

test_expect_success '80x24: the quit question shows its keys, the standing line its reason' '
    TUI_W=80 TUI_H=24 tui_start -- --pack "$PACK" && ask_quit &&
    tui_wait "[y/x/N]" && tui_wait_joined "y quits anyway and loses it; x exports the answers" &&
    shows_glued "Progress NOT saved: $S: error: not a folder" &&
    tui_keys n && tui_wait "cancelled" && mend_state
'

test_expect_success '40x10: a shorter question, its keys; F1 shows the whole reason' '
    stop_quiz && rm -rf "$S" "$S.away" && TUI_W=40 TUI_H=10 tui_start -- --pack "$PACK" && ask_quit &&
    tui_wait "[y/x/N]" && tui_wait "(why:" && tui_wait "F1 shows all" &&
    tui_keys n && tui_wait "cancelled" && tui_keys F1 && tui_wait "Progress NOT saved" &&
    shows_glued "$S: error:" && tui_keys Escape && mend_state
'

# corrupt_start W H : a state file that is not one, then the quiz at WxH
corrupt_start() {
    stop_quiz && rm -rf "$S" "$S.away" && mkdir -p "$S" &&
    echo "{\"format\":\"pydrill-state/1\",\"entries\":{\"x\":{\"revision\":1,\"attempts\":-1}}}" >"$S/progress.json" &&
    TUI_W=$1 TUI_H=$2 tui_start -- --pack "$PACK" && tui_wait "set aside as" &&
    aside=$(ls "$S"/progress.json.corrupt-*) && test -n "$aside"
}

for size in "40 12" "60 20" "80 24"; do
    test_expect_success "set aside, at ${size% *}x${size#* }: the whole name, kept past a key, gone with Esc, on stderr" '
        corrupt_start $size && shows_glued "set aside as$aside, starting afresh" &&
        tui_keys j && shows_glued "$aside" && shows_glued "(Esc hides this)" &&
        tui_keys Escape && tui_wait_gone "set aside as" && tui_quit &&
        contains "$TRASH/stderr" "pydrill: progress.json was not a pydrill state file (/entries/x/attempts: out of range); set aside as $aside, starting afresh"
    '
done

test_expect_success 'watch mode says the set-aside name on stderr too' '
    printf "def append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n" >"$TRASH/answer.py" &&
    stop_quiz && rm -rf "$S" && mkdir -p "$S" && echo "{ not json" >"$S/progress.json" &&
    tui_start -- run --pack "$PACK" mutable-default-fix "$TRASH/answer.py" --watch &&
    tui_wait "FAIL" && tui_wait "set aside as" && aside=$(ls "$S"/progress.json.corrupt-*) &&
    tui_keys q && tui_wait "[exit 1]" && contains "$TRASH/stderr" "set aside as $aside, starting afresh"
'

test_done
