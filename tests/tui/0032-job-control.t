#!/bin/bash
# $EDITOR under a PID namespace whose session leader is outside it
# (unshare --pid, as tools/root-run.sh runs the quiz): getpgrp() and
# tcgetpgrp() say 0 there. That is no job control: the editor runs in the
# quiz's own group, and the quiz reads keys again once it is back (it used
# to hand the terminal to the editor and never get it back: deaf, spinning).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/sh
printf 'def square(n):\n    return n * n  # from the editor\n' >"$1"
EOS
chmod +x "$TRASH/editor.sh"

if ! unshare --pid --fork --kill-child true 2>/dev/null; then
    test_skip 'Ctrl-E under unshare --pid: the quiz still reads keys after the editor' \
        'unshare --pid is not permitted here (not root)'
    test_done
    exit
fi

# unshare_stop : a quiz left deaf would spin: its unshare (the terminal's
# program) is killed, and --kill-child takes the quiz with it
unshare_stop() {
    u=$(tui_pid) && [ -n "$u" ] && kill -KILL "$u" 2>/dev/null
    tui_stop
}

test_expect_success 'Ctrl-E under unshare --pid: the quiz still reads keys after the editor' '
    TUI_WRAP="unshare --pid --fork --kill-child" tui_start EDITOR="$TRASH/editor.sh" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys C-e && tui_wait "answer read back from" && tui_wait "# from the editor" &&
    tui_type "ZQ" && tui_wait "ZQ" &&
    tui_keys Escape && tui_wait "topic: basics" && tui_quit
'
unshare_stop

test_expect_success '... and Ctrl-O, with an editor that fails' '
    TUI_WRAP="unshare --pid --fork --kill-child" tui_start EDITOR=false XDG_STATE_HOME="$TRASH/st2" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys C-o && tui_wait "the editor failed" && tui_type "x" && tui_wait "1│ xdef square(n):" &&
    tui_keys Escape && tui_wait "topic: basics" && tui_quit
'
unshare_stop

test_expect_success 'on the host the editor still gets its own group (an interview can end it)' '
    tui_start EDITOR="$TRASH/editor.sh" XDG_STATE_HOME="$TRASH/st3" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys C-e && tui_wait "# from the editor" && tui_type "ZQ" && tui_wait "ZQ" &&
    tui_keys Escape && tui_wait "topic: basics" && tui_quit
'

test_done
