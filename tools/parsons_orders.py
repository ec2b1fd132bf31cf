#!/usr/bin/python3
"""Every assembly of a parsons drill's lines that passes its tests.

Usage: /usr/bin/python3 tools/parsons_orders.py [drills.json | pack.json ...] [--id ID] [--distractors]

A parsons drill is graded by running the chosen lines against its tests,
so every order of them that passes is right (an answer that uses a
distractor fails before it runs). This tool makes sure that is true of a
drill: it tries every sequence of the drill's lines (each at most once, any
number of them) that can be Python as indented, runs the tests on each that
compiles, and prints each one that passes, the lines named L1..Ln in the
solution's order. Read every one it prints: each must be right (two
independent statements swapped), never a wrong answer that the tests miss
(a line left out that they do not need, say). `pydrill check` only proves
that the solution passes and one wrong order fails.

With --distractors it tries the distractors too, and prints each passing
assembly in which a distractor does some work (taking the distractors out
of it does not leave a passing answer): pydrill fails every answer that
uses a distractor, but a drill whose tests let one through tests less than
it seems to. A distractor after a return, or in a definition that a later
one replaces, does nothing, and is not printed.

Output, one drill a paragraph:
    ID: N assemblies compile, K pass (digest D)
      L1 L2 L4 L3 L5
D is a digest of the drill's lines and tests, which the orders depend on:
tests/fixtures/parsons/orders.txt keeps the output for the bundled drills,
and tests/e2e/2006-grade-parsons.t grades each order it lists and fails
when a drill's digest changed (run the tool again and review).
The solution's own order is counted in K and not printed. Exit status 1
when the solution itself fails its tests, or a distractor makes an
assembly pass; 0 otherwise.

Answers run in this process (each in a child of it when the drill's
lines or tests mention threads, which a wrong order may leave running),
with the tests' rules of SPEC 2.4 and 2.5: a
fresh namespace per test with __name__ == "answer", setup, expr, values
compared by exact type. It is an author's tool, not a sandbox: run it only
on packs you trust.
"""
import builtins
import contextlib
import hashlib
import io
import json
import os
import signal
import sys
import tempfile
import warnings

from drill_values import norm, plain, same

TIMEOUT_S = 2.0


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def run_test(code, t, want):
    ns = {"__name__": "answer", "__builtins__": builtins}
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            exec(code, ns)
            if t.get("setup"):
                exec(compile(t["setup"], "<setup>", "exec"), ns)
            got = eval(compile(t["expr"], "<expr>", "eval"), ns)
    except Timeout:
        raise
    except BaseException as e:
        cls = getattr(builtins, t.get("raises") or "", None)
        return isinstance(cls, type) and isinstance(e, cls)
    if "raises" in t:
        return False
    if "stdout" in t and norm(out.getvalue()) != norm(t["stdout"]):
        return False
    return plain(got) and same(got, want, t.get("tolerance"))


def passes(code, tests, wants):
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
    try:
        return all(run_test(code, t, w) for t, w in zip(tests, wants))
    except Timeout:
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def passes_in_child(code, tests, wants):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        ok = False
        try:
            ok = passes(code, tests, wants)
        finally:
            os.write(w, b"1" if ok else b"0")
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        got = f.read()
    os.waitpid(pid, 0)
    return got == b"1"


def indent(line):
    return len(line) - len(line.lstrip(" \t"))


def opens_block(line):
    return line.rstrip().endswith(":")


def sequences(items):
    """Sequences of distinct items (index lists) that indent as Python can:
    the first line at 0, a line after a ':' deeper, any other at an
    enclosing level; a decorator before a def or class at its level."""
    n = len(items)
    used = [False] * n
    seq = []

    def extend(stack):
        if seq and not opens_block(items[seq[-1]]):
            yield list(seq)
        for i in range(n):
            if used[i]:
                continue
            line, ind = items[i], indent(items[i])
            if seq:
                prev = items[seq[-1]]
                if prev.lstrip().startswith("@"):
                    body = line.lstrip()
                    if ind != indent(prev) or not body.startswith(("@", "def ", "async def ", "class ")):
                        continue
                if opens_block(prev):
                    if ind <= stack[-1]:
                        continue
                    nstack = stack + [ind]
                elif ind in stack:
                    nstack = stack[:stack.index(ind) + 1]
                else:
                    continue
            elif ind != 0:
                continue
            else:
                nstack = [0]
            used[i] = True
            seq.append(i)
            yield from extend(nstack)
            seq.pop()
            used[i] = False

    yield from extend([0])


def load_drills(paths):
    for a in paths:
        with open(a, encoding="utf-8") as f:
            doc = json.load(f)
        if "packs" in doc:
            base = os.path.dirname(os.path.abspath(a))
            yield from load_drills([os.path.join(base, p) for p in doc["packs"]])
        else:
            for d in doc.get("drills", []):
                if d.get("kind") == "parsons":
                    yield d


def digest(d):
    """What the orders depend on (the lines and the tests), in 12 hex digits."""
    text = json.dumps([d["lines"], d["tests"]], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def explore(d, with_distractors):
    """Prints the drill's passing assemblies; returns 0, or 1 when the
    solution fails or (with_distractors) a distractor makes one pass."""
    lines = d["lines"]
    items = lines + (d.get("distractors", []) if with_distractors else [])
    labels = ["L%d" % (i + 1) for i in range(len(lines))] + ["D%d" % (i + 1) for i in range(len(items) - len(lines))]
    tests = d["tests"]
    wants = [eval(t["expect"], {"__builtins__": builtins}) if "expect" in t else None for t in tests]
    text_all = "\n".join(items) + "\n" + "\n".join(t.get("setup", "") + t["expr"] for t in tests)
    check = passes_in_child if "thread" in text_all.lower() else passes
    results, compiled = {}, 0

    def outcome(seq):
        nonlocal compiled
        text = "".join(items[i] + "\n" for i in seq)
        if text not in results:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    code = compile(text, "<answer>", "exec")
            except (SyntaxError, ValueError):
                results[text] = None
                return None
            compiled += 1
            results[text] = check(code, tests, wants)
        return results[text]

    # lines that read alike make one text of several sequences: the first
    # of each stands for all
    passing, texts = [], set()
    for seq in sequences(items):
        text = "".join(items[i] + "\n" for i in seq)
        if text not in texts and outcome(seq):
            texts.add(text)
            passing.append(seq)
    solution = "".join(l + "\n" for l in lines)
    print("%s: %d assemblies compile, %d pass (digest %s)" % (d["id"], compiled, len(passing), digest(d)))
    bad = 0
    for seq in passing:
        if "".join(items[i] + "\n" for i in seq) == solution:
            continue
        if any(i >= len(lines) for i in seq):
            if outcome([i for i in seq if i < len(lines)]):
                continue  # the distractors in it do nothing
            print("  " + " ".join(labels[i] for i in seq) + "   <- a distractor makes it pass")
            bad = 1
        else:
            print("  " + " ".join(labels[i] for i in seq))
    if solution not in texts:
        print("  the solution fails its tests")
        bad = 1
    sys.stdout.flush()
    return bad


def main(argv):
    want = None
    with_distractors = "--distractors" in argv
    argv = [a for a in argv if a != "--distractors"]
    if "--id" in argv:
        k = argv.index("--id")
        want = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    signal.signal(signal.SIGALRM, on_alarm)
    # a wrong assembly's generator, collected later, must not print
    sys.unraisablehook = lambda unraisable: None
    rc = 0
    found = False
    drills = list(load_drills(argv or ["drills.json"]))
    # the tests may write files: in a folder of their own, as in pydrill
    scratch = tempfile.TemporaryDirectory(prefix="parsons-orders.")
    os.chdir(scratch.name)
    for d in drills:
        if want and d.get("id") != want:
            continue
        found = True
        rc |= explore(d, with_distractors)
    os.chdir("/")
    scratch.cleanup()
    if want and not found:
        print("no parsons drill %s" % want, file=sys.stderr)
        return 2
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
