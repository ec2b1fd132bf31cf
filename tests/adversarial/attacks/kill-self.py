# expect: denied|crash
# Kills its own process with SIGKILL.
import os

def append_to(x, lst=[]):
    lst.append(x)
    return lst

os.kill(os.getpid(), 9)
