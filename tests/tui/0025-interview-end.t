#!/bin/bash
# The end of an interview (SPEC 5: its report is kept): Ctrl-C ends it as
# the clock does (drafts handed in, graded, the report kept, a history
# line), then quits; the clock goes on while $EDITOR is open, and an editor
# still open when it runs out is ended and its text not counted.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
IV="$XDG_STATE_HOME/pydrill/interviews"
H="$XDG_STATE_HOME/pydrill/history.jsonl"

# an editor that comes back long after a 6-second interview is over
cat >"$TRASH/slow-editor.sh" <<'EOS'
#!/bin/sh
sleep 9.77
printf 'def square(n):\n    return n * n  # from the editor\n' >"$1"
EOS
chmod +x "$TRASH/slow-editor.sh"

test_expect_success 'Ctrl-C in an interview: the draft is handed in and graded, the report kept, exit 0' '
    tui_start -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_wait "1│ def square(n):" &&
    tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_wait "2│     return n * n" && tui_keys C-c && tui_wait "[exit 0]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 &&
    contains "$(cat kept)" "return n * n" && contains "$(cat kept)" "\"score\":	1" &&
    contains "$H" "\"mode\":\"interview\"" && contains "$TRASH/stderr" "ended by Ctrl-C; its report is kept in $IV/"
'

test_expect_success 'Ctrl-C keeps what was handed in before it too' '
    rm -rf "$IV" "$H" &&
    tui_start -- --pack "$PACK" --mode interview --count 2 --minutes 5 &&
    tui_wait "interview 1/2" && tui_keys C-s && tui_wait "interview 2/2" && tui_keys C-c && tui_wait "[exit 0]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 &&
    /usr/bin/python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r[\"drills\"]) == 2, r
" "$(cat kept)" && test "$(grep -c interview "$H")" -eq 1
'

test_expect_success 'the clock ends an $EDITOR still open: its text does not count, nor its time' '
    rm -rf "$IV" &&
    tui_start EDITOR="$TRASH/slow-editor.sh" -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 0.1 &&
    tui_wait "interview 1/1" && tui_wait "1│ def square(n):" &&
    tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n + n" &&
    tui_wait "2│     return n + n" && tui_keys C-e &&
    tui_wait "Interview report" && tui_wait_joined "was still open, so it was closed" &&
    tui_wait "0m06s of 6 seconds, the time ran out" && tui_wait "return n + n" && tui_lacks "from the editor" &&
    ! pgrep -f "sleep 9.77" >/dev/null &&
    contains "$(ls "$IV"/*.json)" "return n + n" && lacks "$(ls "$IV"/*.json)" "from the editor" &&
    tui_wait "Esc list" && tui_keys Escape && tui_wait "topic: basics" && tui_quit
'

test_done
