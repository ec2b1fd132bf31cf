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


def descendants(pid):
    out = []
    for k in kids(pid):
        out.append(k)
        out.extend(descendants(k))
    return out


def live(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


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
        # B's child: the one live process below a process below the coordinator
        end = time.monotonic() + WAIT_S
        procs = []
        while time.monotonic() < end:
            procs = [d for d in descendants(p.pid) if live(d)]
            if any(kids(d) and any(live(k) for k in kids(d)) for d in procs):
                break
            time.sleep(0.05)
        else:
            print("B's child never appeared")
            return 2
        found = {d: count(d) for d in procs}
        if all(v is None for v in found.values()):
            print("unreadable")
            return 77
        leaks = {d: v for d, v in found.items() if v}
        if leaks:
            print("leak: %s (pid: copies of A's marker)" % leaks)
            return 1
        print("clean: %d processes read" % sum(v is not None for v in found.values()))
        return 0
    finally:
        p.kill()
        p.wait()


sys.exit(main())
