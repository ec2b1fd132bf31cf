# expect: pass; never: made through a descriptor
# Every other way to make a name through a directory descriptor, where the
# hook cannot place it (its audit events carry no dir_fd): mkdir, symlink,
# link, rename and an O_TMPFILE file, each through a descriptor of a
# subfolder. The kernel refuses them all (EPERM), so nothing lands and the
# answer passes; a name that does land shows in the value.
import os

MADE = []

def attempt(what, fn):
    try:
        fn()
        MADE.append(what)
    except OSError:
        pass

if not os.path.isdir("sub"):
    os.mkdir("sub")
    with open("src.txt", "w") as f:
        f.write("x")
    fd = os.open("sub", os.O_RDONLY | os.O_DIRECTORY)
    attempt("mkdir", lambda: os.mkdir("m", dir_fd=fd))
    attempt("symlink", lambda: os.symlink("src.txt", "s", dir_fd=fd))
    attempt("link", lambda: os.link("src.txt", "l", dst_dir_fd=fd))
    attempt("rename", lambda: os.rename("src.txt", "r", dst_dir_fd=fd))
    attempt("replace", lambda: os.replace("src.txt", "r", dst_dir_fd=fd))
    attempt("open", lambda: os.close(os.open("o", os.O_WRONLY | os.O_CREAT, dir_fd=fd)))
    attempt("tmpfile", lambda: os.close(os.open(".", os.O_WRONLY | getattr(os, "O_TMPFILE", 0), dir_fd=fd)))
    os.close(fd)
    MADE += ["%s/%s" % ("sub", n) for n in os.listdir("sub")]

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if MADE:
        lst.append("made through a descriptor: %s" % ", ".join(MADE))
    return lst
