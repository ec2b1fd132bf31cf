# tui-lib.sh - drives the quiz in a real terminal: a tmux server on a
# private socket per test script, keys sent with send-keys, the screen read
# with capture-pane. Sourced after tests/e2e/lib.sh.
TUI_SOCK="pydrill-tui-$$"
TUI_FIX="$TOP/tests/tui/fixtures"
PACK="$TUI_FIX/quiz.json"
trap 'tui_stop; rm -rf "$TRASH"' EXIT

# tui_start [VAR=VALUE...] -- ARGS... : runs pydrill ARGS in a 100x30 terminal
# (under $TUI_WRAP when set: words put before it, e.g. unshare --pid ...)
tui_start() {
    envs=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $(printf '%q' "$1")"; shift; done
    [ "$1" = "--" ] && shift
    args=""
    for a in "$@"; do args="$args $(printf '%q' "$a")"; done
    cat >"$TRASH/run.sh" <<EOS
#!/bin/bash
cd $(printf '%q' "$TRASH")
${TUI_WRAP:+$TUI_WRAP }env LC_ALL=C.UTF-8 $envs $(printf '%q' "$PYDRILL") $args 2>"$TRASH/stderr"
echo "[exit \$?]"
$(tui_after_exit)
exec sleep 3600
EOS
    chmod +x "$TRASH/run.sh"
    tui_stop
    # exec: the pane's process is run.sh itself, whatever $SHELL is (dash
    # would otherwise stay as its parent)
    tmux -L "$TUI_SOCK" -f /dev/null new-session -d -x "${TUI_W:-100}" -y "${TUI_H:-30}" -s t "exec $(printf '%q' "$TRASH/run.sh")"
}

# With TUI_PROBE_AFTER_EXIT=1, the terminal is probed once pydrill has
# exited: tui_probe_paste then tells whether bracketed paste is still on.
tui_after_exit() {
    [ -n "$TUI_PROBE_AFTER_EXIT" ] || return 0
    printf '%s\n' "IFS= read -r line; case \"\$line\" in *'[200~'*probe*) echo on;; probe) echo off;; *) echo none;; esac >$(printf '%q' "$TRASH/after-exit")"
}

# tui_probe_paste FILE : pastes a line the way a user would (paste-buffer -p,
# bracketed when the program in the terminal asked for it), then waits for
# FILE, written by whatever read the line ("on" when brackets came with it)
tui_probe_paste() {
    tmux -L "$TUI_SOCK" set-buffer -b probe "probe
" && tmux -L "$TUI_SOCK" paste-buffer -p -b probe -t t &&
    i=0 && while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done && test -s "$1"
}

# tui_stop : ends the terminal (and pydrill with it)
tui_stop() {
    tmux -L "$TUI_SOCK" kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCK"
}

tui_keys() { tmux -L "$TUI_SOCK" send-keys -t t "$@"; }
tui_type() { tmux -L "$TUI_SOCK" send-keys -t t -l "$1"; }
tui_screen() { tmux -L "$TUI_SOCK" capture-pane -p -t t "$@"; }

# tui_pid : the pid of pydrill in the terminal (a child of run.sh)
tui_pid() {
    shell=$(tmux -L "$TUI_SOCK" display -p -t t "#{pane_pid}") && pgrep -P "$shell" | head -n 1
}

# tui_wait TEXT : waits (up to ~10 s) until the screen shows TEXT
tui_wait() {
    i=0
    while [ $i -lt 400 ]; do
        tui_screen | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- screen never showed: $1"
    tui_screen
    [ -s "$TRASH/stderr" ] && { echo "--- stderr:"; cat "$TRASH/stderr"; }
    return 1
}

# tui_wait_gone TEXT : waits until TEXT is no longer on the screen
tui_wait_gone() {
    i=0
    while [ $i -lt 400 ]; do
        tui_screen | grep -qF -- "$1" || return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- screen still shows: $1"
    tui_screen
    return 1
}

# tui_lacks TEXT : the screen (now) does not show TEXT
tui_lacks() {
    if tui_screen | grep -qF -- "$1"; then
        echo "--- screen shows: $1"
        tui_screen
        return 1
    fi
}

# tui_quit : q on the list, and the program exits 0
tui_quit() {
    tui_keys q && tui_wait "[exit 0]"
}

# tui_wait_joined TEXT : waits until the screen, its lines joined and runs
# of blanks squeezed to one space, holds TEXT (a message the quiz wrapped
# where a long path, say, made it break)
tui_wait_joined() {
    i=0
    while [ $i -lt 400 ]; do
        tui_screen | tr -s ' \n' '  ' | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- screen never showed (lines joined): $1"
    tui_screen
    return 1
}

# draft_of STATE ID : the draft kept for drill ID
draft_of() {
    /usr/bin/python3 -c "
import json, sys
print(json.load(open(sys.argv[1]))['entries'][sys.argv[2]].get('draft', ''))
" "$1/pydrill/progress.json" "$2" 2>/dev/null
}

# wait_for CMD... : up to ~10 s for CMD to succeed
wait_for() {
    i=0
    while [ $i -lt 200 ]; do "$@" && return 0; sleep 0.05; i=$((i + 1)); done
    echo "--- never: $*"
    return 1
}
