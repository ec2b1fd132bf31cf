# expect: crash
# Closes every fd the process may hold, the result channel among them.
import os

def append_to(x, lst=[]):
    lst.append(x)
    return lst

os.closerange(0, 256)
