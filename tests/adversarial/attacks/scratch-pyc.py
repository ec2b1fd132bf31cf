# expect: !pass
# Writes a module's bytecode to the scratch folder and imports it, the
# route a crafted .pyc would take.
import importlib, marshal, os, sys

def append_to(x, lst=[]):
    lst.append(x)
    return lst

try:
    code = compile("X = 1", "evil.py", "exec")
    with open("evil.pyc", "wb") as f:
        f.write(importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code))
    sys.path.insert(0, os.getcwd())
    import evil
except Exception:
    pass
