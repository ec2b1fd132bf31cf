# expect: denied
# Loads native code to read memory and call libc directly.
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    import ctypes
    ctypes.CDLL(None).kill(0, 9)
except Exception:
    pass
