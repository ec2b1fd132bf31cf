# expect: denied; never: MB, in the scratch folder
# The scratch folder's cap (64 files or folders) after a chdir: the hook
# must judge a relative name against the real cwd, not the scratch
# folder. 63 folders d0..d62 at the top, then, from inside each (os.chdir
# for the first half, os.fchdir for the rest), files named d0..d62: each
# name exists at the top, none where it is made. Were they judged against
# the top they would go uncounted: 3969 files of 64 KB. Counted where they
# land, the 65th entry is refused.
import os

def fill():
    names = ["d%d" % i for i in range(63)]
    made = 0
    block = b"\0" * 65536
    if os.path.isdir(names[0]):
        return -1  # a later test: the files are still there
    top = os.getcwd()
    for n in names:
        os.mkdir(n)
    for k, d in enumerate(names):
        if k % 2:
            fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
            os.fchdir(fd)
            os.close(fd)
        else:
            os.chdir(d)
        for n in names:
            try:
                with open(n, "wb") as f:
                    f.write(block)
                made += 1
            except PermissionError:
                pass
        os.chdir(top)
    return made

try:
    MADE = fill()
except Exception as e:
    MADE = repr(e)

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if isinstance(MADE, int) and MADE > 64:
        lst.append("made %d files, %d MB, in the scratch folder" % (MADE, MADE // 16))
    return lst
