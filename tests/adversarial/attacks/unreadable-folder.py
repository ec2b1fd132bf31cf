# expect: pass
# Leaves folders its owner cannot read or enter (modes are not the
# answer's to change, but mkdir takes one), with files inside ("inner" is
# write and search only, made so before its file): the grader
# must still empty its scratch folder (0001-attacks.t checks that nothing
# is left, which matters as a user other than root, who reads anything).
import os

for name, mode in (("wx", 0o300), ("none", 0o000), ("x", 0o100)):
    try:
        os.mkdir(name, 0o700)
        os.mkdir(os.path.join(name, "inner"), 0o300)
        with open(os.path.join(name, "inner", "f"), "w") as f:
            f.write("left behind")
        os.mkdir(name + "-made", mode)
        os.mkdir(os.path.join(name, "last"), mode)
    except OSError:
        pass

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
