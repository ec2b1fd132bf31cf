#!/usr/bin/python3
"""Check drill packs against the live interpreter (a stand-in for `pydrill check`).

Usage: /usr/bin/python3 tools/verify_drills.py [drills.json | pack.json ...] [--stats] [--show ID]

Every snippet and every answer runs in a child /usr/bin/python3 -I -S (the
interpreter pydrill embeds, started isolated and without site, as pydrill
does; VERIFY_PYTHON names another, so the catalog can be tried on a Python
that pydrill is not built against yet), twice for predict drills under two hash seeds so that output which
depends on hash order is caught. Exit status 0 when every pack is clean.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

import drill_values

# VERIFY_PYTHON names another interpreter command, e.g.
# "chroot /var/cache/pydrill-matrix/sid /usr/bin/python3.14" (-B keeps it from writing .pyc files).
PY = os.environ.get("VERIFY_PYTHON", "/usr/bin/python3").split()
PY_VERSION = tuple(int(x) for x in subprocess.check_output(
    [*PY, "-B", "-c", "import sys; print(*sys.version_info[:3])"], text=True).split())
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
KINDS = ("predict", "fix", "write", "choice", "explain", "parsons")

# The harness runs in the child. It reads one JSON job on stdin and writes
# either raw output (predict) or a JSON result line (tests).
VALUES = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "drill_values.py")).read()
HARNESS = r'''
import ast, builtins, contextlib, io, json, math, sys
job = json.loads(sys.stdin.read())

def exc_line(e):
    msg = str(e)
    return type(e).__name__ + (": " + msg if msg else "")

def run_predict(code, mode):
    ns = {"__name__": "__main__", "__builtins__": builtins}
    if mode == "repl":
        tree = ast.parse(code)
        lines = code.splitlines(keepends=True)
        for node in tree.body:
            start = node.lineno - 1
            if getattr(node, "decorator_list", None):
                start = node.decorator_list[0].lineno - 1
            src = "".join(lines[start:node.end_lineno])
            try:
                exec(compile(src, "<stdin>", "single"), ns)
            except BaseException as e:
                sys.stdout.flush()
                print(exc_line(e))
    else:
        try:
            exec(compile(code, "<drill>", "exec"), ns)
        except BaseException as e:
            sys.stdout.flush()
            print(exc_line(e))
    sys.stdout.flush()

''' + VALUES + r'''
def run_test(code, t):
    ns = {"__name__": "answer", "__builtins__": builtins}
    out = io.StringIO()
    try:
        exec(compile(code, "<answer>", "exec"), ns)
    except BaseException as e:
        return False, "answer raised " + exc_line(e)
    try:
        with contextlib.redirect_stdout(out):
            if t.get("setup"):
                exec(compile(t["setup"], "<setup>", "exec"), ns)
            got = eval(compile(t["expr"], "<expr>", "eval"), ns)
    except BaseException as e:
        if "raises" in t:
            cls = getattr(builtins, t["raises"], None)
            if isinstance(cls, type) and isinstance(e, cls):
                return True, ""
        return False, "raised " + exc_line(e)
    if "raises" in t:
        return False, "expected %s, got %r" % (t["raises"], got)
    if "stdout" in t and norm(out.getvalue()) != norm(t["stdout"]):
        return False, "stdout %r != %r" % (out.getvalue(), t["stdout"])
    if "expect" in t:
        want = eval(t["expect"], {"__builtins__": builtins})
        if not plain(want):
            return False, "expect is not a plain value: %r" % (want,)
        if not plain(got):
            return False, "value is not plain: %r" % (got,)
        if not same(got, want, t.get("tolerance")):
            return False, "got %r, want %r" % (got, want)
    return True, ""

if job["what"] == "predict":
    run_predict(job["code"], job.get("mode", "exec"))
else:
    res = []
    for t in job["tests"]:
        try:
            ok, why = run_test(job["code"], t)
        except BaseException as e:
            ok, why = False, "harness: " + exc_line(e)
        res.append([t["name"], ok, why])
    sys.stdout.flush()
    sys.__stdout__.write("\n@@RESULT@@" + json.dumps(res) + "\n")
'''


def child(job, seed="0", timeout=10):
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed, "LC_ALL": "C.UTF-8",
           "PYTHONIOENCODING": "utf-8"}
    # in a folder of its own, as pydrill runs answers: tests may write files
    with tempfile.TemporaryDirectory(prefix="verify-drills.") as scratch:
        p = subprocess.run([*PY, "-I", "-S", "-B", "-c", HARNESS], input=json.dumps(job),
                           capture_output=True, text=True, timeout=timeout, env=env, cwd=scratch)
    return p.stdout, p.stderr


def version_holds(spec, have):
    """A version range as src/pyversion.c reads it: comparisons joined by commas,
    each on the running version cut to the parts written; ~= is PEP 440's."""
    for clause in spec.split(","):
        m = re.fullmatch(r"\s*(>=|<=|==|!=|~=|>|<)?\s*(\d+(?:\.\d+){0,2})\s*", clause)
        op, want = m.group(1) or "==", tuple(int(x) for x in m.group(2).split("."))
        cut = tuple(have[:len(want)])
        ok = {"==": cut == want, "!=": cut != want, "<": cut < want, "<=": cut <= want,
              ">": cut > want, ">=": cut >= want,
              "~=": cut >= want and have[:len(want) - 1] == want[:-1]}[op]
        if not ok:
            return False
    return True


def norm(s):
    return "\n".join(drill_values.norm(s))


def predict_output(code, mode="exec", seed="0"):
    out, _ = child({"what": "predict", "code": code, "mode": mode}, seed)
    return norm(out)


def run_tests(code, tests):
    try:
        out, err = child({"what": "tests", "code": code, "tests": tests})
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if "@@RESULT@@" not in out:
        return None, err[-500:]
    return json.loads(out.rsplit("@@RESULT@@", 1)[1]), ""


class Checker:
    def __init__(self):
        self.errors = 0
        self.seen = {}
        self.drills = []

    def err(self, where, msg):
        self.errors += 1
        print("%s: error: %s" % (where, msg))

    def pack(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                pk = json.load(f)
        except (OSError, ValueError) as e:
            self.err(path, str(e))
            return
        for k in ("format", "pack", "title", "drills"):
            if k not in pk:
                self.err(path, "missing " + k)
        if pk.get("format") != "pydrill/1":
            self.err(path, "format must be pydrill/1")
        for d in pk.get("drills", []):
            self.drill(path, d)

    def skipped(self, d):
        """True when requires.python does not hold for PY (the rules of src/pyversion.c)."""
        r = d.get("requires", {}).get("python")
        return r is not None and not version_holds(r, PY_VERSION)

    def drill(self, path, d):
        did = d.get("id", "?")
        w = "%s: drill %s" % (path, did)
        if not ID_RE.match(str(did)):
            self.err(w, "bad id")
        if did in self.seen:
            self.err(w, "duplicate id (also in %s)" % self.seen[did])
        self.seen[did] = path
        for k in ("title", "topic", "level", "kind", "prompt", "explanation"):
            if k not in d:
                self.err(w, "missing " + k)
        kind = d.get("kind")
        if kind not in KINDS:
            self.err(w, "bad kind %r" % kind)
            return
        if d.get("level") not in (1, 2, 3):
            self.err(w, "bad level")
        nsent = len(re.findall(r"[.!?](\s|$)", d.get("explanation", "")))
        if not 2 <= nsent <= 8:
            self.err(w, "explanation has %d sentences" % nsent)
        self.drills.append((path, d))
        if not self.skipped(d):
            check = getattr(self, "k_" + kind, None)
            if check:  # parsons: check's own proofs only
                check(w, d)

    def k_predict(self, w, d):
        if "code" not in d:
            return self.err(w, "predict needs code")
        mode = d.get("mode", "exec")
        if mode not in ("exec", "repl"):
            return self.err(w, "bad mode")
        try:
            a = predict_output(d["code"], mode, "0")
            b = predict_output(d["code"], mode, "4242")
        except subprocess.TimeoutExpired:
            return self.err(w, "snippet timed out")
        if a != b:
            self.err(w, "output depends on the hash seed")
        expect = d.get("expect")
        if isinstance(expect, dict):
            held = [v for k, v in expect.items() if version_holds(k, PY_VERSION)]
            if len(held) != 1:
                return self.err(w, "%d expect ranges hold for %s" % (len(held), PY_VERSION))
            expect = held[0]
        if expect is None:
            self.err(w, "no expect (live output:\n%s)" % a)
        elif norm(expect) != a:
            self.err(w, "expect differs from live output:\n--- expect\n%s\n--- live\n%s"
                     % (norm(expect), a))

    def tests_common(self, w, d, starter):
        tests = d.get("tests")
        if not tests or "solution" not in d:
            return self.err(w, "needs tests and solution")
        names = [t.get("name") for t in tests]
        if len(set(names)) != len(names):
            self.err(w, "test names not unique")
        for t in tests:
            if "expr" not in t or ("expect" in t) == ("raises" in t) and "stdout" not in t:
                self.err(w, "test %r needs expr and one of expect/raises" % t.get("name"))
        if not any(t.get("hidden") for t in tests):
            self.err(w, "no hidden test")
        res, why = run_tests(d["solution"], tests)
        if res is None:
            return self.err(w, "solution crashed the harness: " + why)
        for name, ok, msg in res:
            if not ok:
                self.err(w, "solution fails test %r: %s" % (name, msg))
        if starter is not None:
            res, why = run_tests(starter, tests)  # a starter that hangs fails too
            if res is not None and all(ok for _, ok, _ in res):
                self.err(w, "starter passes every test")
        if not d.get("hints"):
            self.err(w, "no hints")

    def k_fix(self, w, d):
        if "code" not in d:
            return self.err(w, "fix needs code")
        self.tests_common(w, d, d["code"])

    def k_write(self, w, d):
        self.tests_common(w, d, d.get("code"))

    def k_parsons(self, w, d):
        """The lines in order pass; which other orders pass is
        tools/parsons_orders.py's to say."""
        lines = d.get("lines", [])
        if len(lines) < 2 or len(lines) + len(d.get("distractors", [])) > 26:
            return self.err(w, "needs 2 lines, and at most 26 lines and distractors")
        self.tests_common(w, dict(d, solution="".join(l + "\n" for l in lines)), None)

    def k_choice(self, w, d):
        ch = d.get("choices", [])
        if not 2 <= len(ch) <= 8:
            self.err(w, "needs 2-8 choices")
        ans = d.get("answer")
        ans = ans if isinstance(ans, list) else [ans]
        if not ans or any(type(a) is not int or not 0 <= a < len(ch) for a in ans):
            self.err(w, "answer out of range")

    def k_explain(self, w, d):
        # The rubric is matched by pydrill's own grader (src/rubric.c); whether
        # the model answer meets it is `pydrill check`'s proof, not this tool's.
        ru = d.get("rubric", [])
        if "model_answer" not in d or not any("point" in p for p in ru):
            self.err(w, "needs a model_answer and at least one rubric point")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    stats = "--stats" in argv
    show = None
    if "--show" in argv:
        show = argv[argv.index("--show") + 1]
        args = [a for a in args if a != show]
    args = args or ["drills.json"]
    paths = []
    for a in args:
        with open(a, encoding="utf-8") as f:
            doc = json.load(f)
        if "packs" in doc:
            base = os.path.dirname(os.path.abspath(a))
            paths += [os.path.join(base, p) for p in doc["packs"]]
        else:
            paths.append(a)
    c = Checker()
    if show:
        for p in paths:
            for d in json.load(open(p, encoding="utf-8"))["drills"]:
                if d["id"] == show:
                    print(predict_output(d["code"], d.get("mode", "exec")))
        return 0
    for p in paths:
        c.pack(p)
    if stats:
        print("drills:", len(c.drills))
        print("kinds:", dict(Counter(d["kind"] + ("/repl" if d.get("mode") == "repl" else "")
                                     for _, d in c.drills)))
        print("levels:", dict(sorted(Counter(d["level"] for _, d in c.drills).items())))
        print("topics:", dict(sorted(Counter(d["topic"] for _, d in c.drills).items())))
    print("%d drills, %d errors" % (len(c.drills), c.errors))
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
