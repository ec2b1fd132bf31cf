"""leftovers_scan.py PYDRILL PACK A B: grades submission A then B at -j1,
and while B's answer sleeps, reads the memory of every process of the
grader but the coordinator (the worker, B's child) for the marker A's
answer printed, raised and returned. Prints "clean", "leak: ..." or
"unreadable" (memory of another process cannot be read here: no ptrace
rights), and exits 0 for clean, 1 for a leak, 77 for unreadable."""
import os, subprocess, sys, time

MARKER = ("ZQXJ" + "-LEAK-" + "4711").encode()
WAIT_S = 12  # for B's child to appear; it sleeps 15 s


def kids(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


def count(pid):
    """Marker copies in pid's writable memory; None if it cannot be read."""
    try:
        with open(f"/proc/{pid}/maps") as f:
            maps = f.read().splitlines()
        mem = open(f"/proc/{pid}/mem", "rb", 0)
    except OSError:
        return None
    n = 0
    with mem:
        for line in maps:
            addr, perm = line.split()[:2]
            if "w" not in perm:
                continue
            lo, hi = (int(x, 16) for x in addr.split("-"))
            try:
                mem.seek(lo)
                n += mem.read(hi - lo).count(MARKER)
            except (OSError, ValueError, OverflowError):
                pass
    return n


def main():
    pydrill, pack, a, b = sys.argv[1:5]
    p = subprocess.Popen([pydrill, "grade", "-j1", "--pack", pack, "--format", "jsonl", a, b],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        first = p.stdout.readline()  # A is graded: its line is out
        if MARKER not in first:
            print("A's line lacks the marker: %r" % first[:200])
            return 2
        # B's child: a child of the worker asleep in its time.sleep (A's
        # child may still be exiting beside it, its own memory full of the
        # marker: that one is not the next answer's)
        end = time.monotonic() + WAIT_S
        procs = []
        while time.monotonic() < end:
            for w in kids(p.pid):
                asleep = [c for c in kids(w) if state(c) == "S"]
                if asleep:
                    procs = [("worker", w), ("B's child", asleep[-1])]
                    break
            if procs:
                break
            time.sleep(0.05)
        else:
            print("B's child never appeared")
            return 2
        found = {(role, pid): count(pid) for role, pid in procs}
        if state(procs[1][1]) != "S":
            print("B's child was not asleep all through the scan: try again")
            return 2
        if all(v is None for v in found.values()):
            print("unreadable")
            return 77
        leaks = {"%s %d" % k: v for k, v in found.items() if v}
        if leaks:
            print("leak: %s (copies of A's marker)" % leaks)
            return 1
        print("clean: %d processes read" % sum(v is not None for v in found.values()))
        return 0
    finally:
        p.kill()
        p.wait()


sys.exit(main())
