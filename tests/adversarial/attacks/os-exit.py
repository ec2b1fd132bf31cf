# expect: crash
# Ends the whole process with status 0 before any result is sent.
import os

def append_to(x, lst=[]):
    lst.append(x)
    return lst

os._exit(0)
