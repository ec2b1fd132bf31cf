"""The grader's rules for values and printed output (SPEC 2.4, 2.5, 3.2), in
Python, for the authoring tools: which values are plain, when two are the
same, how output is normalised before it is compared. verify_drills.py
runs this file's text inside its harness; parsons_orders.py imports it."""
import math

PLAIN = (type(None), bool, int, float, str, bytes, list, tuple, dict, set, frozenset)

def plain(v, depth=0):
    if depth > 100 or type(v) not in PLAIN:
        return False
    if type(v) in (list, tuple, set, frozenset):
        return all(plain(x, depth + 1) for x in v)
    if type(v) is dict:
        return all(plain(k, depth + 1) and plain(x, depth + 1) for k, x in v.items())
    return True

def same(a, b, tol=None):
    if type(a) is not type(b):
        return False
    t = type(a)
    if t is float:
        if math.isnan(a) and math.isnan(b):
            return True
        if tol:
            return math.isclose(a, b, rel_tol=tol)
        return a == b
    if t in (list, tuple):
        return len(a) == len(b) and all(same(x, y, tol) for x, y in zip(a, b))
    if t in (set, frozenset):
        if len(a) != len(b):
            return False
        rest = list(b)
        for x in a:
            for i, y in enumerate(rest):
                if same(x, y, tol):
                    del rest[i]
                    break
            else:
                return False
        return True
    if t is dict:
        if len(a) != len(b):
            return False
        for k, v in a.items():
            match = [k2 for k2 in b if same(k, k2)]
            if len(match) != 1 or not same(v, b[match[0]], tol):
                return False
        return True
    return a == b

def norm(s):
    lines = [l.rstrip() for l in s.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines
