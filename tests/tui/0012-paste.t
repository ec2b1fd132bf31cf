#!/bin/bash
# Bracketed paste: pasted code goes into the editor verbatim (no second
# auto-indent), as one undo step; the mode is switched off whenever the
# terminal is handed back (the $EDITOR round trip, quitting, a signal).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

# a scripted editor that first checks what a paste into its terminal looks like
cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/bash
tmux -L "$TUI_SOCK" set-buffer -b probe "probe
" && tmux -L "$TUI_SOCK" paste-buffer -p -b probe -t t
IFS= read -r -t 5 line
case "$line" in *'[200~'*probe*) echo on ;; probe) echo off ;; *) echo none ;; esac >"$TRASH/in-editor"
printf 'def square(n):\n    return n * n\n\n' >"$1"
EOS
chmod +x "$TRASH/editor.sh"

CODE='def cube(n):
    if n:
        return n ** 3
    return 0
'

# shows_code : the editor shows CODE from line 3 with its own indentation
shows_code() {
    tui_wait "3│ def cube(n):" && tui_wait "4│     if n:" &&
    tui_wait "5│         return n ** 3" && tui_wait "6│     return 0" &&
    tui_screen >s && grep -q "7│ *$" s && ! grep -q "8│" s
}

test_expect_success 'paste-buffer -p: the code goes in with its own indentation only' '
    tui_start EDITOR="$TRASH/editor.sh" TUI_SOCK="$TUI_SOCK" TRASH="$TRASH" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys Down Down End && sleep 0.2 &&
    tmux -L "$TUI_SOCK" set-buffer -b code "$CODE" &&
    tmux -L "$TUI_SOCK" paste-buffer -p -b code -t t &&
    shows_code && tui_wait "2│     pass"
'

test_expect_success 'Ctrl-Z undoes the whole paste in one step' '
    tui_keys C-z && tui_wait_gone "def cube" && tui_wait "2│     pass" && tui_lacks "4│"
'

test_expect_success 'the markers sent as keys (ESC [200~ ... ESC [201~) work the same' '
    tui_type $'"'"'\e[200~'"'"'"$CODE"$'"'"'\e[201~'"'"' && shows_code &&
    tui_type "#" && tui_wait "7│ #"
'

test_expect_success 'bracketed paste is off while $EDITOR runs, on again after' '
    tui_keys C-e && tui_wait "answer read back from" &&
    test "$(cat "$TRASH/in-editor")" = off &&
    tui_wait "2│     return n * n" && tui_keys Down Down End && sleep 0.2 &&
    tmux -L "$TUI_SOCK" paste-buffer -p -b code -t t && shows_code
'

test_expect_success 'a paste in the search box adds its first line' '
    tui_keys Escape && tui_wait "topic: basics" && tui_keys / &&
    tmux -L "$TUI_SOCK" set-buffer -b s "square
junk" && tmux -L "$TUI_SOCK" paste-buffer -p -b s -t t &&
    tui_wait "square_" && tui_lacks "junk" && tui_keys Escape
'

test_expect_success 'quitting switches bracketed paste off' '
    TUI_PROBE_AFTER_EXIT=1 tui_start -- --pack "$PACK" && tui_wait "topic: all" &&
    tui_quit && tui_probe_paste "$TRASH/after-exit" && test "$(cat "$TRASH/after-exit")" = off
'

test_expect_success 'so does a fatal signal' '
    rm -f "$TRASH/after-exit" &&
    TUI_PROBE_AFTER_EXIT=1 tui_start -- --pack "$PACK" && tui_wait "topic: all" &&
    shell=$(tmux -L "$TUI_SOCK" display -p -t t "#{pane_pid}") &&
    kill -TERM "$(pgrep -P "$shell" -x pydrill)" && tui_wait "[exit 143]" &&
    tui_probe_paste "$TRASH/after-exit" && test "$(cat "$TRASH/after-exit")" = off
'

test_done
