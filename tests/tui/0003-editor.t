#!/bin/bash
# The answer editor: typing, auto-indent, Tab, Backspace by indent levels,
# Home/End, undo, $VISUAL/$EDITOR round trip, and a run cancelled with Esc.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/sh
# a scripted editor: checks it got a .py file with the answer, rewrites it
case "$1" in *.py) ;; *) exit 3 ;; esac
grep -q "def square" "$1" || exit 4
printf 'def square(n):\n    return n ** 2\n' >"$1"
EOS
printf '#!/bin/sh\nexit 1\n' >"$TRASH/bad-editor.sh"
chmod +x "$TRASH/editor.sh" "$TRASH/bad-editor.sh"

test_expect_success 'typing, Enter auto-indents after a colon and keeps the indent' '
    tui_start EDITOR="$TRASH/editor.sh" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys Down Down End && tui_type "def cube(n):" && tui_keys Enter &&
    tui_type "if n:" && tui_keys Enter && tui_type "x = 1" &&
    tui_wait "3│ def cube(n):" && tui_wait "4│     if n:" && tui_wait "5│         x = 1"
'

test_expect_success 'Backspace in the indentation removes a level, Tab adds four spaces' '
    tui_keys Enter && tui_wait "6│" &&
    tui_keys BSpace && tui_type "y" && tui_wait "6│     y" &&
    tui_keys Home Tab && tui_wait "6│         y"
'

test_expect_success 'Home goes to the first non-blank, End to the end' '
    tui_keys Home && tui_type "#" && tui_wait "6│ #        y" &&
    tui_keys Home && tui_type "%" && tui_wait "6│ %#        y" &&
    tui_keys End && tui_type "!" && tui_wait "6│ %#        y!"
'

test_expect_success 'Ctrl-Z undoes edits one after another' '
    tui_keys C-z && tui_wait_gone "y!" && tui_wait "6│ %#        y" &&
    tui_keys C-z && tui_wait "6│ #        y" &&
    tui_keys C-z && tui_wait "6│         y"
'

test_expect_success 'Ctrl-E opens $EDITOR on a .py file and reads the answer back' '
    tui_keys C-e && tui_wait "answer read back from" &&
    tui_wait "2│     return n ** 2" && tui_lacks "def cube" &&
    tui_keys C-s && tui_wait "PASS   score 1.00"
'

test_expect_success 'the $EDITOR text is undoable as one step' '
    tui_keys r && tui_wait "return n ** 2" && tui_keys C-z && tui_wait "def cube(n):"
'

test_expect_success 'an editor that fails leaves the answer unchanged' '
    tui_start EDITOR="$TRASH/bad-editor.sh" XDG_STATE_HOME="$TRASH/state2" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "Your code" &&
    tui_keys C-e && tui_wait "the editor failed; the answer is unchanged" &&
    tui_wait "1│ def square(n):"
'

test_expect_success 'grading shows a spinner; keys typed meanwhile leave the answer alone; Esc cancels it' '
    tui_keys PPage Down End BSpace BSpace BSpace BSpace && tui_type "while True: pass" &&
    tui_wait "2│     while True: pass" &&
    tui_keys C-s && tui_wait "grading... (keys are ignored; Esc cancels)" &&
    tui_keys "?" && sleep 0.3 && tui_lacks "pass?" && tui_wait "grading..." &&
    tui_keys Escape && tui_wait "grading cancelled: your answer is as it was" && tui_wait "Your code" &&
    tui_wait "2│     while True: pass" && tui_lacks "pass?"
'

test_done
