# expect: !pass
# Starts threads until something gives: each has its own stack, so the
# memory limit bounds them even where a process limit cannot.
import threading, time

threads = []
try:
    while True:
        t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
        t.start()
        threads.append(t)
except Exception:
    pass

def append_to(x, lst=[]):
    lst.append(x)
    return lst
