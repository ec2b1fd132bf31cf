# expect: denied; trace: ok
# Changes a library function's defaults instead of rebinding it.
import heapq
heapq.nsmallest.__defaults__ = (1,)
def append_to(x, lst=None):
    if lst is None: lst = []
    lst.append(x); return lst
