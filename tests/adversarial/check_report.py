"""check_report.py ATTACKS REPORT - compares a pydrill-report/1 (one
submission per attack, answering one drill) with each attack file's first
line, "# expect: STATUS" ("a|b" for several, "!pass" for anything but a
pass), then optional "; KEY: VALUE" parts: "drill: ID", the drill it
answers (adv-fix when not said); "score: X", the drill's score
must be X; "never: TEXT", TEXT must appear nowhere in the submission's
report (what a hidden test handed the answer); "trace: ..." is for
check_traces.py. Prints one line per attack; exits 1 on any mismatch or if
fewer than 30 answers were checked."""
import json
import os
import sys


def main(attacks, report_path):
    with open(report_path) as f:
        report = json.load(f)
    got = {s["candidate"]: s for s in report["submissions"]}
    names = sorted(f[:-3] for f in os.listdir(attacks) if f.endswith(".py"))
    bad = 0
    for name in names:
        with open(os.path.join(attacks, name + ".py")) as f:
            first = f.readline()
        if not first.startswith("# expect:"):
            print(f"BAD {name}: no '# expect:' line")
            bad += 1
            continue
        parts = [p.strip() for p in first.split(":", 1)[1].split(";")]
        want = parts[0]
        keys = {k.strip(): v.strip() for k, v in (p.split(":", 1) for p in parts[1:] if ":" in p)}
        sub = got.get(name)
        want_id = keys.get("drill", "adv-fix")
        ds = [d for d in (sub or {}).get("drills", []) if d.get("id") == want_id]
        if len(ds) != 1:
            print(f"BAD {name}: {want_id} not graded")
            bad += 1
            continue
        d = ds[0]
        status = d["status"]
        ok = status != "pass" if want == "!pass" else status in want.split("|")
        if "score" in keys and abs(d["score"] - float(keys["score"])) > 1e-9:
            print(f"BAD {name}: score {d['score']}, want {keys['score']}")
            ok = False
        if "never" in keys and keys["never"] in json.dumps(sub):
            print(f"BAD {name}: the report shows {keys['never']!r}")
            ok = False
        print(f"{'ok ' if ok else 'BAD'} {name:22} want {want:14} got {status:8} "
              f"{d['time_ms']:7.0f} ms  {d.get('message', '')[:70]}")
        bad += not ok
    print(f"{len(names)} answers, {bad} not as expected")
    return 1 if bad or len(names) < 30 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
