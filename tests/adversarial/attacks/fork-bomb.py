# expect: denied
# The classic fork bomb, by os.fork and by multiprocessing.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for _ in range(50):
    try:
        os.fork()
    except Exception:
        pass
try:
    import multiprocessing
    multiprocessing.Process(target=lambda: None).start()
except Exception:
    pass
