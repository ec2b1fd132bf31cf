# expect: denied
# Looks for the other answers of the batch: their scratch folders sit
# beside this one. Listing the parent must be refused (and the attempt is
# what the status says), whether or not the answer catches the error; were
# it allowed, the answer would be right and pass.
import os

try:
    os.listdir("..")
    seen = True
except OSError:
    seen = False

if seen:
    def append_to(x, lst=None):
        if lst is None:
            lst = []
        lst.append(x)
        return lst
else:
    def append_to(x, lst=[]):
        lst.append(x)
        return lst
