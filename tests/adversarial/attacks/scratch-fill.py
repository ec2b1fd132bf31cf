# expect: denied|output
# Fills its scratch folder (a tmpfs shared with the others' scratch folders)
# with as many files as it can, each as big as it may be.
import os

block = b"x" * 60000
try:
    for i in range(100000):
        with open("fill-%d" % i, "wb") as f:
            f.write(block)
except Exception:
    pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
