# expect: denied
# SIGKILL to the grader itself.
import os, signal

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    os.kill(os.getppid(), signal.SIGKILL)
except Exception:
    pass
