# expect: denied; trace: ok
# sandbox6 F4, the setup's half: a function of the answer's that a setup
# calls rebinds a name in the test's namespace (here append_to, to another
# function of its own; in the audit, gotchas.json's mutable-default-fix,
# the caller's list `mine` that the hidden expression compares with `is`,
# so that a wrong answer passed). From 3.12 a change to the namespace while
# setup runs is the setup's only if the setup's own code makes it. 3.11
# compares versions and cannot tell whose a change during setup is (README,
# Not promised): there the answer also changes the namespace while an
# expression runs, which 3.11 does see, so that the status is the same.
import sys


def _fresh(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst


def append_to(x, lst=None):
    frame = sys._getframe(1)
    if frame.f_code.co_filename == "<setup>":
        frame.f_globals["append_to"] = _fresh
    elif sys.version_info < (3, 12) and frame.f_globals is not globals():
        frame.f_globals["_seen"] = True
    return _fresh(x, lst)
