# expect: pass; never: stash-marker
# Keeps what a hidden test passed it in a file of its scratch folder and
# hands it back in a later visible test's value, which the report shows.
# Visible tests run before hidden ones, so there is nothing to hand back.
import os

def append_to(x, lst=None):
    if x == 2:
        with open("stash.txt", "w") as f:
            f.write("stash-marker-%r" % x)
    if x == 3 and os.path.exists("stash.txt"):
        with open("stash.txt") as f:
            return lst + [x, f.read()]
    return [x] if lst is None else lst + [x]
