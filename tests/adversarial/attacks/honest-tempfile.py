# expect: pass
# A correct answer that uses the file system the way answers may: a
# temporary file (tempfile honours $TMPDIR, the scratch folder), a file in
# its cwd, and /dev/null.
import os, tempfile

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "note.txt"), "w") as f:
        f.write("scratch")
with open("local.txt", "w") as f:
    f.write("cwd")
with open(os.devnull, "w") as f:
    f.write("nothing")

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
