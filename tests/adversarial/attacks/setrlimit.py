# expect: denied
# Raises its own limits before spinning.
import resource

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for r in (resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE):
    try:
        resource.setrlimit(r, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except Exception:
        pass
