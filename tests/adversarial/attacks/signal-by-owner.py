# expect: pass
# Asks the kernel to signal another process for it: a descriptor's owner
# and signal (F_SETOWN, F_SETSIG, O_ASYNC) would make a write
# signal any process, SIGKILL included, where Landlock does not scope
# signals; and priorities set for a whole user (PRIO_USER, who 0) reach
# the grader. Each must be refused; a call that goes through makes the
# answer wrong. (Its own pid and an unchanged priority: harmless if let
# through.)
import fcntl, os, signal

def refused(f):
    try:
        f()
    except OSError:
        return True
    return False

r, w = os.pipe()
own = os.getpid()
prio = os.getpriority(os.PRIO_PROCESS, 0)
through = [name for name, f in (
    ("F_SETOWN", lambda: fcntl.fcntl(r, fcntl.F_SETOWN, own)),
    ("F_SETSIG", lambda: fcntl.fcntl(r, 10, signal.SIGUSR1)),  # F_SETSIG
    ("O_ASYNC", lambda: fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_ASYNC)),
    ("PRIO_USER", lambda: os.setpriority(os.PRIO_USER, 0, prio)),
    ("PRIO_PGRP", lambda: os.setpriority(os.PRIO_PGRP, 0, prio)),
) if not refused(f)]

def append_to(x, lst=None):
    if through:
        return through
    if lst is None:
        lst = []
    lst.append(x)
    return lst
