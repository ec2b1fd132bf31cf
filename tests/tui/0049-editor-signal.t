#!/bin/bash
# SIGHUP (the terminal closed) or SIGTERM while $EDITOR is open: the editor
# is told, and what it had saved in its file is the drill's draft (kept in
# practice, handed in by an interview); its temporary file is removed and
# stderr says what was kept (learner7 G4).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"


# an editor that saves a line (as :w would), says so, and stays open
cat >"$TRASH/saving-editor.sh" <<EOS
#!/bin/sh
printf '# saved in the editor\n' >>"\$1"
: >"$TRASH/editor-saved"
trap 'exit 1' HUP TERM
sleep 30 &
wait
EOS
# one that saves nothing
cat >"$TRASH/idle-editor.sh" <<EOS
#!/bin/sh
: >"$TRASH/editor-saved"
trap 'exit 1' HUP TERM
sleep 30 &
wait
EOS
chmod +x "$TRASH/saving-editor.sh" "$TRASH/idle-editor.sh"
mkdir -p "$TRASH/tmp"

for sig in HUP TERM; do
    case $sig in HUP) code=129 ;; TERM) code=143 ;; esac
    test_expect_success "SIG$sig with \$EDITOR open: what it saved is the draft, its file removed" '
        S="$TRASH/st-$sig" && rm -f "$TRASH/editor-saved" "$TRASH"/tmp/* &&
        tui_start XDG_STATE_HOME="$S" TMPDIR="$TRASH/tmp" EDITOR="$TRASH/saving-editor.sh" -- --pack "$PACK" --topic basics &&
        tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
        tui_type "#TYPED" && tui_wait "#TYPED" && tui_keys C-e && wait_for test -e "$TRASH/editor-saved" &&
        kill -$sig "$(tui_pid)" && tui_wait "[exit $code]" &&
        draft_of "$S" square-write >draft && contains draft "#TYPED" && contains draft "# saved in the editor" &&
        ! ls "$TRASH"/tmp/pydrill-*.py 2>/dev/null &&
        contains "$TRASH/stderr" "was open when SIG$sig" && contains "$TRASH/stderr" "what it had saved is the draft of square-write"
    '
done

test_expect_success 'an editor that saved nothing: the typed draft stays, stderr says so' '
    S="$TRASH/st-idle" && rm -f "$TRASH/editor-saved" "$TRASH"/tmp/* &&
    tui_start XDG_STATE_HOME="$S" TMPDIR="$TRASH/tmp" EDITOR="$TRASH/idle-editor.sh" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_type "#TYPED" && tui_wait "#TYPED" && tui_keys C-e && wait_for test -e "$TRASH/editor-saved" &&
    kill -HUP "$(tui_pid)" && tui_wait "[exit 129]" &&
    draft_of "$S" square-write >draft && contains draft "#TYPED" && ! ls "$TRASH"/tmp/pydrill-*.py 2>/dev/null &&
    contains "$TRASH/stderr" "it had saved nothing new: the draft of square-write is as it was typed"
'

test_expect_success 'in an interview, what the editor saved is handed in' '
    S="$TRASH/st-iv" IV="$TRASH/st-iv/pydrill/interviews" && rm -f "$TRASH/editor-saved" "$TRASH"/tmp/* &&
    tui_start XDG_STATE_HOME="$S" TMPDIR="$TRASH/tmp" EDITOR="$TRASH/saving-editor.sh" -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_wait "1│ def square(n):" && tui_keys C-e && wait_for test -e "$TRASH/editor-saved" &&
    kill -HUP "$(tui_pid)" && tui_wait "[exit 129]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 && contains "$(cat kept)" "# saved in the editor" &&
    ! ls "$TRASH"/tmp/pydrill-*.py 2>/dev/null
'

test_done
