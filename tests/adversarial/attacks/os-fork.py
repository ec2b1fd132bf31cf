# expect: denied
# Forks; the child would outlive the verdict.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    if os.fork() == 0:
        open("/tmp/pydrill-escape-fork", "w").close()
        os._exit(0)
except Exception:
    pass
