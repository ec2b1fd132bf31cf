# expect: denied
# Opens its own memory through /proc to read the channel's secret.
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for p in ("/proc/self/mem", "/proc/thread-self/mem"):
    try:
        open(p, "rb").read(1)
    except Exception:
        pass
