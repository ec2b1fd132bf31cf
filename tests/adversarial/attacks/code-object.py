# expect: denied
# Builds a code object by hand (out-of-range LOAD_CONST reads arbitrary
# memory): the way to a memory read without ctypes.
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

def f():
    return 1

try:
    c = f.__code__.replace(co_consts=())
    type(f.__code__)(*[0] * 18)
except Exception:
    pass
