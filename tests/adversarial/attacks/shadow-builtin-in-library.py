# expect: denied; trace: ok
# Adds a global named like a builtin (len) to a library module, which its
# functions would then call instead of the builtin.
import heapq
heapq.len = lambda o: 0
def append_to(x, lst=None):
    if lst is None: lst = []
    lst.append(x); return lst
