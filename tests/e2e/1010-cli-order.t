#!/bin/bash
# The command line read as README says (newcomer7 F9): options anywhere,
# before the command too; help and --version with what a user would give
# them; --help that fits an 80-column terminal; one prefix and one path
# a message in the text report.
. "$(dirname "$0")/lib.sh"
E="$FIXTURES/e2e/engine.json"
PY=/usr/bin/python3
COMMANDS="quiz list show run grade report trace check new export"

test_expect_success 'options before the command are the command'"'"'s: --pack F list, --catalog F grade' '
    pydrill list --pack "$E" >want &&
    pydrill --pack "$E" list >out && cmp want out &&
    pydrill --pack="$E" list >out && cmp want out &&
    pydrill --pack "$E" --format json list >out.json && $PY -c "import json; json.load(open(\"out.json\"))" &&
    printf "{\"format\":\"pydrill/1\",\"title\":\"T\",\"packs\":[\"%s\"]}" "$E" >drills.json &&
    printf "{\"format\":\"pydrill-answers/1\",\"candidate\":\"a\",\"answers\":{}}" >a.json &&
    expect_code 1 pydrill --catalog drills.json grade a.json >out 2>err &&
    contains out "a (a.json): 0/" && lacks err "quiz" &&
    expect_code 1 pydrill -o r.txt --catalog drills.json -q grade a.json 2>err && contains r.txt "a (a.json)" &&
    expect_code 1 pydrill -qor2.txt --catalog drills.json grade a.json 2>err && contains r2.txt "a (a.json)"
'

test_expect_success 'an option'"'"'s value that names a command is its value, not the command' '
    # --format list: list is the format asked for, and list (the command) says it is none
    expect_code 2 pydrill --format list --pack "$E" list 2>err && contains err "list: " && contains err "\"list\"" &&
    # --topic list and nothing else: the quiz, with list its topic (no terminal here)
    expect_code 2 pydrill --topic list --pack "$E" </dev/null >out 2>err && lacks err "unexpected argument"
'

test_expect_success 'a word after the options that is no command is named as such' '
    expect_code 2 pydrill --pack "$E" lsit >out 2>err &&
    contains err "unexpected argument \"lsit\" (the quiz takes none; pydrill --help lists the commands)" &&
    test ! -s out
'

# Every option of every command (from the sources), before the command:
# one that takes a value takes the next word (list stays the command,
# which then refuses the option); one that takes none leaves list the
# command. A name main.c does not know would go to the quiz.
test_expect_success 'main knows every option of every command, and whether it takes a value' '
    opts=$(grep -ho "{ \"[a-z-]*\", required_argument" "$TOP"/src/cmd.h "$TOP"/src/cmd_*.c | cut -d\" -f2 | sort -u) &&
    flags=$(grep -ho "{ \"[a-z-]*\", no_argument" "$TOP"/src/cmd.h "$TOP"/src/cmd_*.c | cut -d\" -f2 | sort -u) &&
    test -n "$opts" && test -n "$flags" &&
    for o in $opts; do
        pydrill --$o X list --pack "$E" >out 2>err
        grep -q "quiz\|unexpected argument" err && { echo "--$o:"; cat err; exit 1; }
    done &&
    for o in $flags; do
        [ "$o" = help ] && continue
        pydrill --$o list --pack "$E" >out 2>err
        grep -q "quiz\|unexpected argument" err && { echo "--$o:"; cat err; exit 1; }
    done &&
    letters=$(grep -ho "argv, \"[a-zA-Z:]*\", longopts" "$TOP"/src/cmd_*.c | cut -d\" -f2 | grep -o "[a-zA-Z]:" | tr -d : | sort -u) &&
    test -n "$letters" &&
    for l in $letters; do
        pydrill -$l X list --pack "$E" >out 2>err
        grep -q "quiz\|unexpected argument" err && { echo "-$l:"; cat err; exit 1; }
    done
    :
'

test_expect_success 'help help shows help'"'"'s usage; help takes one command' '
    expect_code 0 pydrill help help >out 2>err && contains out "usage: pydrill help [COMMAND]" && test ! -s err &&
    expect_code 2 pydrill help list show >out 2>err && contains err "unexpected argument \"show\"" && test ! -s out
'

test_expect_success '--version and -V with an argument are a usage error' '
    expect_code 2 pydrill --version extra >out 2>err && contains err "--version: unexpected argument \"extra\"" &&
    test ! -s out &&
    expect_code 2 pydrill -V extra >out 2>err && contains err "-V: unexpected argument"
'

test_expect_success 'every command'"'"'s --help fits 80 columns' '
    pydrill --help >help.txt && pydrill help help >>help.txt &&
    for c in $COMMANDS; do pydrill $c --help >>help.txt || exit 1; done &&
    $PY -c "
import sys
bad = [l for l in open(\"help.txt\", encoding=\"utf-8\").read().split(\"\n\") if len(l) > 80]
for l in bad: print(len(l), l)
sys.exit(1 if bad else 0)"
'

test_expect_success 'the text report says a warning with one prefix' '
    printf "{\"format\":\"pydrill-answers/1\",\"candidate\":\"me\",\"answers\":{\"nosuch\":\"x\"}}" >u.json &&
    expect_code 1 pydrill grade --pack "$E" u.json >out 2>err &&
    contains out "  u.json: warning: answer for unknown drill \"nosuch\"" && lacks out "warning: u.json"
'

test_expect_success 'an unreadable name that is not UTF-8 is named once, escaped, in the report' '
    bad=$(printf "bad\377.json") &&
    expect_code 2 pydrill grade --pack "$E" "$bad" >out 2>err &&
    contains out "bad\\xff.json: error: cannot open: No such file" && lacks out "$(printf "\357\277\275")" &&
    test "$(grep -c "bad" out)" = 1 && test "$(grep -o "error:" out | wc -l)" = 1 &&
    expect_code 2 pydrill grade --pack "$E" --format json "$bad" >out.json 2>err &&
    $PY -c "
import json
s = json.load(open(\"out.json\"))[\"submissions\"][0]
assert s[\"error\"].startswith(s[\"source\"] + \": error: \"), s"
'

test_expect_success 'numbers are digits: a space, a sign, hex or an exponent is a usage error' '
    for v in " 3" "+3" "3 " 0x3; do
        expect_code 2 pydrill --count "$v" --pack "$E" </dev/null 2>err && contains err "--count needs" || exit 1
        expect_code 2 pydrill export --interview "$v" 2>err && contains err "--interview needs" || exit 1
        expect_code 2 pydrill grade -j "$v" --pack "$E" x.json 2>err && contains err "-j" || exit 1
    done &&
    for v in " 3" "+3" 0x10 1e1 . 0 0.0; do
        expect_code 2 pydrill --minutes "$v" --pack "$E" </dev/null 2>err && contains err "--minutes needs" || exit 1
    done &&
    for v in .5 2. 0.25; do
        expect_code 2 pydrill --minutes "$v" --pack "$E" </dev/null 2>err && lacks err "--minutes" || exit 1
    done
'

test_expect_success 'README'"'"'s Environment table names every variable pydrill reads' '
    sed -n "/^### Environment/,/^### /p" "$TOP/README.md" >env.md && test -s env.md &&
    names=$( (grep -ho "getenv(\"[A-Z_]*\")" "$TOP"/src/*.c | cut -d\" -f2;
              grep -ho "define ENV_[A-Z_]* \"[A-Z_]*\"" "$TOP"/src/*.c | cut -d\" -f2) |
            grep -E "^(PYDRILL_|TMPDIR$|NO_COLOR$|XDG_STATE_HOME$|VISUAL$|EDITOR$|JOB_COMPLETION_INDEX$)" | sort -u) &&
    test -n "$names" &&
    for v in $names; do contains env.md "\`$v\`" || exit 1; done
'

test_expect_success 'HOME=/ and an XDG_STATE_HOME ending in / give paths with one slash' '
    (unset XDG_STATE_HOME; HOME=/ pydrill export --interviews >out 2>err) ;
    contains err "/.local/state/pydrill" && lacks err "//" &&
    XDG_STATE_HOME="$PWD/st/" pydrill export --interviews >out 2>err &&
    contains err "$PWD/st/pydrill/interviews" && lacks err "//"
'

test_done
