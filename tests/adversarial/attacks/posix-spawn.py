# expect: denied
# Starts a program with posix_spawn.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    os.posix_spawn("/bin/sh", ["sh", "-c", "touch /tmp/pydrill-escape-spawn"], {})
except Exception:
    pass
