# expect: denied; trace: ok
# Patches a library function only when a test's setup calls it (the
# second test calls append_to in its setup), so that on 3.11, which
# compares after each phase, the change lands in the setup's phase: the
# setup's own code stores no such name, so it is still the answer's.
import heapq
import sys

def append_to(x, lst=None):
    if sys._getframe(1).f_code.co_filename == "<setup>":
        heapq.nsmallest = lambda *a, **k: [1]
    if lst is None:
        lst = []
    lst.append(x)
    return lst
