# expect: error|fail
# Returns an object that claims to equal anything and looks like a list.
class Liar:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    def __hash__(self):
        return hash((1,))
    def __repr__(self):
        return "[1]"
    __class__ = list

def append_to(x, lst=None):
    return Liar()
