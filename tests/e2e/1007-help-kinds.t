#!/bin/bash
# Every place that lists the drill kinds lists all of them: the table of
# kinds (what `pydrill new` names when asked for none) is the truth, and
# `pydrill --help`, `pydrill help new`, the man page and the authoring
# guide must each name every kind in it.
. "$(dirname "$0")/lib.sh"

kinds=$("$PYDRILL" new 2>&1 | sed -n 's/.*which kind? //p' | sed 's/,\| or / /g')

test_expect_success 'the kinds are known (pydrill new names them)' '
    test "$(echo $kinds | wc -w)" -ge 6 && case " $(echo $kinds) " in *" parsons "*) ;; *) false ;; esac
'
test_expect_success 'pydrill --help names every kind' '
    pydrill --help >out &&
    line=$(grep "^Kinds:" out) &&
    for k in $kinds; do case " $line " in *" $k"[\ .]*) ;; *) echo "--help lacks $k: $line"; exit 1 ;; esac; done
'
test_expect_success 'pydrill help new names every kind' '
    pydrill help new >out && for k in $kinds; do contains out "$k" || exit 1; done
'
test_expect_success 'the man page names every kind where it lists them' '
    line=$(grep -i "KIND:" "$TOP/doc/pydrill.1") &&
    for k in $kinds; do case "$line" in *"$k"*) ;; *) echo "pydrill.1 lacks $k: $line"; exit 1 ;; esac; done
'
test_expect_success 'the authoring guide names every kind where it lists them' '
    for k in $kinds; do grep -q "^| \`$k\` |" "$TOP/docs/authoring.md" || { echo "no row for $k"; exit 1; }; done
'
test_done
