#!/bin/bash
# Small things a learner trips on: a draft reopened in a later session has
# the cursor after it (typing goes on from there, not in front of it); a
# choice option that wraps goes on under its own text, on the drill and on
# the result, where an unchosen right option of several is "right, not
# chosen"; an editor that fails says how, and what it wrote is kept.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
L5="$TUI_FIX/learner5.json"
mkdir -p "$TRASH/tmp"
printf '#!/bin/sh\nfor last; do :; done\necho "x = 1  # my edit" >"$last"\nexit 3\n' >"$TRASH/fail-editor.sh"
chmod +x "$TRASH/fail-editor.sh"

test_expect_success 'a draft from an earlier session: typing goes on after it' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_type "[1]" && tui_keys Escape && tui_wait "topic: all" &&
    tui_quit && tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait " [1]" && tui_type "Y" && tui_wait " [1]Y" && tui_keys Escape && tui_quit
'

test_expect_success 'a long option wraps under its own text, not under the boxes' '
    tui_start -- --pack "$L5" --topic closures && tui_wait "Which callbacks" && tui_keys Enter &&
    tui_wait "d) for i in range(3)" && tui_screen >s && grep -q "^          that binds the current value" s &&
    ! grep -q "^ that binds" s
'

test_expect_success 'on the result too; an unchosen right option of several is "right, not chosen"' '
    tui_keys d Enter && tui_wait "FAIL" && tui_wait "b) cbs = [lambda i=i: print(i) for i in range(3)]   ✓ right, not chosen" &&
    tui_screen >s && grep -q "^          that binds the current value" s && tui_lacks "the right answer" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'an editor that fails: its exit status is said, and what it wrote is kept' '
    tui_start EDITOR="$TRASH/fail-editor.sh" TMPDIR="$TRASH/tmp" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" && tui_keys C-o &&
    tui_wait_joined "exited with status 3); what it wrote is kept in $TRASH/tmp/pydrill-square-write-" &&
    tui_wait "1│ def square(n):" && grep -q "my edit" "$TRASH"/tmp/pydrill-square-write-*.py &&
    tui_keys Escape && tui_quit
'

test_expect_success 'one that fails without writing leaves no file behind' '
    rm -f "$TRASH"/tmp/pydrill-square-write-* &&
    tui_start EDITOR=false TMPDIR="$TRASH/tmp" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" && tui_keys C-o &&
    tui_wait "exited with status 1)" && ! ls "$TRASH"/tmp/pydrill-square-write-* 2>/dev/null && tui_keys Escape && tui_quit
'

test_done
