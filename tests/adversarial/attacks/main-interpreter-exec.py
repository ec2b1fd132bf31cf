# expect: denied|pass
# 3.13 renamed _xxsubinterpreters to _interpreters; the hook denies only
# the old name (and the creation of new interpreters). _interpreters.exec
# runs code in an interpreter that already exists: the grader's main one
# (id 0). The code below runs there and leaves a note in the scratch
# folder (the audit hook still applies; the library guard does not).
import sys

NOTE = None
try:
    import _interpreters
    err = _interpreters.exec(0, "import sys\n"
        "f = open('main.txt', 'w')\n"
        "f.write('ran in the main interpreter: %d modules, builtins id %x' % (len(sys.modules), id(__builtins__)))\n"
        "f.close()\n")
    with open("main.txt") as f:
        NOTE = f.read()
except Exception as e:
    NOTE = None

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if NOTE:
        lst.append(NOTE)
    return lst
