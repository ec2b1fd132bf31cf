# expect: denied; trace: ok
# Replaces a loaded library module in sys.modules, so that a test's
# import gets the answer's module.
import sys, types
sys.modules["heapq"] = types.ModuleType("heapq")
def append_to(x, lst=None):
    if lst is None: lst = []
    lst.append(x); return lst
