#!/bin/bash
# The state file (SPEC 5: "a corrupt state file is set aside with a
# message, never silently overwritten"): a file with a value of the wrong
# type or range is set aside like an unparseable one; pydrill export only
# reads it (a corrupt one: exit 2, the file left where it is); export's
# --interviews and --interview N do not go together.
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"
S="$XDG_STATE_HOME/pydrill"
BAD='{"format":"pydrill-state/1","entries":{"mutable-default-predict":{"draft":5,"passed":"x","attempts":-3,"best_score":1e308,"card":{"ease":"a","due":-1e308}}}}'

test_expect_success 'bad values: set aside with a message naming the value, never rewritten' '
    mkdir -p "$S" && printf "%s" "$BAD" >"$S/progress.json" &&
    tui_start -- --pack "$PACK" && tui_wait "was not a pydrill state file (/entries/mutable-default-predict/" &&
    tui_wait "set aside as" && tui_wait "score 0.0/5" && tui_quit &&
    ls "$S" >ls.out && test "$(grep -c "^progress.json.corrupt-" ls.out)" -eq 1 &&
    test "$(cat "$S"/progress.json.corrupt-*)" = "$BAD" && lacks "$S/progress.json" "1e308" &&
    lacks "$S/progress.json" "\"x\""
'

test_expect_success 'pydrill export on a corrupt state file: exit 2, says so, moves nothing' '
    rm -rf "$S" && mkdir -p "$S" && printf "%s" "$BAD" >"$S/progress.json" &&
    expect_code 2 pydrill export >out 2>err && test ! -s out &&
    contains err "$S/progress.json: error: not a pydrill state file (/entries/mutable-default-predict/" &&
    ls "$S" >ls.out && test "$(cat ls.out)" = progress.json && test "$(cat "$S/progress.json")" = "$BAD" &&
    printf "{ not json" >"$S/progress.json" && expect_code 2 pydrill export -o answers.json 2>err &&
    contains err "not valid JSON" && test ! -e answers.json && test "$(ls "$S")" = progress.json
'

test_expect_success 'pydrill export creates no state folder when there is none' '
    rm -rf "$S" && pydrill export >out && contains out "pydrill-answers/1" && test ! -e "$S"
'

test_expect_success 'export --interviews with --interview N is a usage error' '
    expect_code 2 pydrill export --interviews --interview 1 >out 2>err && test ! -s out &&
    contains err "pydrill: error: export: --interviews lists them, --interview N writes one" &&
    expect_code 2 pydrill export --interview 1 --interviews 2>err && contains err "give one of the two"
'

test_done
