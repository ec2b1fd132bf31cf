"""check_traces.py ATTACKS TRACES - for each attack in ATTACKS, the trace
TRACES/NAME.json that `pydrill trace --format json` wrote and its exit
code in TRACES/NAME.code. An attack whose first line ("# expect: ...")
allows only statuses of containment (denied, timeout, memory, output,
crash) must end its trace in one of them; an honest one ("pass") must run
to its end ("ok"), and so must one whose line says "; trace: ok"; every trace must be a document, its exit 0 or 1. Prints
one line per attack; exits 1 on any mismatch or if fewer than 30 ran."""
import json
import os
import sys

CONTAINED = {"denied", "timeout", "memory", "output", "crash"}


def main(attacks, traces):
    bad = n = 0
    for f in sorted(os.listdir(attacks)):
        if not f.endswith(".py"):
            continue
        name, n = f[:-3], n + 1
        with open(os.path.join(attacks, f)) as fh:
            want = fh.readline().split(":", 1)[1].strip()
        # "denied; trace: ok": what the trace ends as, when it differs (an
        # attack on the tests' guard never meets a test under trace)
        parts = [p.strip() for p in want.split(";")]
        keys = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
        want = keys.get("trace", "").strip() or parts[0]
        with open(os.path.join(traces, name + ".code")) as fh:
            code = fh.read().strip()
        try:
            with open(os.path.join(traces, name + ".json")) as fh:
                doc = json.load(fh)
            status = doc["status"]
        except Exception as e:
            print(f"BAD {name}: no trace document ({e}), exit {code}")
            bad += 1
            continue
        alts = set(want.split("|"))
        ok = code in ("0", "1")
        if alts <= CONTAINED:
            ok = ok and status in alts
        if want in ("pass", "ok"):
            ok = ok and status == "ok"
        print(f"{'ok ' if ok else 'BAD'} {name:22} want {want:14} got {status:8} exit {code} "
              f"{doc.get('message', '')[:50]}")
        bad += not ok
    print(n, "attacks,", bad, "not as expected")
    return 1 if bad or n < 30 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
