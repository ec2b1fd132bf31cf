# expect: fail
# Raises and walks the traceback's frames, hunting for grader objects.
import sys, traceback

found = []

def append_to(x, lst=[]):
    try:
        raise RuntimeError
    except RuntimeError as e:
        tb = e.__traceback__
        f = tb.tb_frame
        while f is not None:
            found.append((f.f_code.co_filename, dict(f.f_globals)))
            f = f.f_back
        traceback.extract_stack()
    lst.append(x)
    return lst
