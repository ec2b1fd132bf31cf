# expect: denied
# Loads crafted bytecode through marshal, as a .pyc would.
import marshal

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    marshal.loads(marshal.dumps(append_to.__code__))
except Exception:
    pass
