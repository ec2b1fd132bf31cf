# expect: fail
# Walks the frames above the answer looking for the tests and the expected
# values, and rewrites any it finds.
import sys

def append_to(x, lst=[]):
    f = sys._getframe(0)
    while f is not None:
        for k, v in list(f.f_locals.items()):
            if k in ("expect", "expected", "want"):
                try:
                    f.f_locals[k] = [x]
                except Exception:
                    pass
        f = f.f_back
    lst.append(x)
    return lst
