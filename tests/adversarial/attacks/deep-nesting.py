# expect: fail
# Returns a list nested thousands of levels deep, for the child's encoder
# and the worker's decoder: each must refuse it as a value (a depth limit),
# not overflow a C stack, and the batch must go on.
def append_to(x, lst=None):
    a = [x] if lst is None else lst + [x]
    for _ in range(5000):
        a = [a]
    return a
