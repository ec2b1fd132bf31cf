# expect: pass
# A correct answer that happens to use builtin names for its own helpers,
# as honest code does: the tests still see the real builtins, and the
# answer's own code sees its own.
def list(*items):
    return [*items]

def append_to(x, lst=None):
    if lst is None:
        lst = list()
    lst.append(x)
    return lst
