#!/bin/bash
# pydrill show and list write a pack's words escaped, as trace does: a
# pack is untrusted, and its title, topic, tags, prompt, code, tests,
# hints, solution and explanation must not drive the terminal (OSC 52
# clipboard writes, clear screen) or reorder a line (bidi overrides).
. "$(dirname "$0")/lib.sh"
P="$FIXTURES/show/esc-pack.json"

# raw ESC, BEL, CSI (C1) or U+202E/U+2066 bytes in a file: none may be there
raw_controls() {
    LC_ALL=C grep -c -P '\x1b|\x07|\xc2\x9b|\xe2\x80\xae|\xe2\x81\xa6' "$1"
}

test_expect_success 'show --solution escapes every field of every kind' '
    pydrill show esc-predict --solution --pack "$P" >out &&
    test "$(raw_controls out)" = 0 &&
    contains out "title\\x1b]52;c;aGk=\\x07\\x1b[2J" &&
    contains out "topic top\\x1b]52" && contains out "tags t\\x1b]52" &&
    contains out "Hint 1: h\\x1b]52" && contains out "user\\u202e \\u2066// admin\\u2069" &&
    contains out "p\\x1b]52" && contains out "\\u009b31m" &&
    pydrill show esc-write --solution --pack "$P" >out2 &&
    test "$(raw_controls out2)" = 0 && contains out2 "\\x1b]52"
'
test_expect_success 'show without --solution escapes too, and keeps lines and tabs as layout' '
    pydrill show esc-predict --pack "$P" >out &&
    test "$(raw_controls out)" = 0 &&
    contains out "        indented\\u009b31m" && ! LC_ALL=C grep -q "	" out
'
test_expect_success 'list escapes titles and topics' '
    pydrill list --pack "$P" >out &&
    test "$(raw_controls out)" = 0 && contains out "top\\x1b]52" && contains out "title\\x1b]52"
'
# The page's layout, one file per drill and view (ID.txt, ID.solution.txt
# with --solution): the continuation lines of a choice, a setup or an
# output under their first line (code keeps its indentation), "several
# answers are right", "and prints nothing", CRLF code without a "\r",
# repl code said to be typed at the prompt, wrong answers with --solution.
for f in "$FIXTURES"/show/layout/*.txt; do
    name=$(basename "$f" .txt)
    test_expect_success "show layout: $name" "
        id=\${name%.solution} && sol= && [ \"\$id\" = \"$name\" ] || sol=--solution
        pydrill show \"\$id\" \$sol --pack \"\$FIXTURES/show/layout.json\" >out && diff -u \"$f\" out
    "
done
test_done
