# expect: fail
# An object that says it is a list (__class__ is a property returning
# list, so isinstance believes it), equal to everything, of length one:
# values are read by their real type, and type() is not fooled.
class Fake:
    __class__ = property(lambda self: list)
    __hash__ = None

    def __init__(self, items):
        self.items = items

    def __eq__(self, other):
        return True

    def __len__(self):
        return 1

    def __iter__(self):
        return iter(self.items)

    def __repr__(self):
        return repr(self.items)

def append_to(x, lst=None):
    return Fake([x] if lst is None else lst + [x])
