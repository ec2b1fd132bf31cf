# expect: denied
# Changes metadata outside its scratch folder in ways the audit hook could
# mistake for "inside": by descriptor, by dir_fd, and by a relative path
# after chdir; the parent of the scratch folder is where reports go.
import os

targets = []
try:
    fd = os.open("..", os.O_RDONLY | os.O_DIRECTORY)
    targets.append(lambda: os.fchmod(fd, 0o500))
    targets.append(lambda: os.chmod(".", 0o500, dir_fd=fd))
except OSError:
    pass
def after_chdir():
    os.chdir("..")
    os.chmod(".", 0o500)
targets.append(after_chdir)
targets.append(lambda: os.utime(os.__file__, (0, 0)))
targets.append(lambda: os.setxattr(os.__file__, "user.pydrill", b"x"))
for t in targets:
    try:
        t()
    except Exception:
        pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
