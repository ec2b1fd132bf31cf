# expect: denied
# Replaces the process with a shell.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    os.execv("/bin/sh", ["sh", "-c", "touch /tmp/pydrill-escape-exec"])
except Exception:
    pass
