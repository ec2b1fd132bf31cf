# expect: denied
# Runs a shell command.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    os.system("touch /tmp/pydrill-escape-system")
except Exception:
    pass
