# expect: !pass
# Raises the recursion limit so far that the C stack overflows: repr of a
# list nested 200,000 deep recurses in C, then plain Python recursion.
import sys
sys.setrecursionlimit(10 ** 7)

def deep(n):
    return deep(n + 1) + 1

def append_to(x, lst=None):
    nested = []
    for _ in range(2 * 10 ** 5):
        nested = [nested]
    repr(nested)
    deep(0)
    return [x]
