#!/bin/bash
# The command line: help, version, list, show, new, usage errors.
. "$(dirname "$0")/lib.sh"
E="$FIXTURES/e2e/engine.json"

test_expect_success '--help lists every command and exits 0' '
    pydrill --help >out &&
    contains out "pydrill [quiz]" &&
    for c in list show run grade check new export; do contains out "pydrill $c" || return 1; done
'
test_expect_success '--version names pydrill, the embedded Python and the sandbox' '
    pydrill --version >out &&
    contains out "pydrill " && contains out "Python 3." && contains out "sandbox:"
'
test_expect_success 'an unknown command is a usage error (exit 2)' '
    expect_code 2 pydrill frobnicate 2>err && contains err "unknown command \"frobnicate\""
'
test_expect_success 'list groups drills by topic with kind and level' '
    pydrill list --pack "$E" >out &&
    contains out "functions" && contains out "md-fix" && contains out "fix" && contains out "L2" &&
    contains out "is-repl"
'
test_expect_success 'list --format json is valid JSON with every drill' '
    pydrill list --pack "$E" --format json >out.json &&
    /usr/bin/python3 -c "import json,sys; d=json.load(open(\"out.json\")); assert len(d)==7, len(d); assert {x[\"kind\"] for x in d}=={\"fix\",\"write\",\"predict\",\"choice\",\"explain\"}"
'
test_expect_success 'list with an unknown format exits 2' '
    expect_code 2 pydrill list --pack "$E" --format xml 2>err && contains err "unknown format"
'
test_expect_success 'list finds ./drills.json when no catalog is given' '
    mkdir cat && cp "$E" cat/engine.json &&
    printf "{\"format\":\"pydrill/1\",\"title\":\"Here\",\"packs\":[\"engine.json\"]}" >cat/drills.json &&
    (cd cat && pydrill list >../out) && contains out "Here (7 drills)"
'
test_expect_success 'PYDRILL_CATALOG is used when set' '
    PYDRILL_CATALOG="$PWD/cat/drills.json" pydrill list >out && contains out "Here (7 drills)"
'
test_expect_success 'no catalog anywhere is a clear error (exit 2)' '
    mkdir empty && (cd empty && expect_code 2 pydrill list 2>../err) && contains err "no catalog"
'
test_expect_success 'show prints the prompt and code, hides hidden tests and the solution' '
    pydrill show md-fix --pack "$E" >out &&
    contains out "append_to must return a fresh list" && contains out "def append_to(x, lst=[]):" &&
    contains out "and 1 hidden test" && lacks out "append_to(3, [0])" && lacks out "lst is None"
'
test_expect_success 'show --solution adds the solution and explanation' '
    pydrill show md-fix --solution --pack "$E" >out &&
    contains out "lst is None" && contains out "Defaults are evaluated once"
'
test_expect_success 'show of an unknown id exits 2' '
    expect_code 2 pydrill show nope --pack "$E" 2>err && contains err "no drill with id \"nope\""
'
for k in predict fix write choice explain; do
test_expect_success "new $k prints a template that passes check" "
    pydrill new $k >$k.json &&
    /usr/bin/python3 -c 'import json,sys; d=json.load(open(\"$k.json\")); json.dump({\"format\":\"pydrill/1\",\"pack\":\"n\",\"title\":\"n\",\"drills\":[d]}, open(\"p-$k.json\",\"w\"))' &&
    pydrill check --pack p-$k.json >out && contains out '1 ok'
"
done
test_expect_success 'new with an unknown kind exits 2' '
    expect_code 2 pydrill new essay 2>err && contains err "unknown kind"
'
test_expect_success 'export with no saved progress writes an empty answers file' '
    pydrill export >out.json &&
    /usr/bin/python3 -c "import json; d=json.load(open(\"out.json\")); assert d[\"format\"]==\"pydrill-answers/1\" and d[\"answers\"]=={}"
'
test_expect_success 'export with an unknown option exits 2' '
    expect_code 2 pydrill export --bogus 2>err
'
test_expect_success 'export --interviews on a folder it cannot read says so, exit 2, never "none kept"' '
    XDG_STATE_HOME=/etc/passwd expect_code 2 pydrill export --interviews 2>err &&
    contains err "cannot read /etc/passwd/pydrill/interviews: Not a directory" && lacks err "no interviews kept" &&
    if [ "$(id -u)" -ne 0 ]; then
        mkdir -p locked/pydrill/interviews && chmod 000 locked/pydrill/interviews &&
        XDG_STATE_HOME=$PWD/locked expect_code 2 pydrill export --interview 1 2>err &&
        chmod 700 locked/pydrill/interviews &&
        contains err "interviews: Permission denied" && lacks err "has kept 0"
    fi
'
test_expect_success 'export -o into the state folder is refused before anything is written (it holds the only copies)' '
    mkdir -p "$XDG_STATE_HOME/pydrill/interviews" && echo "{\"format\": \"keep me\"}" >"$XDG_STATE_HOME/pydrill/progress.json" &&
    expect_code 2 pydrill export -o "$XDG_STATE_HOME/pydrill/progress.json" 2>err &&
    contains err "is inside the quiz'"'"'s state folder" &&
    expect_code 2 pydrill export --interview 1 -o "$XDG_STATE_HOME/pydrill/interviews/x.json" 2>err &&
    contains err "is inside the quiz'"'"'s state folder" &&
    ln -s "$XDG_STATE_HOME/pydrill" st && expect_code 2 pydrill export -o st/progress.json 2>err &&
    test "$(cat "$XDG_STATE_HOME/pydrill/progress.json")" = "{\"format\": \"keep me\"}" &&
    rm -rf st "$XDG_STATE_HOME/pydrill"
'
test_expect_success 'list: a pack without a catalog title starts with its first topic, not a blank line' '
    pydrill list --pack "$TOP/drills/gotchas.json" >out &&
    test -n "$(head -n 1 out)" && test "$(grep -c "^$" out)" -eq "$(($(grep -c "^[a-z]" out) - 1))"
'

test_expect_success 'help lists every command form the README does' '
    pydrill --help >out &&
    contains out "[--drill ID ...] [--from LIST] SUBMISSION..." &&
    contains out "pydrill export  --interviews | --interview N"
'

test_done
