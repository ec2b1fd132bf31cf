#!/bin/bash
# The list screen: grouping, header, help overlay, search, topic filter, moving, quitting.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'the list opens with the pack title, progress and due count' '
    tui_start -- --pack "$PACK" &&
    tui_wait "pydrill │ TUI test pack" &&
    tui_wait "0/5 passed" &&
    tui_wait "0 due"
'

test_expect_success 'drills are grouped by topic with kind, level and a not-tried glyph' '
    tui_screen >s &&
    contains s " functions" && contains s " memory" && contains s " concurrency" &&
    contains s "· predict L1  Mutable default argument" &&
    contains s "· choice  L2  What the GIL serialises" &&
    contains s "mutable-default-fix"
'

test_expect_success 'j and k move the selection, skipping topic headers' '
    tui_wait "▶ · predict" &&
    tui_keys j && tui_wait "▶ · fix" &&
    tui_keys j && tui_wait "▶ · write" &&
    tui_keys k k && tui_wait "▶ · predict" &&
    tui_keys Down && tui_wait "▶ · fix" && tui_keys Up && tui_wait "▶ · predict"
'

test_expect_success '? shows the help overlay with every key; it scrolls; any other key closes it' '
    tui_keys "?" && tui_wait " Keys " &&
    tui_screen >s &&
    contains s "Ctrl-S        submit" && contains s "Ctrl-R  run the visible tests" &&
    contains s "Ctrl-T        next hint" && contains s "Ctrl-O        \$VISUAL/\$EDITOR" &&
    contains s "Ctrl-Z        undo               Ctrl-Y  redo" &&
    contains s "Ctrl-K        delete to the end  Ctrl-U  delete to the start" &&
    contains s "d / D         reset this drill / everything" &&
    contains s "n             open the next drill not passed yet" &&
    contains s "t / T         next / previous topic filter" &&
    contains s "p             past interviews" &&
    contains s "Marks: ✓ passed  ✗ failed  · not tried  ↻ due  ◐ passed after reveal" &&
    tui_wait "j/k scroll, any other key closes" &&
    tui_keys NPage NPage && tui_wait "Press any key to close." &&
    tui_screen >s && contains s "n next drill  u next unsolved  r retry" &&
    contains s "a / h / g     explain drills: grade yourself again / hard / good" &&
    contains s "x export text   X export HTML" &&
    tui_keys x && tui_wait_gone " Keys " &&
    tui_lacks "exported"
'

test_expect_success '/ searches as you type; Enter keeps the filter, Esc clears it' '
    tui_keys / && tui_type "square" && tui_wait "search: square_" &&
    tui_wait_gone "Mutable default argument" &&
    tui_wait "Write square" &&
    tui_keys Enter && tui_wait_gone "search: square_" && tui_wait "search: square" &&
    tui_lacks "Mutable default argument" &&
    tui_keys Escape && tui_wait "Mutable default argument" && tui_wait "search: -"
'

test_expect_success 'a search with no match says so' '
    tui_keys / && tui_type "zzzz" && tui_wait "No drill matches" &&
    tui_keys Escape && tui_wait "Write square"
'

test_expect_success 't cycles the topic filter and back to all' '
    tui_keys t && tui_wait "topic: functions" && tui_lacks "Write square" &&
    tui_keys t && tui_wait "topic: basics" && tui_lacks "Mutable default argument" &&
    tui_keys t t && tui_wait "topic: memory" &&
    tui_keys t && tui_wait "topic: all" && tui_wait "Write square"
'

test_expect_success 'T cycles the topic filter backwards' '
    tui_keys T && tui_wait "topic: memory" && tui_lacks "Write square" &&
    tui_keys T && tui_wait "topic: concurrency" &&
    tui_keys T T && tui_wait "topic: functions" &&
    tui_keys T && tui_wait "topic: all" && tui_keys t && tui_wait "topic: functions" &&
    tui_keys T && tui_wait "topic: all"
'

test_expect_success 'q quits with status 0 and gives the terminal back' '
    tui_quit
'

test_expect_success '--topic starts filtered' '
    tui_start -- --pack "$PACK" --topic memory &&
    tui_wait "topic: memory" && tui_lacks "Write square" && tui_quit
'

test_done
