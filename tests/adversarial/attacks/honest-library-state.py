# expect: pass
# A correct answer that changes library state the honest way:
# redirect_stdout, catch_warnings (which swaps and restores a function of
# the warnings module), random.seed, copies of library objects, subclasses
# of library classes, an Enum, and lru_cache.
import contextlib, io, warnings, random, copy, collections, sys, functools
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("hi")
with warnings.catch_warnings(record=True):
    warnings.warn("x")
random.seed(3); random.gauss(0, 1)
copy.deepcopy(collections.Counter("abc"))
sys.setrecursionlimit(2000)
@functools.lru_cache
def g(n): return n
class P(collections.OrderedDict): pass
import enum
class C(enum.Enum):
    A = 1
def append_to(x, lst=None):
    if lst is None: lst = []
    lst.append(x); return lst
