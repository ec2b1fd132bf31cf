# expect: denied; trace: ok
# Has copy.copy call setattr(heapq, ...) for it, through __reduce_ex__:
# library code that only calls what the answer handed it.
import copy, heapq
class Evil:
    def __reduce_ex__(self, proto):
        return (setattr, (heapq, "nsmallest", len))
def append_to(x, lst=None):
    copy.copy(Evil())
    if lst is None: lst = []
    lst.append(x); return lst
