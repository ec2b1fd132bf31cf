# expect: denied; never: hand-made code
# The third trusted maker of code objects: types.coroutine, which runs
# co = func.__code__; func.__code__ = co.replace(co_flags=co.co_flags |
# 0x100) on a generator function. A trace function swaps its `co` local
# on the 'line' event before the replace (written back to the frame when
# the trace function returns) for another function's code, one that is
# no generator: code.replace then makes a code object the standard library
# never would (CO_ITERABLE_COROUTINE on plain code), of the answer's choosing.
import sys, types

def gen(a):
    yield a

def plain(a):
    return a

def tracer(frame, event, arg):
    if frame.f_code is types.coroutine.__code__:
        loc = frame.f_locals
        if loc.get("co") is gen.__code__:
            loc["co"] = plain.__code__
        return tracer
    return None

RESULT = None
sys.settrace(tracer)
try:
    types.coroutine(gen)
except Exception:
    pass
finally:
    sys.settrace(None)
if gen.__code__.co_name == "plain":
    RESULT = "hand-made code: flags %#x" % gen.__code__.co_flags

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if RESULT:
        lst.append(RESULT)
    return lst
