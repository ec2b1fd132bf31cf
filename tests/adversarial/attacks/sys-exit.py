# expect: !pass
# Leaves early with a clean exit code, hoping no news is good news.
import sys

def append_to(x, lst=[]):
    lst.append(x)
    return lst

sys.exit(0)
