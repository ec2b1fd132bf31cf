#!/bin/bash
# Interview verdicts and answers lost, from the interview6 audit: a drill
# that cannot be graded here is not drawn and a skipped one counts neither
# way (F11); an answer saved in $EDITOR when the time runs out is handed in
# (F6); Esc then y (vi) does not end the interview (F10).
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
S="$XDG_STATE_HOME/pydrill"
IV="$S/interviews"
BROKEN="$TUI_FIX/iv6-broken.json"
SIX="$TUI_FIX/iv6-six.json"

test_expect_success 'F11: a drill that cannot be graded here is not drawn into an interview' '
    rm -rf "$S" &&
    tui_start -- --pack "$BROKEN" --mode interview --count 2 --minutes 5 &&
    tui_wait "interview 1/1" && tui_wait "Write make_grid" && tui_keys Down End C-u &&
    tui_type "    return [[fill] * cols for _ in range(rows)]" && tui_keys C-s &&
    tui_wait "Interview report" && tui_wait "Score: 1 / 1 (100%)" && tui_lacks "skipped" &&
    tui_lacks "does not evaluate"
'

# an editor the candidate saved in (:w) and left open as the clock ran out
cat >"$TRASH/saved-editor.sh" <<'SH'
#!/bin/sh
cat > "$1" <<'PY'
def make_grid(rows, cols, fill):
    return [[fill] * cols for _ in range(rows)]
PY
exec sleep 1000
SH
chmod +x "$TRASH/saved-editor.sh"

test_expect_success 'F6: time up while $EDITOR is open: what it saved is handed in and graded' '
    rm -rf "$S" &&
    tui_start EDITOR="$TRASH/saved-editor.sh" VISUAL= -- --pack "$SIX" --mode interview --topic lists --count 1 \
        --minutes 0.05 &&
    tui_wait "Write make_grid" && tui_keys C-o &&
    tui_wait "Interview report" && tui_wait "Time is up" && tui_wait_joined "what it had saved was taken" &&
    tui_wait "Score: 1 / 1 (100%)" && tui_wait "✓ pass" && tui_lacks "missing" &&
    cat "$IV"/*.json >kept && contains kept "for _ in range(rows)]"
'

# waits until the screen shows one of its arguments; prints which
wait_any() {
    i=0
    while [ $i -lt 400 ]; do
        s=$(tui_screen)
        for t in "$@"; do case "$s" in *"$t"*) echo "$t"; return 0;; esac; done
        sleep 0.05; i=$((i + 1))
    done
    tui_screen; return 1
}

test_expect_success 'F10: Esc then y (a vi reflex) does not end the interview' '
    rm -rf "$S" &&
    tui_start -- --pack "$SIX" --mode interview --count 3 --minutes 5 &&
    tui_wait "interview 1/3" && tui_keys Escape y &&
    seen=$(wait_any "[y/N]" "cancelled" "Interview report") && test "$seen" != "Interview report" &&
    if [ "$seen" = "[y/N]" ]; then tui_keys n && tui_wait "cancelled"; fi &&
    tui_lacks "Interview report" && tui_wait "interview 1/3" &&
    tui_keys Escape && tui_wait "End the interview now" && tui_wait "[y/N]" && tui_keys y &&
    tui_wait "Interview report"
'

test_done
