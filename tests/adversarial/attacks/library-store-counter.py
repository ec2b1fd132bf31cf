# expect: denied; trace: ok
# sandbox6 F6: collections.Counter.update, called unbound with heapq's
# module dict as `self` and the mapping {'nsmallest': adder}, runs
# `self[elem] = count + self_get(elem, 0)` (STORE_SUBSCR in collections'
# code); the adder's __add__ returns the replacement. A store by library
# code into another module's namespace is judged by who called it.
import collections
import heapq


class _Adder:
    def __add__(self, other):
        return len


collections.Counter.update(vars(heapq), {"nsmallest": _Adder()})


def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
