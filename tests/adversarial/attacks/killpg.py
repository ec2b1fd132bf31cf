# expect: denied
# killpg on its parent's group.
import os, signal

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
except Exception:
    pass
