#!/bin/bash
# An answer that runs out of time shows what it printed before: the lines
# are in the capture (stdout is line-buffered in the child) and the grader
# reads them even though the child never sent its final record.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

cat >"$TRASH/slow.json" <<'EOS'
{ "format": "pydrill/1", "pack": "slow", "title": "Slow answers",
  "drills": [
    { "id": "loop-write", "title": "Write total", "topic": "loops", "level": 1, "kind": "write",
      "prompt": "Write total(xs) returning the sum of xs.", "code": "def total(xs):\n    pass\n",
      "limits": { "timeout_ms": 400 },
      "tests": [ { "name": "three", "expr": "total([1, 2])", "expect": "3" } ],
      "solution": "def total(xs):\n    return sum(xs)\n", "explanation": "sum() adds." } ] }
EOS
cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/sh
cp "$NEXT_ANSWER" "$1"
EOS
chmod +x "$TRASH/editor.sh"
printf 'def total(xs):\n    print("adding", xs)\n    print("still here")\n    while True:\n        pass\n' >"$TRASH/next.py"

test_expect_success 'a timeout shows what the answer printed before it' '
    tui_start EDITOR="$TRASH/editor.sh" NEXT_ANSWER="$TRASH/next.py" -- --pack "$TRASH/slow.json" &&
    tui_wait "Write total" && tui_keys Enter && tui_wait "Your code" && tui_keys C-e &&
    tui_wait "while True:" && tui_keys C-s && tui_wait "TIMEOUT" &&
    tui_wait "Output (before the time ran out)" && tui_wait "adding [1, 2]" && tui_wait "still here" &&
    tui_keys Escape && tui_quit
'

test_done
