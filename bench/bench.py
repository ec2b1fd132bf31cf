"""make bench: answers per second for pydrill -j1, pydrill -jN and the
process-per-answer baseline (python3 -I -S running bench/harness.py once per
answer), measured side by side in one run; medians of several runs."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYDRILL = os.path.abspath(sys.argv[1])
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "200"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BASELINE_SUBMISSIONS = int(os.environ.get("BENCH_BASELINE_SUBMISSIONS", "40"))


PACK = os.path.join(ROOT, os.environ.get("BENCH_PACK", "drills/gotchas.json"))


def load_drills():
    """The fix and write drills of the starter pack: the kinds that need a
    child (predict, choice and explain answers are graded without one)."""
    with open(PACK) as f:
        pack = json.load(f)
    return [d for d in pack["drills"] if d["kind"] in ("fix", "write") and not d.get("requires")]


def quick_wrong_answer(tmp, d):
    """The starter code as the wrong answer, unless it runs into a time
    limit (a bench of timeouts measures the limit, not the grader): then an
    answer that defines nothing, which fails at once."""
    if not d.get("code"):
        return "pass\n"
    path = os.path.join(tmp, "probe.json")
    with open(path, "w") as f:
        json.dump({"answer": d["code"], "tests": d["tests"]}, f)
    try:
        subprocess.run(["/usr/bin/python3", "-I", "-S", os.path.join(ROOT, "bench", "harness.py"), path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1)
        return d["code"]
    except subprocess.TimeoutExpired:
        return "pass\n"


def make_batch(tmp, drills, n):
    """n submission folders; answers alternate right (the solution) and
    wrong (the starter code) so both paths are measured."""
    wrong = {d["id"]: quick_wrong_answer(tmp, d) for d in drills}
    subs = []
    for i in range(n):
        folder = os.path.join(tmp, "subs", "cand%04d" % i)
        os.makedirs(folder)
        for j, d in enumerate(drills):
            right = (i + j) % 3 != 0
            ans = d["solution"] if right else wrong[d["id"]]
            with open(os.path.join(folder, d["id"] + ".py"), "w") as f:
                f.write(ans)
        subs.append(folder)
    return subs


def time_pydrill(subs, jobs):
    t0 = time.perf_counter()
    r = subprocess.run([PYDRILL, "grade", "--pack", PACK,
                        "-j", str(jobs), "--format", "jsonl", "--quiet"] + subs,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    el = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        sys.exit("pydrill grade failed: " + r.stderr.decode()[-2000:])
    return el


def time_baseline(tmp, subs, drills):
    jobs = []
    for s in subs:
        for d in drills:
            with open(os.path.join(s, d["id"] + ".py")) as f:
                ans = f.read()
            path = os.path.join(tmp, "job%d.json" % len(jobs))
            with open(path, "w") as f:
                json.dump({"answer": ans, "tests": d["tests"]}, f)
            jobs.append(path)
    harness = os.path.join(ROOT, "bench", "harness.py")
    t0 = time.perf_counter()
    for j in jobs:
        subprocess.run(["/usr/bin/python3", "-I", "-S", harness, j], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30)
    return time.perf_counter() - t0, len(jobs)


def time_floor(n=100):
    """What starting an interpreter costs and nothing else: the least any
    process-per-answer grader pays."""
    t0 = time.perf_counter()
    for _ in range(n):
        subprocess.run(["/usr/bin/python3", "-I", "-S", "-c", "pass"])
    return n / (time.perf_counter() - t0)


def time_first_frame(runs=5):
    """The quiz's first frame on the full catalog: from starting pydrill in a
    fresh tmux session until its header is on the screen (tmux's own start
    and the polling interval are included, so this is an upper bound)."""
    if not shutil.which("tmux"):
        return None
    state = tempfile.mkdtemp(prefix="pydrill-bench-state-")
    times = []
    try:
        for i in range(runs):
            sock = "pydrill-bench-%d-%d" % (os.getpid(), i)
            env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm-256color")
            t0 = time.perf_counter()
            subprocess.run(["tmux", "-L", sock, "new-session", "-d", "-x", "120", "-y", "40",
                            "%s --catalog %s" % (PYDRILL, os.path.join(ROOT, "drills.json"))], env=env)
            seen = None
            while time.perf_counter() - t0 < 10:
                out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p"], capture_output=True,
                                     text=True).stdout
                if "passed" in out:
                    seen = time.perf_counter() - t0
                    break
                time.sleep(0.002)
            subprocess.run(["tmux", "-L", sock, "kill-server"], stderr=subprocess.DEVNULL)
            if seen is not None:
                times.append(seen * 1000)
    finally:
        shutil.rmtree(state)
    return statistics.median(times) if times else None


def main():
    drills = load_drills()
    if not drills:
        sys.exit("bench: no fix/write drills in drills.json")
    ncpu = os.cpu_count() or 1
    tmp = tempfile.mkdtemp(prefix="pydrill-bench-")
    try:
        subs = make_batch(tmp, drills, SUBMISSIONS)
        answers = len(subs) * len(drills)
        time_pydrill(subs[:5], 1)  # warm the page cache
        j1, jn, base, floor = [], [], [], []
        for _ in range(RUNS):
            j1.append(answers / time_pydrill(subs, 1))
            jn.append(answers / time_pydrill(subs, ncpu))
            el, n = time_baseline(tmp, subs[:BASELINE_SUBMISSIONS], drills)
            base.append(n / el)
            floor.append(time_floor())
        m1, mn, mb = statistics.median(j1), statistics.median(jn), statistics.median(base)
        mf = statistics.median(floor)
        print("batch: %d submissions x %d fix/write drills of %s = %d answers; %d runs, medians"
              % (len(subs), len(drills), os.path.relpath(PACK, ROOT), answers, RUNS))
        print("pydrill -j1          %8.0f answers/s  (%.2f ms per answer)" % (m1, 1000 / m1))
        print("pydrill -j%-2d         %8.0f answers/s  (%.2fx of -j1 on %d cores)" % (ncpu, mn, mn / m1, ncpu))
        print("python3 -I -S/answer %8.0f answers/s  (%.2f ms per answer, %d answers)"
              % (mb, 1000 / mb, BASELINE_SUBMISSIONS * len(drills)))
        print("python3 -I -S -c pass %7.0f runs/s     (%.2f ms: start-up alone, the floor of any such grader)"
              % (mf, 1000 / mf))
        ff = time_first_frame()
        if ff is not None:
            print("quiz first frame     %8.0f ms        (full catalog, tmux start included)" % ff)
        print("ratio -j1 / baseline %8.1fx" % (m1 / mb))
        print("ratio -j1 / floor    %8.1fx" % (m1 / mf))
        print("ratio -j%d / baseline %7.1fx" % (ncpu, mn / mb))
    finally:
        shutil.rmtree(tmp)


main()
