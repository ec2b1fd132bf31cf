# expect: fail
# Leaves non-daemon threads spinning after the answer returns; the verdict
# must still come within the time limit (the test checks time_ms).
import threading

def spin():
    while True:
        pass

for _ in range(4):
    threading.Thread(target=spin).start()

def append_to(x, lst=[]):
    lst.append(x)
    return lst
