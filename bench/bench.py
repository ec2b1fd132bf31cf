"""make bench: grading throughput and how it scales, measured side by side
in one run (medians of several runs where it says so):

- answers/s at -j1 and -j2 and their ratio, against one `python3 -I -S`
  process per answer running the equivalent harness (bench/harness.py), and
  against the bare start-up of such a process;
- the floor of forking a warm interpreter per answer here (bench/forkfloor.c);
- as the batch grows (200, 2,000, 20,000 submissions): the coordinator's
  peak memory, time per answer, and when the first jsonl line came out;
- the quiz's first frame.

Environment: BENCH_RUNS (3), BENCH_SUBMISSIONS (200: the side-by-side
batch), BENCH_SCALE ("200,2000,20000"), BENCH_BASELINE_SUBMISSIONS (40),
BENCH_PACK (drills/gotchas.json), BENCH_HUGE=N also grades N submissions
of one drill each (the 100,000 of issue 11), reporting its peak memory."""
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
SCALE = [int(x) for x in os.environ.get("BENCH_SCALE", "200,2000,20000").split(",") if x]
HUGE = int(os.environ.get("BENCH_HUGE", "0"))
PACK = os.path.join(ROOT, os.environ.get("BENCH_PACK", "drills/gotchas.json"))


def load_drills():
    """The fix and write drills of the pack: the kinds that need a child
    (predict, choice and explain answers are graded without one)."""
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


def make_batch(tmp, name, drills, n, wrong):
    """n submission folders; answers alternate right (the solution) and
    wrong (the starter code) so both paths are measured."""
    subs = []
    base = os.path.join(tmp, name)
    for i in range(n):
        folder = os.path.join(base, "cand%06d" % i)
        os.makedirs(folder)
        for j, d in enumerate(drills):
            right = (i + j) % 3 != 0
            with open(os.path.join(folder, d["id"] + ".py"), "w") as f:
                f.write(d["solution"] if right else wrong[d["id"]])
        subs.append(folder)
    return base, subs


def grade(subs_dir, jobs, pack=PACK):
    """Grades every submission in subs_dir as jsonl. Returns (wall seconds,
    CPU seconds of the whole tree, the coordinator's peak RSS in MB, seconds
    until the first line of output)."""
    # the folders in a list (--from): 100,000 of them are past ARG_MAX
    listing = subs_dir.rstrip("/") + ".list"
    with open(listing, "w") as f:
        for n in sorted(os.listdir(subs_dir)):
            f.write(os.path.join(subs_dir, n) + "\n")
    args = [PYDRILL, "grade", "--pack", pack, "-j", str(jobs), "--format", "jsonl", "--quiet", "--from", listing]
    t0 = time.perf_counter()
    ru0 = os.times()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    peak = 0
    status = "/proc/%d/status" % p.pid
    os.set_blocking(p.stdout.fileno(), False)
    while p.poll() is None:
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        try:
            chunk = p.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk and first is None:
            first = time.perf_counter() - t0
        time.sleep(0.02)
    rest = p.stdout.read() or b""
    if rest and first is None:
        first = time.perf_counter() - t0
    err = p.stderr.read()
    el = time.perf_counter() - t0
    ru1 = os.times()
    if p.returncode not in (0, 1):
        sys.exit("pydrill grade failed: " + err.decode()[-2000:])
    cpu = (ru1.children_user - ru0.children_user) + (ru1.children_system - ru0.children_system)
    return el, cpu, peak / 1024, first if first is not None else el


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


def time_two_busy(iterations=5000000):
    """What this machine gives two CPU-bound processes at once: the time of
    one busy loop alone over the time of two side by side, times two. On
    two real cores that is 2.0; on a shared or SMT-backed VM it is less,
    and it is the ceiling of -j2 / -j1 here, whatever the grader does."""
    loop = ["/usr/bin/python3", "-I", "-S", "-c", "n = 0\nfor i in range(%d): n += i" % iterations]
    t0 = time.perf_counter()
    subprocess.run(loop, check=True)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    ps = [subprocess.Popen(loop) for _ in range(2)]
    for p in ps:
        p.wait()
    two = time.perf_counter() - t0
    return 2 * one / two


def time_fork_floor(n=500):
    """What forking a warm interpreter costs here with nothing of pydrill's
    around it (bench/forkfloor.c): {"fork": ms, "+compile": ms, "+run": ms}
    per answer, or None when the tool was not built."""
    tool = os.path.join(os.path.dirname(PYDRILL), "forkfloor")
    if not os.access(tool, os.X_OK):
        return None
    out = subprocess.run([tool, str(n)], capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in (line.split() for line in out.splitlines())}


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


def one_drill_pack(tmp, d):
    path = os.path.join(tmp, "one.json")
    with open(PACK) as f:
        pack = json.load(f)
    pack["drills"] = [d]
    with open(path, "w") as f:
        json.dump(pack, f)
    return path


def main():
    drills = load_drills()
    if not drills:
        sys.exit("bench: no fix/write drills in " + PACK)
    tmp = tempfile.mkdtemp(prefix="pydrill-bench-")
    try:
        wrong = {d["id"]: quick_wrong_answer(tmp, d) for d in drills}
        side_dir, subs = make_batch(tmp, "side", drills, SUBMISSIONS, wrong)
        answers = len(subs) * len(drills)
        grade(side_dir, 1)  # warm the page cache
        j1, j2, base, floor, busy, cpu1 = [], [], [], [], [], []
        for _ in range(RUNS):
            # side by side: each round runs every contender once, so a busy
            # moment of the machine falls on all of them alike
            el, cpu, _, _ = grade(side_dir, 1)
            j1.append(answers / el)
            cpu1.append(1000 * cpu / answers)
            j2.append(answers / grade(side_dir, 2)[0])
            busy.append(time_two_busy())
            el, n = time_baseline(tmp, subs[:BASELINE_SUBMISSIONS], drills)
            base.append(n / el)
            floor.append(time_floor())
        m1, m2, mb, mf, mbusy, mc1 = (statistics.median(x) for x in (j1, j2, base, floor, busy, cpu1))
        print("batch: %d submissions x %d fix/write drills of %s = %d answers; %d rounds, medians"
              % (len(subs), len(drills), os.path.relpath(PACK, ROOT), answers, RUNS))
        print("pydrill -j1           %8.0f answers/s  (%.2f ms per answer)" % (m1, 1000 / m1))
        print("pydrill -j2           %8.0f answers/s  (%.2f ms per answer)" % (m2, 1000 / m2))
        print("CPU per answer, -j1   %8.2f ms        (every process: coordinator, worker, children)" % mc1)
        print("ratio -j2 / -j1       %8.2fx" % (m2 / m1))
        print("two busy loops        %8.2fx one    (what this machine gives two processes at once:"
              " the ceiling of -j2 / -j1 here)" % mbusy)
        print("python3 -I -S/answer  %8.0f answers/s  (%.2f ms per answer, %d answers)"
              % (mb, 1000 / mb, BASELINE_SUBMISSIONS * len(drills)))
        print("ratio -j1 / baseline  %8.1fx" % (m1 / mb))
        print("python3 -I -S -c pass %8.0f runs/s     (%.2f ms: start-up alone, the floor of any such grader)"
              % (mf, 1000 / mf))
        print("ratio -j1 / floor     %8.1fx" % (m1 / mf))
        ff = time_fork_floor()
        if ff:
            # run serially (each child reaped before the next fork): the
            # least a fork-per-answer grader pays here, sandbox and grading
            # aside; and the -j1 / baseline ratio that cost alone allows
            print("fork a warm CPython    %7.2f ms per answer: fork, exit, reap" % ff["fork"])
            print("  + compile an answer  %7.2f ms" % ff["+compile"])
            print("  + run it and a test  %7.2f ms  (at most %.0fx the baseline at this cost alone)"
                  % (ff["+run"], 1000 / mb / ff["+run"]))

        if SCALE:
            print("\nas the batch grows (-j2, jsonl):")
            print("%12s %9s %10s %12s %12s %14s" % ("submissions", "answers", "time s", "ms/answer",
                                                     "peak RSS MB", "first line s"))
        for n in SCALE:
            d, s = make_batch(tmp, "scale%d" % n, drills, n, wrong)
            el, cpu, peak, first = grade(d, 2)
            a = len(s) * len(drills)
            print("%12d %9d %10.1f %12.3f %12.1f %8.2f (%2.0f%%)"
                  % (n, a, el, 1000 * el / a, peak, first, 100 * first / el))
            shutil.rmtree(d)
        if HUGE:
            d = drills[0]
            pack = one_drill_pack(tmp, d)
            hd, hs = make_batch(tmp, "huge", [d], HUGE, wrong)
            el, cpu, peak, first = grade(hd, 2, pack)
            print("\n%d submissions x 1 drill: %.0f s, %.3f ms per answer, peak RSS %.1f MB, first line at %.1f s"
                  % (HUGE, el, 1000 * el / HUGE, peak, first))
        ff = time_first_frame()
        if ff is not None:
            print("\nquiz first frame      %8.0f ms        (full catalog, tmux start included)" % ff)
    finally:
        shutil.rmtree(tmp)


main()
