# expect: pass
# sandbox6 F2: pydrill flushed whatever sys.stdout was, from C, between the
# answer's module and the test; a stream whose flush is a C callable of the
# answer's (functools.partial of setattr) rebound heapq.nsmallest there,
# with no Python frame to say whose the change was (3.12+ credited it to
# pydrill; 3.11 saw it and denied). pydrill flushes only the real capture
# now, and a stream of another type is never called: the patch is never
# made, which the answer checks, failing if its flush ran.
import functools
import heapq
import sys
import types

REAL = heapq.nsmallest
sys.stdout = types.SimpleNamespace(write=sys.__stdout__.write,
                                   flush=functools.partial(setattr, heapq, "nsmallest", len))


def append_to(x, lst=None):
    if heapq.nsmallest is not REAL:
        return "pydrill ran the answer's flush"
    if lst is None:
        lst = []
    lst.append(x)
    return lst
