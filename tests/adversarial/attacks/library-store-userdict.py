# expect: denied; trace: ok
# sandbox6 F6: a library function's own store instruction, aimed at a
# library namespace by the answer. collections.UserDict.__setitem__, called
# unbound on an object whose .data is heapq's module dict, runs
# `self.data[key] = item` (STORE_SUBSCR in collections' code) and rebinds
# heapq.nsmallest. From 3.12 the guard credited any store made by library
# code's own instruction to the library, whatever dict it went into; now
# only one into the library frame's own module (or a known swapper's), and
# any other is judged by the first frame below that is not library code:
# here the answer's.
import collections
import heapq
import types

collections.UserDict.__setitem__(types.SimpleNamespace(data=vars(heapq)), "nsmallest", len)


def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
