#!/bin/bash
# The result screen shows what the answer printed and the end of its
# traceback, trimmed; answers are put in place with a scripted $EDITOR.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

cat >"$TRASH/editor.sh" <<'EOS'
#!/bin/sh
cp "$NEXT_ANSWER" "$1"
EOS
chmod +x "$TRASH/editor.sh"
next() { printf "$1" >"$TRASH/next.py"; }

test_expect_success 'what the answer prints is shown under Output' '
    next "def square(n):\n    print(\"debug:\", n)\n    return n * n\n" &&
    tui_start EDITOR="$TRASH/editor.sh" NEXT_ANSWER="$TRASH/next.py" -- --pack "$PACK" --topic basics &&
    tui_wait "Write square" && tui_keys Enter && tui_wait "Your code" &&
    tui_keys C-e && tui_wait "2│     print(\"debug:\", n)" && tui_keys C-s &&
    tui_wait "PASS" && tui_wait "Output" && tui_wait "debug: 3"
'

test_expect_success 'an exception: ERROR with the end of the traceback' '
    next "def square(n):\n    return helper(n)\n\ndef helper(n):\n    raise ValueError(\"boom\")\n" &&
    tui_keys r && tui_wait "Your code" && tui_keys C-e && tui_wait "raise ValueError" &&
    tui_keys C-s && tui_wait "ERROR" && tui_wait "ValueError: boom" &&
    tui_wait "Traceback (most recent call last):" && tui_wait "File \"answer.py\", line 5, in helper"
'

test_expect_success 'long output is trimmed with a count of the lines left out' '
    next "def square(n):\n    for i in range(50):\n        print(\"line\", i)\n    return n * n\n" &&
    tui_keys r && tui_wait "Your code" && tui_keys C-e && tui_wait "range(50)" &&
    tui_keys C-s && tui_wait "PASS" && tui_wait "line 0" && tui_wait "more lines)" &&
    tui_lacks "line 49" && tui_keys Escape && tui_quit
'

test_done
