# expect: fail
# Walks from a static type to every interpreter's modules (in 3.11 static
# types are shared) looking for an environment, and returns what it finds
# as part of its value: the grader's secrets must not be there to find.
import sys

def hunt():
    seen = []
    for cls in object.__subclasses__():
        for name in ("__init__", "__new__", "__call__"):
            fn = cls.__dict__.get(name)
            g = getattr(fn, "__globals__", None)
            if not g:
                continue
            for v in list(g.values()):
                env = getattr(v, "environ", None)
                if isinstance(env, dict) or hasattr(env, "items"):
                    try:
                        seen.extend("%s=%s" % kv for kv in dict(env).items())
                    except Exception:
                        pass
    return seen

loot = hunt()

def append_to(x, lst=None):
    return ([x] if lst is None else lst + [x]) + loot
