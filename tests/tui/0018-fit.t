#!/bin/bash
# Screens that fit (SPEC 5): footers keep the help key at 80 columns and
# offer a key only where it does something; at 60x15 and 45x12 the header
# keeps progress and score (with its maximum) and every row its id; the
# "more" marker is never drawn over text; ASCII glyphs without UTF-8.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

footer() { tui_screen | tail -n 1; }
# footer_has TEXT / footer_lacks TEXT : the last line of the screen
footer_has() { footer | grep -qF -- "$1" || { echo "--- footer lacks: $1"; tui_screen; return 1; }; }
footer_lacks() { ! footer | grep -qF -- "$1" || { echo "--- footer has: $1"; tui_screen; return 1; }; }

test_expect_success '80x24: the list footer keeps ? help and q quit; the header shows the score maximum' '
    TUI_W=80 TUI_H=24 tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" &&
    footer_has "? help" && footer_has "q quit" && footer_has "Enter open" && footer_has "n next unsolved" &&
    tui_wait "score 0.0/5"
'

test_expect_success '80x24: a fix drill offers ^R and F1 help; no ^T without hints' '
    tui_keys j Enter && tui_wait "Your code" &&
    footer_has "F1 help" && footer_has "^R run tests" && footer_has "^S submit" && footer_has "Esc back" &&
    footer_has "^T hint" && tui_keys C-t && tui_wait "Hint 1/1" && footer_lacks "^T" &&
    tui_keys Escape && tui_keys j Enter && tui_wait "1│ def square(n):" && footer_lacks "^T" &&
    footer_has "F1 help"
'

test_expect_success '80x24: explain and choice drills: no ^R; ^T only with hints; ? help kept' '
    tui_keys Escape && tui_keys j j Enter && tui_wait "Your answer, in words" &&
    footer_lacks "^T" && footer_lacks "^R" && footer_has "F1 help" && footer_has "^O \$EDITOR" &&
    tui_keys Escape && tui_keys k Enter && tui_wait "a) Disk I/O" && footer_has "a-d choose" &&
    footer_has "? help" && footer_has "^T hint" && footer_lacks "^R"
'

test_expect_success '80x24: the result footer keeps ? help' '
    tui_keys b Enter && tui_wait "PASS" && footer_has "? help" && footer_has "n next drill" &&
    footer_has "r retry" && tui_keys Escape && tui_quit
'

test_expect_success '60x15: the header keeps progress and score' '
    TUI_W=60 TUI_H=15 tui_start -- --pack "$PACK" && tui_wait "mutable-default-predict" &&
    tui_screen | head -n 1 | grep -q "1/5 passed" && tui_screen | head -n 1 | grep -q "score 1.0/5" &&
    tui_screen | head -n 1 | grep -q "pydrill"
'

test_expect_success '60x15: the more marker sits on the separator line, not on the question' '
    tui_keys Enter && tui_wait "Your answer: what it prints" && tui_screen >s &&
    grep "more below: ^N" s | grep -q "Your answer: what it prints" &&
    tui_screen | head -n 1 | grep -q "mutable-default-predict" &&
    tui_keys C-n && tui_wait "more above: ^P" && tui_keys Escape && tui_quit
'

test_expect_success '45x12: every row keeps its id, the header progress and score' '
    TUI_W=45 TUI_H=12 tui_start -- --pack "$PACK" && tui_wait "mutable-default-predict" &&
    tui_screen >s && contains s "mutable-default-fix" && contains s "square-write" && contains s "gil-choice" &&
    head -n 1 s | grep -q "1/5" && head -n 1 s | grep -q "1.0/5" &&
    tui_keys G && tui_wait "refcount-explain"
'

test_expect_success '45x12: a drill header keeps the id; the choice marker has a row of its own' '
    tui_keys k Enter && tui_wait "What the GIL serialises" && tui_screen >s &&
    head -n 1 s | grep -q "gil-choice" && head -n 1 s | grep -q "1/5" &&
    tui_keys C-t && tui_wait "Hint 1/1" && tui_wait "more above: ^P" && tui_screen >s &&
    test -z "$(grep "more above" s | sed "s/more above: ^P//" | tr -d " ")" &&
    tui_keys C-p C-p C-p && tui_wait "more below: ^N" && tui_screen >s &&
    test -z "$(grep "more below" s | sed "s/more below: ^N//" | tr -d " ")" &&
    tui_keys Escape && tui_keys g Enter && tui_wait "Your answer" && tui_screen >s &&
    grep "more" s | grep -q "Your answer" && tui_keys Escape && tui_quit
'

test_expect_success 'without UTF-8: radio marks and results in ASCII' '
    tui_start LC_ALL=C LANG=C -- --pack "$PACK" --topic concurrency && tui_wait "What the GIL serialises" &&
    tui_keys Enter && tui_wait "( ) a) Disk I/O" && tui_keys c && tui_wait "(*) c) Network calls" &&
    tui_keys Enter && tui_wait "FAIL" && tui_wait "( ) b) Execution of Python bytecode   + the right answer" &&
    tui_screen >s && ! LC_ALL=C grep -q "[^ -~]" s &&
    tui_keys "?" && tui_wait "Marks: + passed  x failed  . not tried  ~ due  o passed after reveal" &&
    tui_screen >s && ! LC_ALL=C grep -q "[^ -~]" s && tui_keys q && tui_keys Escape && tui_quit
'

test_done
