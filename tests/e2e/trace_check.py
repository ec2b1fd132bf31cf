"""trace_check.py CASE DOC - checks a pydrill-trace/1 document (DOC, from
`pydrill trace --format json`) against the header of the case it traced.
The header's comment lines say what must hold:

    # status: ok                     the run's status (several as "a|b")
    # check: EXPR                    a Python expression that must be true

EXPR sees the document and these helpers (a step defaults to the last):
    steps, last             the steps; the last one
    names(step)             the innermost frame's names: {name: id}
    frame(fn, step)         the names of the innermost frame running fn
    obj(id, step)           the object's state at that step
    items(id, step)         its items' ids
    at(line)                the steps at that line
    in_fn(fn)               the steps whose innermost frame runs fn
    cut(budget)             the trace says that budget was hit
Prints what failed; exits 1 if anything did."""
import json
import sys


def main(case_path, doc_path):
    with open(doc_path) as f:
        doc = json.load(f)
    with open(case_path) as f:
        header = [l[1:].strip() for l in f if l.startswith("#")]
    steps = doc["steps"]

    def st(step):
        return steps[-1] if step is None else step

    def names(step=None):
        return st(step)["names"]

    def frame(fn, step=None):
        for fr in reversed(st(step)["frames"]):
            if fr["function"] == fn:
                return fr["names"]
        return {}

    def obj(i, step=None):
        return st(step)["objects"].get(i, {})

    def items(i, step=None):
        return obj(i, step).get("items", [])

    env = dict(doc=doc, steps=steps, last=steps[-1] if steps else {}, names=names, frame=frame,
               obj=obj, items=items, at=lambda line: [s for s in steps if s["line"] == line],
               in_fn=lambda fn: [s for s in steps if s["function"] == fn],
               cut=lambda b: any(c["budget"] == b for c in doc["cut"]), len=len, set=set, all=all,
               any=any)
    bad = 0
    checks = 0
    for line in header:
        key, _, val = line.partition(":")
        key, val = key.strip(), val.strip()
        if key == "status":
            checks += 1
            if doc["status"] not in val.split("|"):
                print(f"status: want {val}, got {doc['status']} ({doc.get('message', '')})")
                bad += 1
        elif key == "check":
            checks += 1
            try:
                ok = eval(val, env)
            except Exception as e:  # a check that cannot be evaluated fails
                ok = False
                print(f"check raised {type(e).__name__}: {e}")
            if not ok:
                print(f"failed: {val}")
                bad += 1
    if checks == 0:
        print("the case checks nothing")
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
