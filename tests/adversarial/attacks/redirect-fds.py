# expect: fail
# Points every fd at /dev/null, hoping the grader's channel goes nowhere.
# The fd limit keeps the channel (fd >= 230) out of dup2's reach, so the
# wrong answer is graded as one.
import os

def append_to(x, lst=[]):
    lst.append(x)
    return lst

null = os.open('/dev/null', os.O_WRONLY)
for fd in range(0, 256):
    if fd != null:
        try:
            os.dup2(null, fd)
        except OSError:
            pass
os.close(null)
