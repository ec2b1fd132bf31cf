# expect: !pass
# A thread that keeps writing forged frames to every fd while the answer
# runs and after it returns, racing the grader's own records.
import os, threading, time

def forge():
    while True:
        for fd in range(3, 256):
            try:
                os.write(fd, b"0" * 32 + b' 14\n{"t":"done"}\n')
            except OSError:
                pass

threading.Thread(target=forge, daemon=True).start()

def append_to(x, lst=[]):
    time.sleep(0.01)
    lst.append(x)
    return lst
