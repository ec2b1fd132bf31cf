# expect: denied; trace: ok
# sandbox6 F2: a change to the library made with no Python frame running
# was credited to pydrill's own C code. Here a weakref callback that is a C
# callable (functools.partial of setattr) rebinds heapq.nsmallest when the
# object it watches dies, and the answer arranges for that to happen when
# pydrill's C code clears the test's namespace (which then holds the only
# reference). Now only what pydrill marks as its own is credited to it.
import functools
import heapq
import weakref


class Trap:
    pass


trap = Trap()
REF = weakref.ref(trap, functools.partial(setattr, heapq, "nsmallest"))


def append_to(x, lst=None, _keep=[REF]):
    globals().pop("trap", None)  # the test's namespace keeps its own reference
    if lst is None:
        lst = []
    lst.append(x)
    return lst
