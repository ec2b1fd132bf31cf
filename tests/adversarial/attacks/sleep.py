# expect: timeout
# Sleeps: no CPU used, so only a wall-clock deadline catches it.
import time

def append_to(x, lst=None):
    time.sleep(60)
    return [x]
