# expect: denied; trace: ok
# Patches builtins that a grader written in Python might use to compare.
import builtins

builtins.isinstance = lambda *a: True
builtins.repr = lambda o: "[1]"
builtins.len = lambda o: 1
builtins.type = lambda *a: list
builtins.AssertionError = type("Nope", (Exception,), {})

def append_to(x, lst=[]):
    lst.append(x)
    return lst
