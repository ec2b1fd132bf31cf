#!/bin/bash
# A kernel without Landlock: pydrill refuses to run answers (it could not
# keep them from reading the packs), says why and how to go on anyway, and
# with PYDRILL_ALLOW_NO_LANDLOCK=1 grades with the audit hook alone, saying
# so once. The kernel's lack is simulated by tests/tools/nolandlock.
. "$(dirname "$0")/lib.sh"
NOLL="$TOP/${B:-build}/tests/nolandlock"
ADV="$TOP/tests/adversarial"
mkdir -p honest/x attack/x
cp "$ADV/attacks/honest.py" honest/x/adv-fix.py
cp "$ADV/attacks/read-pack.py" attack/x/adv-fix.py

test_expect_success 'without Landlock, answers are not run' '
    expect_code 2 "$NOLL" "$PYDRILL" grade --pack "$ADV/pack.json" honest/x >out 2>err &&
    contains err "no Landlock" && contains err PYDRILL_ALLOW_NO_LANDLOCK
'
test_expect_success 'Landlock refused to the process (EPERM, a container profile): said so, not blamed on the kernel' '
    NOLANDLOCK_EPERM=1 expect_code 2 "$NOLL" "$PYDRILL" grade --pack "$ADV/pack.json" honest/x >out 2>err &&
    contains err "Landlock is refused to this process (EPERM" && lacks err "this kernel has no Landlock" &&
    contains err PYDRILL_ALLOW_NO_LANDLOCK &&
    "$NOLL" "$PYDRILL" grade --pack "$ADV/pack.json" honest/x >out 2>err; contains err "this kernel has no Landlock"
'
test_expect_success '--version says the sandbox lacks it' '
    "$NOLL" "$PYDRILL" --version >out && contains out "no landlock"
'
test_expect_success 'allowed explicitly, an honest answer passes, with one warning' '
    PYDRILL_ALLOW_NO_LANDLOCK=1 "$NOLL" "$PYDRILL" grade --pack "$ADV/pack.json" --format text honest/x >out 2>err &&
    contains out PASS && [ "$(grep -c "no Landlock" err)" -eq 1 ]
'
test_expect_success 'and the audit hook still refuses reads outside' '
    PYDRILL_ALLOW_NO_LANDLOCK=1 expect_code 1 "$NOLL" "$PYDRILL" grade --pack "$ADV/pack.json" --format text attack/x >out 2>err &&
    contains out DENIED
'
test_done
