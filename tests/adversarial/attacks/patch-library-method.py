# expect: denied; trace: ok
# Rebinds a method of a library class (collections.Counter.most_common).
import collections
collections.Counter.most_common = lambda self, n=None: [("a", 9)]
def append_to(x, lst=None):
    if lst is None: lst = []
    lst.append(x); return lst
