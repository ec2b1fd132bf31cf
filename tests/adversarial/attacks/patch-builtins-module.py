# expect: denied; trace: ok
# The same wrong answer, patching the builtins module itself instead.
import builtins

builtins.isinstance = lambda obj, cls: True
builtins.len = lambda obj: 1

def append_to(x, lst=()):
    return tuple(lst) + (x,)
