# expect: pass
# An honest answer whose helper object's __del__ raises: CPython prints
# "Exception ignored in: ..." with a traceback, and goes on.
class Handle:
    def __del__(self):
        raise RuntimeError("close failed")

def append_to(x, lst=None):
    Handle()
    if lst is None:
        lst = []
    lst.append(x)
    return lst
