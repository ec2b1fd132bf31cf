# expect: denied; never: solution
# sandbox6 F5: the pack beside pydrill's binary, in a folder whose name
# holds ".so" (grader.sources/, made by 0001-attacks.t two levels above the
# scratch folder). The read list took the folder of every mapped file
# whose path contained ".so", the binary's own among them: the pack, its
# solutions and hidden tests were readable.
import os

PACK = os.path.join(os.path.dirname(os.path.dirname(os.getcwd())), "grader.sources", "pack.json")
with open(PACK) as f:
    TEXT = f.read()


def append_to(x, lst=None):
    if "solution" not in TEXT:
        raise RuntimeError("no pack")
    if lst is None:
        lst = []
    lst.append(x)
    return lst
