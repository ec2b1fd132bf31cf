# expect: denied
# SIGKILL to every process of its process group, and to every process.
import os, signal

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for pid in (0, -1):
    try:
        os.kill(pid, signal.SIGKILL)
    except Exception:
        pass
