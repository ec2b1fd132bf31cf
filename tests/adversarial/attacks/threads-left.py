# expect: fail
# Leaves non-daemon threads spinning after the answer returns; the verdict
# must still come within the time limit: had it waited, the deadline would
# have made it a timeout, not a fail. The
# answer runs once per test in the same process: start them only once.
import sys, threading

def spin():
    while True:
        pass

if not getattr(sys, "_pydrill_spinning", False):
    sys._pydrill_spinning = True
    for _ in range(2):
        threading.Thread(target=spin).start()

def append_to(x, lst=[]):
    lst.append(x)
    return lst
