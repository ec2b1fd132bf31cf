#!/bin/bash
# Each kind answered wrong and then right: predict and explain (text box),
# choice (letters), fix and write (editor, run in a child); hints; the
# result screen's keys n, r and Esc.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'predict: open, show the code, reveal hints one at a time' '
    tui_start -- --pack "$PACK" &&
    tui_wait "Mutable default argument" && tui_keys Enter &&
    tui_wait "What does this print?" && tui_wait "def f(x, acc=[]):" &&
    tui_wait "Your answer: what it prints" &&
    tui_keys C-t && tui_wait "Hint 1/2: The default is evaluated once." && tui_lacks "Hint 2/2" &&
    tui_keys C-t && tui_wait "Hint 2/2: Both calls share one list." &&
    tui_keys C-t && tui_wait "No more hints."
'

test_expect_success 'predict wrong: FAIL, with the real output against the answer' '
    tui_type "[1]" && tui_keys Enter && tui_type "[2]" && tui_keys C-s &&
    tui_wait "FAIL   score 0.50" &&
    tui_wait "- [1, 2]" && tui_wait "+ [2]" &&
    tui_wait "Default values are evaluated once"
'

test_expect_success 'r retries with the answer kept; predict right: PASS' '
    tui_keys r && tui_wait "Your answer: what it prints" && tui_wait "[2]" &&
    tui_keys BSpace BSpace && tui_type "1, 2]" && tui_keys C-s &&
    tui_wait "PASS   score 1.00" && tui_wait "you took"
'

test_expect_success 'n goes to the next drill of the list (the fix drill)' '
    tui_keys n && tui_wait "Fix the shared default list" &&
    tui_wait "1│ def append_to(x, lst=[]):"
'

test_expect_success 'fix: Ctrl-R runs only the visible tests and stays in the editor' '
    tui_keys C-r && tui_wait "Visible tests (Ctrl-R)" &&
    tui_wait "✗ second call gets a fresh list  [fail]" &&
    tui_wait "visible tests: 1 of 2 passed" &&
    tui_lacks "hidden tests passed" && tui_wait "Your code"
'

test_expect_success 'fix wrong: the result shows expected and actual, hidden tests as a count' '
    tui_keys C-s && tui_wait "FAIL" &&
    tui_wait "expected [2], got [1, 2]" &&
    tui_wait "hidden tests passed" && tui_wait "ran in"
'

test_expect_success 'fix right: PASS with every test and the hidden count' '
    tui_keys r && tui_wait "Your code" &&
    tui_keys End BSpace BSpace BSpace BSpace && tui_type "None):" && tui_keys Enter &&
    tui_type "if lst is None:" && tui_keys Enter && tui_type "lst = []" &&
    tui_wait "3│         lst = []" &&
    tui_keys C-s && tui_wait "PASS   score 1.00" &&
    tui_wait "✓ second call gets a fresh list" && tui_wait "1 of 1 hidden tests passed"
'

test_expect_success 'Esc on the result goes back to the list: passed after reveal, marked so' '
    tui_keys Escape && tui_wait "0/5 passed +2 after reveal" && tui_wait "score 1.2/5" &&
    tui_wait "◐ predict" && tui_wait "◐ fix"
'

test_expect_success 'write wrong (the stub): FAIL; a syntax error: SYNTAX' '
    tui_keys j && tui_wait "▶ · write" && tui_keys Enter && tui_wait "1│ def square(n):" &&
    tui_keys C-s && tui_wait "FAIL" && tui_wait "0 of 1 hidden tests passed" &&
    tui_keys r && tui_wait "Your code" && tui_keys Down End && tui_type " +" && tui_keys C-s &&
    tui_wait "SYNTAX"
'

test_expect_success 'write right: PASS' '
    tui_keys r && tui_wait "Your code" && tui_keys BSpace BSpace BSpace BSpace BSpace BSpace &&
    tui_type "return n * n" && tui_wait "2│     return n * n" && tui_keys C-s &&
    tui_wait "PASS   score 1.00" && tui_keys Escape && tui_wait "0/5 passed +3 after reveal"
'

test_expect_success 'choice: one right answer, so radio marks' '
    tui_keys j && tui_wait "▶ · choice" && tui_keys Enter &&
    tui_wait "( ) a) Disk I/O" && tui_keys a && tui_wait "(•) a) Disk I/O" &&
    tui_keys c && tui_wait "(•) c) Network calls" && tui_wait "( ) a) Disk I/O" && tui_lacks "[ ]"
'

test_expect_success 'choice wrong: each option once, with its text, the choice and the right one' '
    tui_keys Enter && tui_wait "FAIL   score 0.00" && tui_wait "Your choice and the right one" &&
    tui_wait "( ) b) Execution of Python bytecode   ✓ the right answer" &&
    tui_wait "(•) c) Network calls   ✗ not right" && tui_wait "( ) a) Disk I/O" &&
    tui_screen >s && test "$(grep -c "Network calls" s)" -eq 1 && lacks s "you chose"
'

test_expect_success 'choice right: PASS' '
    tui_keys r && tui_wait "(•) c) Network calls" && tui_keys b && tui_keys C-s &&
    tui_wait "PASS   score 1.00" && tui_wait "(•) b) Execution of Python bytecode   ✓ right" &&
    tui_wait "Only one thread executes Python bytecode"
'

test_expect_success 'explain wrong: FAIL with the points hit and missed; right: PASS and the model answer' '
    tui_keys Escape && tui_wait "0/5 passed +4 after reveal" && tui_keys j && tui_wait "▶ · explain" &&
    tui_keys Enter && tui_wait "Your answer, in words" && tui_type "It is freed at some point." && tui_keys C-s &&
    tui_wait "FAIL" && tui_wait "Rubric: 0 of 2 points" && tui_wait "✗ " &&
    tui_keys r && tui_wait "Your answer, in words" &&
    tui_keys End && tui_type " When the reference count drops to zero; the cycle collector finds cycles." &&
    tui_keys C-s && tui_wait "PASS   score 1.00" && tui_wait "Rubric: 2 of 2 points" && tui_wait "A model answer" &&
    tui_keys Escape && tui_wait "0/5 passed +5 after reveal"
'

test_expect_success 'n after the last drill of the list says so' '
    tui_keys Enter && tui_wait "Your answer, in words" && tui_keys C-s && tui_wait "PASS" &&
    tui_keys n && tui_wait "That was the last drill of the list." && tui_quit
'

test_done
