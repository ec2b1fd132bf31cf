# expect: pass
# An honest answer whose worker thread raises (what a GIL drill shows):
# threading.excepthook prints the traceback, and the answer goes on. On
# 3.11 the C traceback printer looks for "answer.py" along sys.path by
# opening each candidate, and the audit hook takes that for the answer
# reading outside the sandbox: denied.
import threading

def boom():
    raise ValueError("in a thread")

t = threading.Thread(target=boom)
t.start()
t.join()

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
