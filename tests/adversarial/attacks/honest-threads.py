# expect: pass
# A correct answer that uses a thread pool, as the GIL drills do: threads
# must work inside the sandbox (clone with CLONE_THREAD is allowed).
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(max_workers=4) as pool:
    assert sum(pool.map(lambda n: n * n, range(100))) == 328350

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
