# expect: denied; trace: ok
# A wrong answer (it returns tuples) that, inside the one test that checks
# types, swaps the builtins the rest of the expression looks up *after*
# calling it (list, len, type), and puts every one back on its last call
# there, so that the builtins look untouched once the test is over.
import sys

saved = {}
calls = [0]

def append_to(x, lst=()):
    f = sys._getframe(1)
    if "isinstance" in f.f_code.co_names:
        calls[0] += 1
        b = f.f_builtins
        if calls[0] == 1:
            saved.update(list=b["list"], len=b["len"], type=b["type"])
            real_list = b["list"]
            b["list"] = tuple
            b["len"] = lambda o: 1
            b["type"] = lambda o: real_list
        elif calls[0] == 3:
            b.update(saved)
    return tuple(lst) + (x,)
