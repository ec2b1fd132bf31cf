# expect: denied|fail
# A wrong answer that climbs to the test's frame while the test runs and
# swaps the builtins the rest of the expression calls, then puts them back.
import sys

saved = {}

def append_to(x, lst=()):
    f = sys._getframe(1)
    b = f.f_builtins
    if not saved:
        saved["isinstance"] = b["isinstance"]
        saved["len"] = b["len"]
        b["isinstance"] = lambda o, c: True
        b["len"] = lambda o: 1
        f.f_globals["isinstance"] = b["isinstance"]
    else:
        b.update(saved)
        f.f_globals.pop("isinstance", None)
    return tuple(lst) + (x,)
