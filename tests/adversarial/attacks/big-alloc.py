# expect: memory
# One 10 GB allocation.
def append_to(x, lst=None):
    b = bytearray(10 * 1024 ** 3)
    return [x]
