# expect: pass
# An honest answer with a background thread (a heartbeat that reads a
# module-level setting) that is still running when the next test starts.
import threading, time

INTERVAL = 0.005

def _tick():
    while True:
        time.sleep(INTERVAL)

threading.Thread(target=_tick, daemon=True).start()

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
