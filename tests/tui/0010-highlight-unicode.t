#!/bin/bash
# Python syntax highlighting (by the interpreter's tokenize module), UTF-8
# prompts and answers, and the bundled catalog opening.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
UPACK="$TUI_FIX/unicode.json"

# the SGR sequence in front of a word on the captured screen
sgr_before() { grep -o $'\e\[[0-9;]*m'"$1" s | head -n 1 | sed "s/$1\$//"; }

test_expect_success 'the drill code is coloured by token class' '
    tui_start -- --pack "$UPACK" && tui_wait "Strings → café" && tui_keys Enter &&
    tui_wait "s = '"'"'café'"'"'" && tui_screen -e >s &&
    kw=$(sgr_before "print") && str=$(sgr_before "'"'"'café'"'"'") &&
    num=$(sgr_before "0x1F") && com=$(sgr_before "# 4 characters") &&
    test -n "$kw" && test -n "$str" && test -n "$num" && test -n "$com" &&
    test "$kw" != "$str" && test "$str" != "$num" && test "$num" != "$com"
'

test_expect_success 'UTF-8 prompt, title and typed answer' '
    tui_wait "ünïcödé prompt" &&
    tui_type "CAFÉ 4" && tui_keys Enter && tui_type "32" && tui_wait "CAFÉ 4" &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "len counts code points: é is one." &&
    tui_keys Escape && tui_quit
'

test_expect_success 'the editor colours the answer as it is typed' '
    tui_start -- --pack "$PACK" --topic basics && tui_wait "Write square" && tui_keys Enter &&
    tui_wait "1│ def square(n):" && tui_screen -e >s &&
    test -n "$(sgr_before "def")" && test -n "$(sgr_before "pass")" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'a drill whose requires are unmet says why and grades as skipped' '
    tui_start -- --pack "$UPACK" && tui_wait "Needs a future Python" && tui_keys j Enter &&
    tui_wait "Which is true?" && tui_wait "3.99" && tui_keys a Enter &&
    tui_wait "SKIPPED" && tui_keys Escape && tui_wait "- choice  L3  Needs a future Python" && tui_quit
'

if [ -f "$TOP/drills.json" ]; then
    test_expect_success 'the bundled catalog opens on its title' '
        title=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"title\"])" "$TOP/drills.json") &&
        tui_start -- --catalog "$TOP/drills.json" && tui_wait "$title" && tui_wait "passed" && tui_quit
    '
else
    test_skip 'the bundled catalog opens' 'no drills.json'
fi

test_done
