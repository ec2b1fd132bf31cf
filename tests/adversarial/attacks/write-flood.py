# expect: output
# 50 MB straight to fd 1, around sys.stdout.
import os

def append_to(x, lst=None):
    chunk = b"x" * (1024 * 1024)
    for _ in range(50):
        os.write(1, chunk)
    return [x] if lst is None else lst + [x]
