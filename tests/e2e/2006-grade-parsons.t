#!/bin/bash
# Parsons answers (SPEC 2.3): the letters of the lines in order. Each case
# of tests/fixtures/parsons/answers is an answer to running-parsons (NAME.txt)
# and the status, score and message it must get (NAME.want; or what a test
# got, when the answer runs and fails one), graded one at a time by pydrill
# run and all together by pydrill grade. Then check on broken parsons
# drills, and the bundled parsons drills: every order of their lines
# that tools/parsons_orders.py found passing (tests/fixtures/parsons/orders.txt,
# each one read and right) passes pydrill too, the reverse of each solution
# does not, and the drills' lines and tests are still those the list was made
# from.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
F="$FIXTURES/parsons"
P="$F/pack.json"
CASES=$(ls "$F"/answers/*.txt)

# want CASE KEY: the value of "KEY: value" in the case's .want file
want() { sed -n "s/^$2: //p" "$F/answers/$1.want"; }

test_expect_success 'the shown order the cases are written for (fixed by the id)' '
    pydrill show running-parsons --pack "$P" --solution >out &&
    contains out "  a) def running(xs):" && contains out "  i)         out.append(x)" &&
    contains out "Answer: a c e b f d g"
'

# run_case CASE: pydrill run on the case's answer gives its status (and exit
# code), and prints its message.
run_case() {
    st=$(want "$1" status) msg=$(want "$1" message) got=$(want "$1" got)
    pydrill run running-parsons "$F/answers/$1.txt" --pack "$P" >out 2>err; rc=$?
    if [ "$st" = pass ]; then [ $rc -eq 0 ]; else [ $rc -eq 1 ]; fi || { echo "exit $rc"; cat out err; return 1; }
    grep -q "^  $(echo "$st" | tr a-z A-Z) *running-parsons" out || { echo "--- not $st:"; cat out; return 1; }
    [ -z "$msg" ] || contains out "$msg" || return 1
    [ -z "$got" ] || sed -n "s/^ *got: *//p" out | grep -qxF -- "$got" || { echo "--- not got: $got"; cat out; return 1; }
}
for f in $CASES; do
    name=$(basename "$f" .txt)
    test_expect_success "run: $name is $(want "$name" status)" "run_case $name"
done

# Every case a submission folder of its own (the candidate is the folder's
# name), and one that answers nothing.
mkdir subs subs/no-answer
for f in $CASES; do
    name=$(basename "$f" .txt)
    mkdir "subs/$name" && cp "$f" "subs/$name/running-parsons.txt"
done
pydrill grade --pack "$P" -j 2 --format json -o report.json subs/* 2>grade.err
echo $? >grade.rc
test_expect_success 'grade: exit 1 (some answers fail), a report, nothing on stderr' '
    [ "$(cat grade.rc)" -eq 1 ] && test -s report.json && test ! -s grade.err
'

# grade_case CASE: the case's status, score and message in the report.
grade_case() {
    "$PY" - report.json "$1" "$(want "$1" status)" "$(want "$1" score)" "$(want "$1" message)" "$(want "$1" got)" <<'EOF'
import json, sys
report, who, status, score, message, got = sys.argv[1:]
subs = [s for s in json.load(open(report))["submissions"] if s["candidate"] == who]
if len(subs) != 1:
    sys.exit("%d submissions of %s" % (len(subs), who))
d = subs[0]["drills"][0]
said = [d.get("message", "")] + [t.get("message", "") for t in d["tests"] if not t["hidden"]]
problems = []
if d["status"] != status:
    problems.append("status %s, want %s" % (d["status"], status))
if abs(d["score"] - float(score)) > 1e-9:
    problems.append("score %s, want %s" % (d["score"], score))
if message and not any(message in m for m in said):
    problems.append("no message %r in %r" % (message, said))
if got and got not in [t.get("got") for t in d["tests"] if not t["hidden"]]:
    problems.append("no test got %r" % got)
if problems:
    print(json.dumps(d, indent=1))
    sys.exit("; ".join(problems))
EOF
}
for f in $CASES; do
    name=$(basename "$f" .txt)
    test_expect_success "grade: $name is $(want "$name" status)" "grade_case $name"
done
test_expect_success 'grade: a submission without an answer to it is missing' '
    "$PY" -c "
import json, sys
s = [s for s in json.load(open(\"report.json\"))[\"submissions\"] if s[\"candidate\"] == \"no-answer\"]
sys.exit(s[0][\"drills\"][0][\"status\"] != \"missing\")"
'
test_expect_success 'grade: an answers file (JSON) takes the letters too' '
    printf "{\"format\": \"pydrill-answers/1\", \"candidate\": \"ann\", \"answers\": {\"running-parsons\": \"A E C B F D G\"}}" >ann.json &&
    pydrill grade --pack "$P" --format json ann.json >r.json &&
    contains r.json "\"status\":	\"pass\""
'
test_expect_success 'grade: the report of one answer does not depend on -j' '
    pydrill grade --pack "$P" -j 1 --format json subs/* 2>/dev/null |
        "$PY" -c "import json, sys; print(json.dumps([(s[\"candidate\"], s[\"drills\"]) for s in json.load(sys.stdin)[\"submissions\"]], sort_keys=True))" >j1 &&
    "$PY" -c "import json; print(json.dumps([(s[\"candidate\"], s[\"drills\"]) for s in json.load(open(\"report.json\"))[\"submissions\"]], sort_keys=True))" >j2 &&
    sed "s/\"time_ms\": [0-9.]*/T/g" j1 >j1n && sed "s/\"time_ms\": [0-9.]*/T/g" j2 >j2n && cmp j1n j2n
'

# check: the solution's order must pass, the order shown must not.
for f in "$F"/check/*.json; do
    name=$(basename "$f" .json)
    test_expect_success "check: $name is caught, with its message" "
        expect_code 1 pydrill check --pack '$f' >out 2>err &&
        sed 's|FILE|$f|g' '${f%.json}.err' >want &&
        while IFS= read -r line; do contains err \"\$line\" || exit 1; done <want
    "
done

# The bundled parsons drills against the orders that were read.
"$PY" - "$TOP" "$F/orders.txt" "$PYDRILL" <<'EOF' >orders.check 2>&1
import json, os, re, subprocess, sys
top, orders, pydrill = sys.argv[1:]
sys.path.insert(0, os.path.join(top, "tools"))
import parsons_orders
drills = {d["id"]: d for d in parsons_orders.load_drills([os.path.join(top, "drills.json")])}
listed, cur = {}, None
for line in open(orders):
    m = re.match(r"^([a-z0-9-]+): .* \(digest ([0-9a-f]+)\)$", line)
    if m:
        cur = m.group(1)
        listed[cur] = {"digest": m.group(2), "orders": []}
    elif line.startswith("  L"):
        listed[cur]["orders"].append([int(x[1:]) - 1 for x in line.split()])
for i in sorted(set(drills) - set(listed)):
    print("%s is not in orders.txt: run tools/parsons_orders.py --id %s and read what it prints" % (i, i))
for i in sorted(set(listed) - set(drills)):
    print("orders.txt lists %s, which is not a bundled parsons drill" % i)
for i in sorted(set(drills) & set(listed)):
    if parsons_orders.digest(drills[i]) != listed[i]["digest"]:
        print("%s changed since orders.txt was made: run tools/parsons_orders.py --id %s and read what it prints" % (i, i))
# one submission folder per order: the solution, each order listed, the reverse
os.makedirs("orders")
for i in sorted(set(drills) & set(listed)):
    show = subprocess.run([pydrill, "show", i, "--solution", "--pack",
                           os.path.join(top, "drills", "parsons.json")], capture_output=True, text=True).stdout
    letters = re.search(r"^Answer: (.*)$", show, re.M).group(1).split()
    n = len(letters)
    for k, order in enumerate([list(range(n))] + listed[i]["orders"] + [list(range(n))[::-1]]):
        kind = "right" if k <= len(listed[i]["orders"]) else "reverse"
        os.makedirs("orders/%s-%s-%d" % (kind, i, k))
        with open("orders/%s-%s-%d/%s.txt" % (kind, i, k, i), "w") as f:
            f.write(" ".join(letters[j] for j in order) + "\n")
EOF
test_expect_success 'orders.txt lists every bundled parsons drill, as its lines and tests are now' '
    test ! -s orders.check || { cat orders.check; false; }
'
test_expect_success 'every order in orders.txt passes pydrill; the reverse of each solution does not' '
    ls orders | grep -q "^right-" && ls orders | grep -q "^reverse-" &&
    pydrill grade --pack "$TOP/drills/parsons.json" -j 2 --format json -o orders.json orders/* 2>err;
    "$PY" - orders.json <<\EOF
import json, sys
bad = 0
for s in json.load(open(sys.argv[1]))["submissions"]:
    got = [d for d in s["drills"] if d["status"] != "missing"]
    if len(got) != 1:
        print(s["candidate"], "answers", len(got), "drills"); bad = 1; continue
    want_pass = s["candidate"].startswith("right-")
    if (got[0]["status"] == "pass") != want_pass:
        print(s["candidate"], got[0]["status"], got[0].get("message", ""), got[0]["tests"]); bad = 1
sys.exit(bad)
EOF
'
test_done
