#!/bin/bash
# SIGHUP (the terminal closed, an ssh session dropped) and SIGTERM leave
# the quiz as Ctrl-C does: the draft kept, an interview ended with its
# drafts handed in, graded and its report kept, no question asked, the
# terminal given back; the exit status is 128 + the signal's number.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

has_draft() { draft_of "$1" "$2" | grep -qF -- "$3"; }

cat >"$TRASH/slow-editor.sh" <<EOS
#!/bin/sh
# an editor still open when the signal comes: it is told, as the quiz was
trap 'echo "\$1" >"$TRASH/editor-told"; exit 1' HUP TERM
sleep 30 &
wait
EOS
chmod +x "$TRASH/slow-editor.sh"

for sig in HUP TERM; do
    case $sig in HUP) code=129 ;; TERM) code=143 ;; esac
    test_expect_success "SIG$sig mid-drill: the draft is kept, the terminal given back, exit $code" '
        S="$TRASH/st-$sig" &&
        tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" && tui_wait "Mutable default argument" &&
        tui_keys j Enter && tui_wait "Your code" && tui_type "DRAFT$sig" && tui_wait "DRAFT$sig" &&
        test "$(tmux -L "$TUI_SOCK" display -p -t t "#{alternate_on}")" = 1 &&
        kill -$sig "$(tui_pid)" && tui_wait "[exit $code]" &&
        has_draft "$S" mutable-default-fix "DRAFT$sig" &&
        test "$(tmux -L "$TUI_SOCK" display -p -t t "#{alternate_on}")" = 0
    '
done

test_expect_success 'SIGTERM at a question: nothing is answered, the quiz leaves' '
    S="$TRASH/st-q" &&
    tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_keys Enter && tui_wait "Your answer" && tui_type "[1]" && tui_keys C-s && tui_wait "score 0." &&
    tui_keys Escape && tui_wait "topic: all" && tui_keys D && tui_wait "[y/N]" &&
    kill -TERM "$(tui_pid)" && tui_wait "[exit 143]" &&
    contains "$S/pydrill/progress.json" "mutable-default-predict"
'

test_expect_success 'SIGHUP in an interview: what was handed in and the draft are graded, the report kept' '
    S="$TRASH/st-iv" IV="$TRASH/st-iv/pydrill/interviews" &&
    tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" --mode interview --topic basics --count 1 --minutes 5 &&
    tui_wait "interview 1/1" && tui_wait "1│ def square(n):" &&
    tui_keys Down End BSpace BSpace BSpace BSpace && tui_type "return n * n" &&
    tui_wait "2│     return n * n" && kill -HUP "$(tui_pid)" && tui_wait "[exit 129]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 &&
    contains "$(cat kept)" "return n * n" && contains "$(cat kept)" "\"score\":	1" &&
    contains "$S/pydrill/history.jsonl" "\"mode\":\"interview\"" &&
    contains "$TRASH/stderr" "the interview was ended by SIGHUP (the terminal was closed); its report is kept in $IV/"
'

test_expect_success 'SIGTERM in an interview keeps what was handed in before it too' '
    S="$TRASH/st-iv2" IV="$TRASH/st-iv2/pydrill/interviews" &&
    tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" --mode interview --count 2 --minutes 5 &&
    tui_wait "interview 1/2" && tui_keys C-s && tui_wait "interview 2/2" &&
    kill -TERM "$(tui_pid)" && tui_wait "[exit 143]" &&
    ls "$IV"/*.json >kept && test "$(wc -l <kept)" -eq 1 &&
    /usr/bin/python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r[\"drills\"]) == 2, r
" "$(cat kept)" && contains "$TRASH/stderr" "ended by SIGTERM; its report is kept"
'

test_expect_success 'SIGTERM with progress that cannot be saved: no question, a warning on stderr' '
    S="$TRASH/st-ro" && mkdir -p "$S/pydrill" &&
    tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    mv "$S/pydrill" "$S/away" && : >"$S/pydrill" &&
    tui_keys Enter && tui_wait "Your answer" && tui_type "[1]" && tui_keys C-s && tui_wait "Progress NOT saved" &&
    kill -TERM "$(tui_pid)" && tui_wait "[exit 143]" &&
    contains "$TRASH/stderr" "pydrill: warning: progress not saved:"
'

test_expect_success 'SIGTERM while $EDITOR is open: the editor is told, the draft kept' '
    S="$TRASH/st-ed" && rm -f "$TRASH/editor-told" &&
    tui_start XDG_STATE_HOME="$S" EDITOR="$TRASH/slow-editor.sh" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_type "#EDDRAFT" && tui_wait "#EDDRAFT" && tui_keys C-e && sleep 0.5 &&
    kill -TERM "$(tui_pid)" && tui_wait "[exit 143]" && test -s "$TRASH/editor-told" &&
    has_draft "$S" square-write "#EDDRAFT"
'

test_expect_success 'the terminal closed for real (its tmux gone): the draft is kept' '
    S="$TRASH/st-gone" &&
    tui_start XDG_STATE_HOME="$S" -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    tui_keys j Enter && tui_wait "Your code" && tui_type "GONE" && tui_wait "GONE" &&
    pid=$(tui_pid) && tui_stop &&
    wait_for has_draft "$S" mutable-default-fix "GONE" && wait_for eval "! kill -0 $pid 2>/dev/null"
'

test_expect_success 'watch mode: SIGHUP leaves, the terminal given back' '
    printf "def append_to(x, lst=[]):\n    lst.append(x)\n    return lst\n" >answer.py &&
    tui_start -- run --pack "$PACK" mutable-default-fix "$TRASH/answer.py" --watch &&
    tui_wait "FAIL" && kill -HUP "$(tui_pid)" && tui_wait "[exit 129]" &&
    test "$(tmux -L "$TUI_SOCK" display -p -t t "#{alternate_on}")" = 0
'

test_done
