# expect: fail
# Returns a list subclass whose __len__ ends the process when trusted C
# code asks (no Python frame calls it then): the encoder must refuse the
# value by its exact type without calling it. A test's own len() call is
# answered honestly.
import os, sys

class L(list):
    def __len__(self):
        try:
            sys._getframe(1)
        except ValueError:
            os._exit(0)
        return list.__len__(self)

def append_to(x, lst=None):
    return L([x] if lst is None else lst + [x])
