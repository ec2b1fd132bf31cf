# expect: error
# A metaclass whose mro() claims TypeError, so that isinstance and except
# clauses believe it: the class does not derive from TypeError.
class Liar(type):
    def mro(cls):
        return (cls, TypeError, Exception, BaseException, object)

class Fake(Exception, metaclass=Liar):
    pass

def append_to(x=None, lst=None):
    if x is None:
        raise Fake("missing x")
    return [x] if lst is None else lst + [x]
