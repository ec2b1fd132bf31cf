#!/bin/bash
# Shell completion (issue 15): the bash script completes commands, options,
# formats, kinds and drill ids from the catalog on the line; the zsh one
# parses; make install puts both where the shells look.
. "$(dirname "$0")/lib.sh"

PACK="$FIXTURES/batch/pack.json"
BASHC="$TOP/contrib/completion/pydrill.bash"
ZSHC="$TOP/contrib/completion/_pydrill"
mkdir bin && ln -s "$PYDRILL" bin/pydrill

# complete WORDS...: what bash offers for the last word
complete_words() {
    PATH="$TRASH/bin:$PATH" bash -c '
        . "$0"
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _pydrill
        printf "%s\n" "${COMPREPLY[@]}"' "$BASHC" "$@"
}

test_expect_success 'bash: commands, options and values' '
    complete_words pydrill gr >out && test "$(cat out)" = grade &&
    complete_words pydrill r >out && contains out run && contains out report &&
    complete_words pydrill grade --sh >out && test "$(cat out)" = --shard &&
    complete_words pydrill grade --format "" >out &&
    for f in text json jsonl junit tap html csv gradescope prairielearn; do contains out $f || exit 1; done &&
    complete_words pydrill list --format "" >out && test "$(sort out | tr "\n" " ")" = "json text " &&
    complete_words pydrill new f >out && test "$(cat out)" = fix &&
    complete_words pydrill --mode i >out && test "$(cat out)" = interview &&
    complete_words pydrill grade --shard a >out && test "$(cat out)" = auto
'

test_expect_success 'bash: drill ids and topics from the catalog on the line' '
    complete_words pydrill show --pack "$PACK" mea >out && test "$(cat out)" = mean-write &&
    complete_words pydrill run --pack "$PACK" fresh >out && test "$(cat out)" = fresh-list-fix &&
    complete_words pydrill --pack "$PACK" --topic mem >out && test "$(cat out)" = memory
'

test_expect_success 'bash: report completes jsonl files, grade any file' '
    : >a.jsonl && : >b.json &&
    complete_words pydrill report "" >out && contains out a.jsonl && lacks out b.json &&
    complete_words pydrill grade b >out && contains out b.json
'

if command -v zsh >/dev/null 2>&1; then
    test_expect_success 'zsh: the completion function parses' 'zsh -n "$ZSHC"'
else
    test_skip 'zsh: the completion function parses' 'zsh is not installed'
fi

test_expect_success 'make install puts both where the shells look, and the man page' '
    make -n -C "$TOP" install DESTDIR=/dest PREFIX=/usr >plan &&
    contains plan "contrib/completion/pydrill.bash /dest/usr/share/bash-completion/completions/pydrill" &&
    contains plan "contrib/completion/_pydrill /dest/usr/share/zsh/site-functions/_pydrill" &&
    contains plan "doc/pydrill.1 /dest/usr/share/man/man1/pydrill.1"
'

test_expect_success 'make install and uninstall refuse a path with a space before doing anything' '
    for v in PREFIX DESTDIR; do
        for goal in install uninstall; do
            expect_code 2 make -n --no-print-directory -C "$TOP" $goal "$v=$TRASH/p q" >plan 2>err || exit 1
            contains err "$v=\"$TRASH/p q\" has a space in it" && test ! -s plan || exit 1
        done
    done &&
    test ! -e "$TRASH/p" && test ! -e "$TOP/q"
'

test_done
