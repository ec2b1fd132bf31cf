# expect: pass
# A correct answer that leans on the standard library the drills use:
# dataclasses, statistics, decimal and fractions (native helpers loaded
# lazily), collections, functools, itertools, datetime and time zones.
import dataclasses, statistics, decimal, fractions, functools, itertools
import collections, datetime, time, json, re, enum, typing

@dataclasses.dataclass(frozen=True)
class P:
    x: int
    y: int = 0

assert statistics.mean([1, 2, 3, 4]) == 2.5
assert decimal.Decimal("0.1") + decimal.Decimal("0.2") == decimal.Decimal("0.3")
assert fractions.Fraction(1, 3) * 3 == 1
assert collections.Counter("abca")["a"] == 2
assert functools.reduce(int.__add__, range(5)) == 10
assert list(itertools.islice(itertools.count(), 3)) == [0, 1, 2]
assert datetime.datetime.now().year >= 2024
assert time.localtime().tm_year >= 2024
assert json.loads(json.dumps({"a": [1]})) == {"a": [1]}
Point = collections.namedtuple("Point", "x y")
assert Point(1, 2).y == 2
class Color(enum.Enum):
    RED = 1
assert Color(1) is Color.RED

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
