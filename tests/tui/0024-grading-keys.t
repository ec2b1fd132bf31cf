#!/bin/bash
# While a submitted answer is graded its keys are ignored (the answer is
# graded as it was sent and stays so); Esc abandons the run and drops the
# keys typed ahead with it.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
P="$XDG_STATE_HOME/pydrill/progress.json"

# The answer sleeps as it loads, so that the key surely comes while it is
# graded; the result screen is waited for by its verdict line (the header's
# "score 0.0/5" is there all along, and a wait on it let the next keys come
# while the answer was still graded).
test_expect_success 'a key typed right after Ctrl-S does not go into the answer' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys j Enter &&
    tui_wait "1│ def append_to(x, lst=[]):" && tui_type "import time; time.sleep(0.2)" && tui_keys Enter &&
    tui_wait "2│ def append_to(x, lst=[]):" && tui_keys C-s n && tui_wait "FAIL   score 0.67" &&
    tui_keys r && tui_wait "Your code" && tui_wait "2│ def append_to(x, lst=[]):" && tui_lacks "ndef" &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit && lacks "$P" "nndef"
'

test_expect_success 'a burst after Ctrl-S (Ctrl-S r Ctrl-S n Esc Enter) leaves the answer as it was' '
    rm -f "$P" && tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys j Enter &&
    tui_wait "1│ def append_to(x, lst=[]):" && tui_keys C-s C-s r C-s n Escape Enter &&
    tui_wait "grading cancelled: your answer is as it was" && tui_wait "2│     lst.append(x)" &&
    tui_wait "1│ def append_to(x, lst=[]):" && tui_lacks "│ rn" && tui_lacks "ndef" && tui_lacks "4│     lst" &&
    tui_keys Escape && tui_wait "topic: all" && tui_quit &&
    /usr/bin/python3 -c "
import json, sys
e = json.load(open(sys.argv[1]))[\"entries\"].get(\"mutable-default-fix\", {})
assert \"draft\" not in e or e[\"draft\"].startswith(\"def append_to(x, lst=[]):\n    lst.append\"), e
" "$P"
'

test_done
