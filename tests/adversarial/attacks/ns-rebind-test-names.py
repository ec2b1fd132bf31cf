# expect: denied; trace: ok
# sandbox6 F4: the bug is left in, and the answer rebinds the test's own
# names from its caller's frame: once a test has called append_to, its
# namespace's append_to is a correct function, so the later calls of the
# same test (and the hidden one's expression after its setup) pass. From
# 3.12 the namespace was watched only for builtins' names; 3.11 compares
# its version while expr runs. Now any change while expr runs is denied,
# and while setup runs any change but the setup's own.
import sys


def _fresh(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst


def append_to(x, lst=[]):
    caller = sys._getframe(1).f_globals
    if caller is not globals():
        caller["append_to"] = _fresh
    lst.append(x)
    return lst
