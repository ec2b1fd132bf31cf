#!/bin/bash
# The explain test set (issue 12): answers written as candidates would say
# them, in tests/fixtures/explain/DRILL/{pass,fail}-LABEL.txt, graded by
# `pydrill grade` against the bundled catalog and the explain drill that
# `pydrill new explain` prints (authors start from it). No keyword soup and no
# confident misconception may pass; neither may one generic paragraph of
# buzzwords, nor a drill's own prompt handed back as its answer; and the
# grader must agree with the file names on at least 90% of the set. The
# figures, and every answer graded otherwise than its name says, are
# printed as TAP diagnostics.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
X="$FIXTURES/explain"
MIN_AGREEMENT=90

# One submission folder per label (pass-terse, fail-soup...): DRILL.txt in
# each; "generic" holds the buzzword paragraph for every explain drill and
# "prompt" each drill's prompt. expected.tsv: label, drill, verdict, category.
# packs.txt: the --pack options that load the catalog's packs and the
# template's.
pydrill new explain >template.json || { echo "Bail out! pydrill new explain failed"; exit 1; }
"$PY" - "$TOP/drills.json" "$X" template.json <<'EOF' || { echo "Bail out! cannot build the submissions"; exit 1; }
import json, os, sys
catalog, fixtures, template = sys.argv[1], sys.argv[2], sys.argv[3]
top = os.path.dirname(catalog)
packs = [os.path.join(top, p) for p in json.load(open(catalog))["packs"]]
json.dump({"format": "pydrill/1", "pack": "new-explain", "title": "pydrill new explain",
           "drills": [json.load(open(template))]}, open("new-explain.json", "w"))
packs.append(os.path.abspath("new-explain.json"))
with open("packs.txt", "w") as f:
    f.write("".join("--pack\n%s\n" % p for p in packs))
explain = {}
rubrics = {}
for pack in packs:
    for d in json.load(open(pack))["drills"]:
        if d["kind"] == "explain":
            explain[d["id"]] = d["prompt"]
            rubrics[d["id"]] = {"pass_score": d.get("pass_score", 0.6),
                                "points": [e["point"] for e in d["rubric"] if "point" in e],
                                "misconceptions": [e["misconception"] for e in d["rubric"] if "misconception" in e]}
json.dump(rubrics, open("rubrics.json", "w"))
os.makedirs("subs")
rows = []
def put(label, drill, text, verdict, category):
    os.makedirs(os.path.join("subs", label), exist_ok=True)
    with open(os.path.join("subs", label, drill + ".txt"), "w") as f:
        f.write(text)
    rows.append((label, drill, verdict, category))
with open("unknown.txt", "w") as unknown, open("sets.txt", "w") as sets:
    for drill in sorted(os.listdir(fixtures)):
        folder = os.path.join(fixtures, drill)
        if not os.path.isdir(folder):
            continue
        if drill not in explain:
            print(drill, file=unknown)
            continue
        counts = {}
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            verdict = stem.split("-")[0]
            if ext != ".txt" or verdict not in ("pass", "fail"):
                continue
            category = "correct" if verdict == "pass" else stem.split("-")[1]
            counts[category] = counts.get(category, 0) + 1
            put(stem, drill, open(os.path.join(folder, name)).read(), verdict, category)
        print(drill, counts.get("correct", 0), counts.get("misconception", 0), counts.get("shallow", 0),
              counts.get("soup", 0), file=sets)
generic = open(os.path.join(fixtures, "generic.txt")).read()
for drill, prompt in sorted(explain.items()):
    put("generic", drill, generic, "fail", "generic")
    put("prompt", drill, prompt, "fail", "prompt")
with open("explain-ids.txt", "w") as f:
    f.write("\n".join(sorted(explain)) + "\n")
with open("expected.tsv", "w") as f:
    for r in rows:
        f.write("\t".join(r) + "\n")
EOF

# grade exits 1 (some answers fail, as they should); 2 would be a problem
IFS='
' read -r -d '' -a PACKS <packs.txt
pydrill grade "${PACKS[@]}" -j 2 --format json -o report.json subs/* 2>grade.err
echo $? >grade.code

# results.tsv: label, drill, expected, got, category, message
"$PY" - <<'EOF' >figures.txt
import json
report = json.load(open("report.json"))
got = {}
for sub in report["submissions"]:
    for d in sub["drills"]:
        got[(sub["candidate"], d["id"])] = (d["status"], d.get("message", ""))
with open("expected.tsv") as f, open("results.tsv", "w") as out:
    for line in f:
        label, drill, want, category = line.rstrip("\n").split("\t")
        status, msg = got.get((label, drill), ("absent", ""))
        out.write("\t".join((label, drill, want, status, category, msg)) + "\n")
EOF

test_expect_success 'the set covers every explain drill of the catalog, and the template' '
    test ! -s unknown.txt || { echo "not explain drills of the catalog:"; cat unknown.txt; false; } &&
    while read -r id; do
        grep -q "^$id " sets.txt || { echo "no answers for $id"; exit 1; }
    done <explain-ids.txt
'
test_expect_success 'each drill has 3 correct answers, 2 misconceptions, a shallow answer, keyword soup' '
    awk "\$2 < 3 || \$3 < 2 || \$4 < 1 || \$5 < 1 { print \"too few answers for \" \$1 \": \" \$0; bad = 1 } END { exit bad }" sets.txt
'
test_expect_success 'grade read every answer (exit 1: some fail, none unreadable)' '
    test "$(cat grade.code)" = 1 || { cat grade.err; false; }
'
test_expect_success 'no keyword soup passes' '
    ! awk -F "\t" "\$5 == \"soup\" && \$4 == \"pass\"" results.tsv | grep .
'
test_expect_success 'no confident misconception passes' '
    ! awk -F "\t" "\$5 == \"misconception\" && \$4 == \"pass\"" results.tsv | grep .
'
test_expect_success 'the generic buzzword paragraph passes no drill' '
    ! awk -F "\t" "\$5 == \"generic\" && \$4 == \"pass\"" results.tsv | grep .
'
test_expect_success 'no drill passes its own prompt as the answer' '
    ! awk -F "\t" "\$5 == \"prompt\" && \$4 == \"pass\"" results.tsv | grep .
'

# A failed answer scores below its drill's pass mark, whatever it hit (a
# gradebook takes the score, not the verdict); one that passes, at it.
test_expect_success 'every failed answer scores below the pass mark, every passed one at it or above' '
    "$PY" - <<\EOF
import json, sys
rubrics = json.load(open("rubrics.json"))
bad = 0
for sub in json.load(open("report.json"))["submissions"]:
    for d in sub["drills"]:
        if d["id"] not in rubrics or d["status"] == "missing":
            continue
        r = rubrics[d["id"]]
        n = len(r["points"])
        made = round(d["score"] * n)
        if (made + 1e-9 >= r["pass_score"] * n) != (d["status"] == "pass"):
            print("%s/%s: %s with %d of %d points (pass_score %s)" % (sub["candidate"], d["id"], d["status"],
                                                                     made, n, r["pass_score"]))
            bad += 1
sys.exit(1 if bad else 0)
EOF
'

# What the platform formats, which students read, say of a failed answer:
# why (the reason the instructor's report gives first), and never a point
# of the rubric nor the words of the answer that a misconception matched.
test_expect_success 'gradescope and prairielearn say why an answer failed, not what the rubric holds' '
    only=$(sed "s/^/--drill /" explain-ids.txt) &&
    for sub in subs/*; do
        label=${sub#subs/}
        for fmt in gradescope prairielearn; do
            pydrill grade "${PACKS[@]}" $only --format $fmt $sub >$fmt-$label.json
            [ $? -le 1 ] || exit 1
        done
    done &&
    "$PY" - <<\EOF
import json, sys
rubrics = json.load(open("rubrics.json"))
why = {}
for sub in json.load(open("report.json"))["submissions"]:
    for d in sub["drills"]:
        if d["id"] in rubrics and d["status"] == "fail":
            why[(sub["candidate"], d["id"])] = d.get("message", "")
mis = "the answer states a misconception: "
soup = "the answer reads as a list of keywords, not sentences, so nothing it mentions counts\n"
points = "not every point the rubric asks for is made (which ones is not shown here)\n"
bad = 0
seen = {"mis": 0, "soup": 0, "points": 0}
for (label, drill), m in sorted(why.items()):
    said = m.split("(the answer says \"", 1)[1].split("\")", 1)[0] if m.startswith("misconception: ") else None
    feedback = None
    if said is not None:
        feedback = m[len("misconception: "):].split(" (the answer says \"", 1)[0]
        want, kind = mis + feedback + "\n", "mis"
    elif m.startswith("the answer reads as a list of keywords"):
        want, kind = soup, "soup"
    else:
        want, kind = points, "points"
    seen[kind] += 1
    for fmt in ("gradescope", "prairielearn"):
        t = [t for t in json.load(open("%s-%s.json" % (fmt, label)))["tests"] if t["name"].split(":")[0] == drill][0]
        out = t.get("output", "")
        text = out.split("\n", 1)[1] if fmt == "gradescope" else out
        if text != want:
            print(fmt, label, drill, "says", repr(text[:300]), "not", repr(want[:300]))
            bad += 1
        # (the feedback, written by the author for the candidate, may say what it likes)
        if feedback:
            out = out.replace(feedback, "")
        for p in rubrics[drill]["points"]:
            if p in out:
                print(fmt, label, drill, "names a point:", p)
                bad += 1
        if said and said in out:
            print(fmt, label, drill, "quotes the words that matched:", said)
            bad += 1
print("# failed answers: %(mis)d state a misconception, %(soup)d are soup, %(points)d miss points" % seen)
sys.exit(1 if bad or not all(seen.values()) else 0)
EOF
'

# The figures: per category, answers and how many were graded as named;
# then every disagreement with the grader's message.
"$PY" - "$MIN_AGREEMENT" <<'EOF' >agreement.txt
import sys
rows = [l.rstrip("\n").split("\t") for l in open("results.tsv")]
order = ["correct", "misconception", "partial", "shallow", "soup", "generic", "prompt"]
order += sorted(set(r[4] for r in rows) - set(order))
agree = sum(1 for r in rows if r[2] == r[3])
print("# explain answers graded as named: %d of %d (%.1f%%), needed %s%%" %
      (agree, len(rows), 100.0 * agree / max(len(rows), 1), sys.argv[1]))
for c in order:
    rs = [r for r in rows if r[4] == c]
    if rs:
        ok = sum(1 for r in rs if r[2] == r[3])
        print("#   %-13s %3d answers, %3d as named" % (c, len(rs), ok))
for r in rows:
    if r[2] != r[3]:
        print("#   disagrees: %s/%s: expected %s, got %s: %s" % (r[1], r[0], r[2], r[3], r[5][:300]))
sys.exit(0 if agree * 100 >= int(sys.argv[1]) * len(rows) else 1)
EOF
echo $? >agreement.code
cat agreement.txt
test_expect_success "at least $MIN_AGREEMENT% of the set is graded as an interviewer would" '
    test "$(cat agreement.code)" = 0
'
test_done
