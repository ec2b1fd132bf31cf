# expect: pass; never: MB, in the scratch folder
# (sandbox5 F2: making a name through a directory descriptor is refused
# by seccomp, EPERM, so fill() stops at its first file: a pass.)
# The scratch folder may hold 64 files or folders (the hook counts each
# new one), each at most the output limit. But the hook decides "new" by
# stat()ing the path relative to the cwd, whatever dir_fd says: a name
# that already exists at the top of the scratch folder is not counted when
# it is made inside a subfolder through dir_fd. 63 folders d0..d62, then
# in each folder 63 files named d0..d62: 3969 files of 64 KB, ~250 MB in
# the scratch folder's file system (tmpfs /dev/shm by default), outside
# the memory limit. Returns [x] plus what it managed, so a test fails
# while the attack works.
import os

def fill():
    names = ["d%d" % i for i in range(63)]
    made = 0
    block = b"\0" * 65536
    if os.path.isdir(names[0]):
        return -1  # a later test: the files are still there
    for n in names:
        os.mkdir(n)
    for d in names:
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
        for n in names:
            try:
                f = os.open(n, os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd)
            except FileExistsError:
                continue
            try:
                os.write(f, block)
                made += 1
            finally:
                os.close(f)
        os.close(fd)
    return made

import time
try:
    MADE = fill()
except Exception as e:
    MADE = repr(e)
try:
    # hold it while the other answers of the batch run (the module is run
    # again for each test; each stays under the 1000 ms limit)
    time.sleep(0.3 if MADE != -1 else 0.8)
except Exception as e:
    MADE = repr(e)

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if isinstance(MADE, int) and MADE != -1 and MADE > 64:
        lst.append("made %d files, %d MB, in the scratch folder" % (MADE, MADE // 16))
    return lst
