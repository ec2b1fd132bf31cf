# expect: denied
# Hunts for the pack on disk (the drill's solution and hidden tests) and for
# other candidates' answers: walks up from the scratch folder, then the usual
# places, and reads any JSON it finds. Reads outside the standard library and
# its own scratch folder must be refused.
import os

found = []

def hunt(top, depth):
    if depth < 0:
        return
    try:
        names = os.listdir(top)
    except OSError:
        return
    for n in names:
        p = os.path.join(top, n)
        if n.endswith((".json", ".py")) and os.path.isfile(p):
            try:
                with open(p) as f:
                    found.append(f.read(200))
            except OSError:
                pass
        elif os.path.isdir(p) and not os.path.islink(p):
            hunt(p, depth - 1)

for start in ("..", "../..", "/tmp", "/root", "/home", "/work", "/etc"):
    try:
        hunt(start, 3)
    except Exception:
        pass

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
