# expect: fail
# A list subclass whose comparisons and repr lie.
class L(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = None
    def __repr__(self):
        return "[2]"

_shared = L()

def append_to(x, lst=_shared):
    lst.append(x)
    return lst
