# expect: denied
# Writes by absolute path outside the scratch folder.
import os

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for d in (os.environ.get("TMPDIR", "/tmp"), "/tmp", os.path.expanduser("~")):
    try:
        with open(os.path.join(d, "pydrill-escape-abs"), "w") as f:
            f.write("out")
    except Exception:
        pass
