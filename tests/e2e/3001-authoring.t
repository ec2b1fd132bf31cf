#!/bin/bash
# The instructor's toolkit (issue 5): the bundled packs validate against
# drills/pack.schema.json and reference it; every complete example in
# docs/authoring.md passes `pydrill check` and the schema; every `pydrill new`
# template does too; and every output the guide quotes (the "Common
# mistakes" section and the runs shown) is what pydrill prints today.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
DOC="$TOP/docs/authoring.md"
SCHEMA="$TOP/drills/pack.schema.json"
A="$FIXTURES/authoring"
KINDS="predict fix write choice explain parsons"

# validate FILE... : each file (a pack) must satisfy the schema; prints
# every violation with its JSON path.
validate() {
    "$PY" - "$SCHEMA" "$@" <<'EOF'
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for e in sorted(v.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path)):
        print("%s: /%s: %s" % (path, "/".join(map(str, e.absolute_path)), e.message[:300]))
        bad += 1
sys.exit(1 if bad else 0)
EOF
}

# The guide's marked blocks: examples/NAME.json (a drill is wrapped in a
# pack), and outputs/N/{source,exit,cmd,want} for each quoted output.
"$PY" - "$DOC" <<'EOF' || { echo "Bail out! cannot extract docs/authoring.md"; exit 1; }
import json, os, re, sys
text = open(sys.argv[1]).read()
os.makedirs("examples"); os.makedirs("outputs")
block = r"<!-- (example|output): ([^>]*?) -->\n```(\w+)\n(.*?)\n```"
n = 0
for kind, arg, lang, body in re.findall(block, text, re.S):
    if kind == "example":
        doc = json.loads(body)
        if "drills" not in doc:
            doc = {"$schema": "pack.schema.json", "format": "pydrill/1", "pack": "doc-" + arg,
                   "title": "docs/authoring.md example " + arg, "drills": [doc]}
        with open("examples/%s.json" % arg, "w") as f:
            json.dump(doc, f, indent=2)
    else:
        n += 1
        d = "outputs/%02d" % n
        os.makedirs(d)
        meta = dict(kv.split("=", 1) for kv in arg.split())
        lines = body.split("\n")
        assert lines[0].startswith("$ pydrill "), lines[0]
        for name, val in (("source", meta.get("fixture") and "fixture:" + meta["fixture"]
                           or "example:" + meta["example"]),
                          ("exit", meta["exit"]), ("cmd", lines[0][len("$ pydrill "):]),
                          ("want", "\n".join(l for l in lines[1:] if l != "..."))):
            with open(os.path.join(d, name), "w") as f:
                f.write(val + "\n")
EOF

if "$PY" -c 'import jsonschema' 2>/dev/null; then have_jsonschema=1; else have_jsonschema=; fi
no_jsonschema="/usr/bin/python3 lacks the jsonschema module (apt-get install python3-jsonschema)"

# (a), (b): the bundled packs.
packs=$(ls "$TOP"/drills/*.json | grep -v '/pack\.schema\.json$')
for p in $packs; do
    name=$(basename "$p")
    if [ -n "$have_jsonschema" ]; then
        test_expect_success "bundled pack $name validates against pack.schema.json" "validate \"$p\""
    else
        test_skip "bundled pack $name validates against pack.schema.json" "$no_jsonschema"
    fi
done
test_expect_success 'every bundled pack says "$schema": "pack.schema.json"' '
    for p in $packs; do
        "$PY" -c "import json, sys; sys.exit(json.load(open(sys.argv[1])).get(\"\$schema\") != \"pack.schema.json\")" "$p" ||
            { echo "$p: no \"\$schema\": \"pack.schema.json\""; exit 1; }
    done
'
test_expect_success 'docs/coverage.md maps every bundled drill, and names no drill that does not exist' '
    pydrill list --catalog "$TOP/drills.json" --format json >list.json &&
    "$PY" - "$TOP/docs/coverage.md" list.json <<\EOF
import json, re, sys
doc = open(sys.argv[1]).read()
index = set(re.findall(r"^\| `([a-z0-9-]+)` \|", doc.split("## Every drill", 1)[1], re.M))
ids = {d["id"] for d in json.load(open(sys.argv[2]))}
named = set(re.findall(r"`([a-z0-9][a-z0-9-]*-(?:predict|fix|write|choice|explain|repl|parsons|module))`", doc))
for i in sorted(ids - index):
    print("not in the drill index of docs/coverage.md:", i)
for i in sorted((index | named) - ids):
    print("docs/coverage.md names a drill that does not exist:", i)
sys.exit(1 if ids - index or (index | named) - ids else 0)
EOF
'
test_expect_success 'the version table of docs/coverage.md lists every drill pinned per version (versioned expect or requires), and only those' '
    "$PY" - "$TOP/docs/coverage.md" "$TOP/drills.json" <<\EOF
import json, os, re, sys
doc = open(sys.argv[1]).read()
table = doc.split("## What changes between Python versions", 1)[1].split("\n## ", 1)[0]
listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M))
top = os.path.dirname(sys.argv[2])
pinned = {d["id"] for p in json.load(open(sys.argv[2]))["packs"]
          for d in json.load(open(os.path.join(top, p)))["drills"]
          if isinstance(d.get("expect"), dict) or d.get("requires")}
for i in sorted(pinned - listed):
    print("pinned per version but not in the version table of docs/coverage.md:", i)
for i in sorted(listed - pinned):
    print("in the version table of docs/coverage.md but not pinned per version:", i)
sys.exit(1 if pinned != listed else 0)
EOF
'
test_expect_success 'the guide names every module loaded before answers run (warm and preloadable)' '
    bt=$(printf "\140") &&
    for m in $(sed -n "/^static const char \*const warm_modules\[\] = {/,/^};/p" "$TOP/src/pyembed.c" | grep -o "\"[a-z0-9_.]*\"" | tr -d "\"") \
             $(sed -n "/^static const char \*const preloadable\[\] = {/,/^};/p" "$TOP/src/libguard_preload.c" | grep -o "\"[a-z0-9_.]*\"" | tr -d "\""); do
        n=$((n + 1)) && grep -qF -- "$bt$m$bt" "$DOC" || { echo "$m is not in the guide"; exit 1; }
    done &&
    test "$n" -gt 60
'
test_expect_success 'drills.json lists every bundled pack' '
    for p in $packs; do contains "$TOP/drills.json" "\"drills/$(basename "$p")\"" || exit 1; done
'
if [ -n "$have_jsonschema" ]; then
    test_expect_success 'the schema rejects the broken fixtures it can see' '
        for f in missing-field bad-id; do
            ! validate "$A/$f.json" >out || { echo "$f.json validates"; exit 1; }
        done
    '
else
    test_skip 'the schema rejects the broken fixtures it can see' "$no_jsonschema"
fi

# (c): the guide's complete examples.
test_expect_success 'the guide has a complete example of every kind, and of repl mode' '
    for k in $KINDS; do
        grep -l "\"kind\": \"$k\"" examples/*.json >/dev/null || { echo "no $k example"; exit 1; }
    done &&
    grep -l "\"mode\": \"repl\"" examples/*.json >/dev/null && test -f examples/pack.json
'
for e in "$TRASH"/examples/*.json; do
    name=$(basename "$e" .json)
    test_expect_success "example $name passes pydrill check" "
        timeout 60 \"\$PYDRILL\" check --pack \"$e\" >out 2>err || { cat out err; exit 1; }
        contains out ' 0 with problems' && test ! -s err
    "
    if [ -n "$have_jsonschema" ]; then
        test_expect_success "example $name validates against the schema" "validate \"$e\""
    else
        test_skip "example $name validates against the schema" "$no_jsonschema"
    fi
done

# (d): pydrill new KIND.
for k in $KINDS; do
    test_expect_success "pydrill new $k is a drill that passes check and the schema" "
        pydrill new $k >drill.json &&
        \"\$PY\" -c 'import json, sys; print(json.dumps({\"format\": \"pydrill/1\", \"pack\": \"new\", \"title\": \"new\", \"drills\": [json.load(open(\"drill.json\"))]}))' >new-$k.json &&
        { [ -z \"$have_jsonschema\" ] || validate new-$k.json; } &&
        timeout 60 \"\$PYDRILL\" check --pack new-$k.json >out 2>err || { cat out err; exit 1; }
    "
done

# (e): every quoted output, re-run in a folder holding my.json and the
# answer files of tests/fixtures/authoring.
for d in "$TRASH"/outputs/*; do
    src=$(cat "$d/source"); cmd=$(cat "$d/cmd")
    test_expect_success "quoted output ($src): pydrill $cmd" "
        w=\$(mktemp -d ./run.XXXXXX) && cd \"\$w\" &&
        cp \"$A\"/*.py \"$A\"/*.txt . &&
        case '$src' in
            fixture:*) cp \"$A/\${src#fixture:}.json\" my.json ;;
            example:*) cp \"$TRASH/examples/\${src#example:}.json\" my.json ;;
        esac &&
        eval \"timeout 60 \\\"\\\$PYDRILL\\\" \$cmd\" >out 2>&1; rc=\$?
        [ \$rc -eq \$(cat \"$d/exit\") ] || { echo \"exit \$rc, the guide says \$(cat \"$d/exit\")\"; cat out; exit 1; }
        while IFS= read -r line; do
            grep -qxF -- \"\$line\" out || { echo \"--- pydrill printed:\"; cat out; echo \"--- not the line: \$line\"; exit 1; }
        done <\"$d/want\"
    "
done
test_expect_success 'every broken pack of tests/fixtures/authoring is quoted in the guide' '
    for f in "$A"/*.json; do
        grep -qxF "fixture:$(basename "$f" .json)" "$TRASH"/outputs/*/source ||
            { echo "$f is not used by an <!-- output: fixture=... --> block"; exit 1; }
    done
'
test_done
