# expect: fail
# A wrong answer (it returns a tuple) that defines the builtins the tests
# call, so that a test resolving names in the answer's namespace would say
# "a list of one item".
def append_to(x, lst=()):
    return tuple(lst) + (x,)

def isinstance(obj, cls):
    return True

def len(obj):
    return 1

def type(obj):
    return list
