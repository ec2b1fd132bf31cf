#!/bin/bash
# Option errors of pydrill [quiz] are usage errors (exit 2), reported
# before the terminal is touched.
. "$(dirname "$0")/../e2e/lib.sh"
PACK="$TOP/tests/tui/fixtures/quiz.json"

for args in "--mode exam" "--mode" "--count 0" "--count x" "--count 3x" "--minutes 0" \
            "--minutes -1" "--minutes abc" "--topic" "--topic nosuchtopic" "--bogus" "extra"; do
    test_expect_success "quiz $args: exit 2 with pydrill: error:" "
        expect_code 2 pydrill quiz --pack \"\$PACK\" $args </dev/null >out 2>err &&
        contains err 'pydrill: error:' && test ! -s out
    "
done

test_expect_success 'without a terminal the quiz says so and exits 2' '
    expect_code 2 pydrill --pack "$PACK" </dev/null >out 2>err &&
    contains err "pydrill: error: the quiz needs a terminal"
'

test_expect_success 'a pack that cannot be read: exit 2' '
    expect_code 2 pydrill quiz --pack nope.json </dev/null 2>err && test -s err
'

test_expect_success '--minutes accepts fractions, --mode=VALUE forms work' '
    expect_code 2 pydrill quiz --pack "$PACK" --minutes 0.5 --mode=interview --count=2 </dev/null 2>err &&
    contains err "needs a terminal"
'

test_done
