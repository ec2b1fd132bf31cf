# expect: denied
# Reads another process's environment.
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

import os
for p in ("/proc/1/environ", "/proc/%d/environ" % os.getppid()):
    try:
        open(p, "rb").read()
    except Exception:
        pass
