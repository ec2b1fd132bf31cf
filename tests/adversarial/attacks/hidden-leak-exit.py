# expect: crash; never: exited with status; trace: ok
# Ends the process with an exit status made of the hidden test's input,
# hoping the report says "exited with status 44".
import os

def append_to(x, lst=None):
    if x == 2:
        os._exit(42 + x)
    return [x] if lst is None else lst + [x]
