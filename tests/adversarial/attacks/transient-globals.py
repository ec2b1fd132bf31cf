# expect: denied; trace: ok
# A wrong answer (it returns tuples) that, inside the one test that checks
# types, binds list, len and type in the test's own namespace, where the
# rest of the expression finds them before the builtins, and deletes them
# again on its last call there, so that the namespace looks untouched once
# the test is over.
import sys

calls = [0]

def append_to(x, lst=()):
    f = sys._getframe(1)
    if "isinstance" in f.f_code.co_names:
        calls[0] += 1
        g = f.f_globals
        if calls[0] == 1:
            real_list = f.f_builtins["list"]
            g["list"] = tuple
            g["len"] = lambda o: 1
            g["type"] = lambda o: real_list
        elif calls[0] == 3:
            for name in ("list", "len", "type"):
                g.pop(name, None)
    return tuple(lst) + (x,)
