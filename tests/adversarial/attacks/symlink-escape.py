# expect: denied
# Makes a symlink in the scratch folder that points outside, and writes
# through it.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

outside = os.path.join(os.path.dirname(os.getcwd()), "pydrill-escape-symlink")
for target in (outside, "../pydrill-escape-symlink"):
    try:
        os.symlink(target, "link")
        with open("link", "w") as f:
            f.write("out")
    except Exception:
        pass
    try:
        os.unlink("link")
    except Exception:
        pass
