#!/bin/bash
# Bytes in (tui_crt.c): whatever the locale, a key or paste never takes the
# keys after it with it. Under LANG=C a UTF-8 character is kept as typed
# (drawn as one ?) with a message; a byte that is no character comes in as
# U+FFFD with a message; a paste over 1 MiB keeps its whole lines and says
# that it was cut.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$XDG_STATE_HOME/pydrill/progress.json"

# draft ID : the saved draft of drill ID, as bytes
draft() {
    /usr/bin/python3 -c 'import json, sys; sys.stdout.buffer.write(json.load(open(sys.argv[1], encoding="utf-8"))["entries"][sys.argv[2]]["draft"].encode())' "$P" "$1"
}

test_expect_success 'LANG=C: é typed in the answer box keeps the keys after it (one ?, kept as é)' '
    tui_start LC_ALL=C LANG=C -- --pack "$PACK" && tui_wait "> . predict" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" && tui_type "xé12345678" && tui_wait " x?12345678" &&
    tui_wait "Kept as typed (UTF-8), shown as ?: this locale (ANSI_X3.4-1968) cannot show it." && tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    test "$(draft mutable-default-predict)" = "xé12345678"
'

test_expect_success 'LANG=C: a bracketed paste with é in it goes in whole' '
    rm -f "$P" && tui_start LC_ALL=C LANG=C -- --pack "$PACK" && tui_wait "> . predict" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" &&
    tmux -L "$TUI_SOCK" set-buffer -b p "abc é def
line two
line three" && tmux -L "$TUI_SOCK" paste-buffer -p -b p -t t &&
    tui_wait "line three" && tui_wait " abc ? def" && tui_wait " line two" &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    test "$(draft mutable-default-predict)" = "$(printf "abc é def\nline two\nline three")"
'

test_expect_success 'a byte that is no character comes in as U+FFFD with a message, the rest kept' '
    rm -f "$P" && tui_start -- --pack "$PACK" && tui_wait "▶ · predict" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" &&
    # the byte as a key, in hex: a newer tmux writes an invalid byte in a
    # paste buffer out as text ("M^?") before pydrill could see it
    tui_type "a" && tui_keys -H ff &&
    tui_wait "A byte that is no character (in UTF-8) came in as � (U+FFFD)." &&
    tui_type "b tail" && tui_wait "a�b tail" &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    test "$(draft mutable-default-predict)" = "a�b tail"
'

test_expect_success 'a paste over 1 MiB keeps its whole lines and says it was cut' '
    /usr/bin/python3 -c "import sys; sys.stdout.write(\"\".join(\"line %06d\n\" % i for i in range(1, 100001)))" >big.txt &&
    rm -f "$P" && tui_start -- --pack "$PACK" && tui_wait "▶ · predict" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" &&
    tmux -L "$TUI_SOCK" load-buffer -b big big.txt && tmux -L "$TUI_SOCK" paste-buffer -p -b big -t t &&
    tui_wait "The paste was over 1 MiB: its first 87381 lines went in; the rest" &&
    tui_wait " line 087381" && tui_lacks "line 087382" && tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    draft mutable-default-predict >kept && test "$(wc -l <kept)" -eq 87381 && test "$(tail -n 1 kept)" = "line 087381"
'

test_expect_success 'a paste over 1 MiB in one line says how many bytes went in, not "0 lines"' '
    /usr/bin/python3 -c "import sys; sys.stdout.write(\"x\" * 1500000)" >long.txt &&
    rm -f "$P" && tui_start -- --pack "$PACK" && tui_wait "▶ · predict" && tui_keys Enter &&
    tui_wait "Your answer: what it prints" &&
    tmux -L "$TUI_SOCK" load-buffer -b long long.txt && tmux -L "$TUI_SOCK" paste-buffer -p -b long -t t &&
    tui_wait "The paste was over 1 MiB in one line: its first 1048576 bytes went in; the rest (451424 bytes)" &&
    tui_lacks "first 0 lines" && tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    test "$(draft mutable-default-predict | wc -c)" -eq 1048576
'

test_done
