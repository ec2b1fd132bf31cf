#!/bin/bash
# The user's locale decides how the quiz draws characters, never a grade:
# under a decimal-comma locale (de_DE) floats were written "0x1,4p+3" and
# every drill with a float test was left out as broken, and under tr_TR
# the statuses read "MiSSiNG". The locales are made here with localedef
# (from Debian's locales package), in the test's own folder.
. "$(dirname "$0")/lib.sh"

mkdir -p locale && export LOCPATH="$TRASH/locale"
made=1
for l in de_DE tr_TR; do
    localedef -i $l -f UTF-8 "$LOCPATH/$l.UTF-8" >/dev/null 2>&1 || made=0
done

printf 'def make_averager():\n    total = 0\n    count = 0\n    def add(x):\n        nonlocal total, count\n        total += x\n        count += 1\n        return total / count\n    return add\n' >avg.py
mkdir -p sub/alice && cp avg.py sub/alice/nonlocal-fix.py
FUNCS="$TOP/drills/functions.json"

if [ $made = 0 ]; then
    test_skip 'a float test under de_DE' 'localedef could not make de_DE.UTF-8 and tr_TR.UTF-8 (the locales package)'
    test_skip 'statuses under tr_TR' 'no locales'
else
    test_expect_success 'a float test under de_DE and tr_TR: graded as under C, numbers with a point' '
        LANG=C.UTF-8 pydrill grade --pack "$FUNCS" --format csv sub/alice >c.csv; test $? -le 1 &&
        for l in de_DE.UTF-8 tr_TR.UTF-8; do
            LANG=$l LC_ALL=$l pydrill run --pack "$FUNCS" nonlocal-fix avg.py >out 2>err &&
            contains out "1/1, 1 passed" && lacks err "bad float" &&
            LANG=$l LC_ALL=$l pydrill grade --pack "$FUNCS" --format csv sub/alice >l.csv; test $? -le 1 &&
            cmp c.csv l.csv &&
            LANG=$l LC_ALL=$l pydrill grade --pack "$FUNCS" --format json sub/alice >l.json; test $? -le 1 &&
            /usr/bin/python3 -c "import json, sys; r = json.load(open(\"l.json\")); assert r[\"submissions\"][0][\"passed\"] == 1, r" &&
            LANG=$l LC_ALL=$l pydrill check --pack "$FUNCS" >out 2>err || { cat out err; return 1; }
        done
    '
    test_expect_success 'statuses under tr_TR are in ASCII capitals' '
        LANG=tr_TR.UTF-8 LC_ALL=tr_TR.UTF-8 pydrill grade --pack "$FUNCS" sub/alice >out; test $? -le 1 &&
        contains out "MISSING" && lacks out "MiSSiNG" && contains out "1/"
    '
fi

test_done
