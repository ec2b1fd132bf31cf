# expect: pass
# Asks for more of the CPU than any other process: a real-time policy
# (SCHED_FIFO, SCHED_RR) or a negative nice value for itself. Root has
# CAP_SYS_NICE, and seccomp lets sched_setscheduler/setpriority through
# for "itself" (0), so as root both go through today. A real-time answer
# that keeps the CPUs busy starves every ordinary process -- the other
# answers of the batch and the grader -- down to the kernel's 5% RT
# throttle (see rt-hog.py). Each must be refused; a call that goes
# through makes the answer wrong. (Harmless as an unprivileged user:
# the kernel already refuses both.)
import os

def refused(f):
    try:
        f()
    except OSError:
        return True
    return False

through = [name for name, f in (
    ("SCHED_FIFO", lambda: os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))),
    ("SCHED_RR", lambda: os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(1))),
    ("sched_setparam", lambda: os.sched_setparam(0, os.sched_param(1))),
    ("nice -20", lambda: os.setpriority(os.PRIO_PROCESS, 0, -20)),
    ("nice(-5)", lambda: os.nice(-5)),
) if not refused(f)]
# put things back, in case the call went through
try:
    os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
except OSError:
    pass

def append_to(x, lst=None):
    if through:
        return through
    if lst is None:
        lst = []
    lst.append(x)
    return lst
