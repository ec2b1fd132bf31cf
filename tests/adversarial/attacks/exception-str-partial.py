# expect: pass
# sandbox6 F2: pydrill read an exception's message with str() from C, so a
# class whose __str__ is a C callable of the answer's (functools.partial
# of setattr) ran there with no Python frame, and rebound heapq.nsmallest
# (3.12+ credited the change to pydrill; 3.11 saw it and denied). Such a
# __str__ is not called now: the message is the built-in class's own. The
# raising test expects TypeError, and passes.
import functools
import heapq


class Missing(TypeError):
    __str__ = functools.partial(setattr, heapq, "nsmallest", len)


def append_to(*args):
    if not args:
        raise Missing("an item is needed")
    x, lst = args[0], (args[1] if len(args) > 1 else None)
    if lst is None:
        lst = []
    lst.append(x)
    return lst
