# expect: error
# Raises a class of its own named TypeError where a test expects the
# built-in TypeError: a name is not a class.
class TypeError(Exception):
    pass

def append_to(x=None, lst=None):
    if x is None:
        raise TypeError("missing x")
    return [x] if lst is None else lst + [x]
