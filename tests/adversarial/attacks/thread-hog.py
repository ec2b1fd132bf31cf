# expect: denied
# Holds thousands of small-stacked threads (the user's process limit is
# shared with every other answer), and gives the right answer anyway.
import threading, time

threading.stack_size(65536)  # 3.14 refuses less than 53,248 bytes
held = []
try:
    for _ in range(5000):
        t = threading.Thread(target=time.sleep, args=(20,), daemon=True)
        t.start()
        held.append(t)
except Exception:
    pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
