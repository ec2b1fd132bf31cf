# expect: fail
# Elements that are int subclasses equal to everything, in a real list.
class I(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__

def append_to(x, lst=[]):
    lst.append(I(x))
    return lst
