#!/bin/bash
# Small things: n on an empty list says it is empty; in a choice drill
# Up/Down move a highlight and Space selects it (letters and Enter as
# before); at 40x12 the help overlay wraps its lines and list rows keep
# part of the title.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

test_expect_success 'n on an empty search result says the list is empty' '
    tui_start -- --pack "$PACK" && tui_wait "Mutable default argument" && tui_keys / &&
    tui_type "zzzqqq" && tui_keys Enter && tui_wait "No drill matches" && tui_keys n &&
    tui_wait "The list is empty: no drill matches the search (Esc clears it)." && tui_lacks "Every drill" &&
    tui_keys Escape && tui_wait "Mutable default argument" && tui_quit
'

test_expect_success 'choice: Up/Down move the highlight, Space selects, Enter submits' '
    tui_start -- --pack "$PACK" --topic concurrency && tui_wait "What the GIL serialises" && tui_keys Enter &&
    tui_wait "▶ ( ) a) Disk I/O" && tui_keys Down Down && tui_wait "▶ ( ) c) Network calls" &&
    tui_keys Space && tui_wait "▶ (•) c) Network calls" && tui_keys Up && tui_wait "▶ ( ) b) Execution" &&
    tui_keys Space && tui_wait "▶ (•) b) Execution" && tui_wait "  ( ) c) Network calls" &&
    tui_keys Enter && tui_wait "PASS   score 1.00" && tui_keys Escape && tui_quit
'

test_expect_success '40x12: the help overlay wraps its lines rather than cutting them' '
    TUI_W=40 TUI_H=12 tui_start -- --pack "$PACK" && tui_wait "topic: all" && tui_keys "?" &&
    tui_wait "open the next" && tui_wait "drill not passed" && tui_keys j j j && tui_wait "yet" &&
    tui_keys q && tui_wait_gone "Keys"
'

test_expect_success '40x12: list rows keep part of the title beside a shortened id' '
    tui_wait "Mutable de" && tui_wait "mutable-default-p…" && tui_wait "Write square" && tui_quit
'

test_done
