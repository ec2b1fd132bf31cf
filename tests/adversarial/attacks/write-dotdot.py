# expect: denied
# Writes through a ../ escape from the scratch folder.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for p in ("../pydrill-escape-dotdot", "../../pydrill-escape-dotdot", "sub/../../pydrill-escape-dotdot"):
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"out")
        os.close(fd)
    except Exception:
        pass
