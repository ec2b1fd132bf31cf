# expect: pass
# A correct answer that uses the file system as honest code does, through
# paths (the kernel refuses only names made through a directory
# descriptor, which the standard library never makes): os.makedirs,
# pathlib, files in subfolders, a chdir into one, os.replace, a tempfile
# folder, shutil.copyfile, and shutil.rmtree, which removes
# through dir_fd. (Not copytree or copy2: they copy times and modes, and
# any change of a file's metadata is refused.) 12 entries, tempfile's probe
# of its folder included, made again for each of the drill's 5 tests: the
# scratch folder's 64 are counted over the child, removed or not.
import os, pathlib, shutil, tempfile

os.makedirs("a/b/c", exist_ok=True)
pathlib.Path("p/q").mkdir(parents=True, exist_ok=True)
pathlib.Path("p/q/r.txt").write_text("pathlib")
with open("a/b/c/deep.txt", "w") as f:
    f.write("deep")
top = os.getcwd()
os.chdir("a/b")
with open("here.txt", "w") as f:
    f.write("after chdir")
os.replace("here.txt", "c/moved.txt")
os.chdir(top)
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "x.txt"), "w") as f:
        f.write("x")
shutil.copyfile("a/b/c/deep.txt", "a/b/c/copy.txt")
CHECK = sorted(os.listdir("a/b/c"))
shutil.rmtree("a")
shutil.rmtree("p")
assert CHECK == ["copy.txt", "deep.txt", "moved.txt"], CHECK
assert not os.path.exists("a")

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
