#!/bin/bash
# Answer boxes (SPEC 5): a long explain answer wraps over as many rows as
# it needs and can be reread whole; the line-editing keys (Ctrl-A, Ctrl-E,
# Ctrl-K, Ctrl-U, Ctrl-W, redo Ctrl-Y); undo history kept when the drill
# is left and opened again; Ctrl-R results marked stale once the code
# changes, and a run of older code never shown as current.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

para=""
for i in $(seq -w 1 43); do para="$para word$i"; done
para=${para# }   # 43 words of 6 letters: 300 characters

cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/sh
cp "$NEXT_ANSWER" "$1"
EOS
chmod +x "$TRASH/editor.sh"

test_expect_success 'a 300-character explain answer is visible whole at 100x30, wrapped' '
    test ${#para} -eq 300 &&
    tui_start EDITOR="$TRASH/editor.sh" NEXT_ANSWER="$TRASH/next.txt" -- --pack "$PACK" --topic memory &&
    tui_wait "Reference counting" && tui_keys Enter && tui_wait "Your answer, in words" &&
    tui_type "$para" && tui_wait "word43" && tui_screen >s &&
    for i in $(seq -w 1 43); do grep -q "word$i" s || { echo "word$i not shown"; cat s; exit 1; }; done &&
    test "$(grep -c "word" s)" -ge 3
'

test_expect_success 'Up and Down move between the wrapped rows' '
    tui_keys Up && tui_type "@" && tui_wait "@" && tui_screen >s &&
    row=$(grep -n "@" s | cut -d: -f1) && last=$(grep -n "word43" s | cut -d: -f1) &&
    test "$row" -eq $((last - 1)) && tui_keys BSpace && tui_wait_gone "@" &&
    tui_keys Down && tui_type "%" && tui_wait "%" && tui_screen >s &&
    test "$(grep -n "%" s | cut -d: -f1)" -eq "$last" &&
    tui_keys BSpace && tui_wait_gone "%" && tui_keys End
'

test_expect_success 'Ctrl-A and Ctrl-E go to the start and the end of the line' '
    tui_keys C-a && tui_type "<<" && tui_wait "<<word01" &&
    tui_keys C-e && tui_type ">>" && tui_wait "word43>>"
'

test_expect_success 'Ctrl-W deletes the word before the cursor, Ctrl-U the line before it' '
    tui_keys C-w && tui_wait_gone "word43" && tui_wait "word42" &&
    tui_keys C-u && tui_wait_gone "word01" && tui_lacks "word42"
'

test_expect_success 'Ctrl-Z undoes, Ctrl-Y redoes' '
    tui_keys C-z && tui_wait "word42" && tui_wait "<<word01" && tui_lacks "word43" &&
    tui_keys C-y && tui_wait_gone "word42" &&
    tui_keys C-z && tui_wait "word42" && tui_keys C-z && tui_wait "word43>>" &&
    tui_keys C-y C-y && tui_wait_gone "word42" && tui_keys C-y && tui_wait "nothing to redo"
'

test_expect_success 'Ctrl-K deletes to the end of the line' '
    tui_keys C-z && tui_wait "word42" && tui_keys C-a Right Right && tui_keys C-k &&
    tui_wait_gone "word01" && tui_lacks "word42" && tui_keys C-z && tui_wait "word42"
'

test_expect_success 'undo history survives leaving the drill and opening it again' '
    tui_keys C-e && tui_type " zzz" && tui_wait "zzz" &&
    tui_keys Escape && tui_wait "topic: memory" && tui_keys Enter && tui_wait "zzz" &&
    tui_keys C-z && tui_wait_gone "zzz" && tui_wait "word42" && tui_keys C-y && tui_wait "zzz"
'

test_expect_success 'in a text box Ctrl-O opens $EDITOR' '
    printf "from the editor" >"$TRASH/next.txt" &&
    tui_keys C-o && tui_wait "answer read back from" && tui_wait "from the editor" && tui_lacks "word42" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'Ctrl-R results are marked stale after an edit, current again after Ctrl-R' '
    tui_start -- --pack "$PACK" --topic functions && tui_wait "Mutable default argument" &&
    tui_keys j Enter && tui_wait "Your code" && tui_keys C-r && tui_wait "Visible tests (Ctrl-R)" &&
    tui_wait "visible tests: 1 of 2 passed" && tui_lacks "STALE" &&
    tui_keys End && tui_type "  # edited" && tui_wait "STALE: your code changed since this run" &&
    tui_keys C-r && tui_wait_gone "STALE" && tui_wait "Visible tests (Ctrl-R)" && tui_keys Escape && tui_quit
'

test_expect_success 'a run of older code that finishes after more typing is never shown as current' '
    printf "import time\ntime.sleep(0.7)\ndef append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n" >"$TRASH/next.txt" &&
    tui_start EDITOR="$TRASH/editor.sh" NEXT_ANSWER="$TRASH/next.txt" -- --pack "$PACK" --topic functions &&
    tui_wait "Mutable default argument" && tui_keys j Enter && tui_wait "Your code" &&
    tui_keys C-e && tui_wait "time.sleep(0.7)" && tui_keys C-r && tui_wait "running the visible tests" &&
    tui_type "#" && tui_wait "for your code as it was at Ctrl-R" && tui_wait "STALE" &&
    tui_keys Escape && tui_quit
'

test_done
