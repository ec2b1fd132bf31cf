# expect: denied|pass; never: hand-made code ran
# frozen-marshal-valid.py without a trace function: from 3.13 a frame's
# f_locals writes through to its fast locals, and any thread can reach
# another's frames through sys._current_frames(). A second thread watches
# the main one import __hello__ over and over (a tiny switch interval
# makes the main thread yield as _call_with_frames_removed starts) and
# swaps that frame's `args` for (name, the answer's own marshal data).
# Racy: a round may miss (an honest import, a pass), but a hit must end
# `denied`, never with the hand-made code run. It tries for 0.6 s, in the
# first of the module's runs only (a file in the scratch folder marks it),
# to leave the CPU to the batch's other answers.
import os, sys, marshal, _imp, threading, time

co = compile("import sys; sys.modules['__hello__'].w = 'handmade'", "hm", "exec")
PAYLOAD = marshal.dumps(co)
main_id = threading.get_ident()
stop = False
swapped = 0

def swapper():
    global swapped
    while not stop:
        fr = sys._current_frames().get(main_id)
        while fr is not None:
            if fr.f_code.co_name == "_call_with_frames_removed":
                try:
                    loc = fr.f_locals
                    if loc.get("f") is _imp.get_frozen_object and loc.get("args") == ("__hello__",):
                        loc["args"] = ("__hello__", PAYLOAD)
                        swapped += 1
                except Exception:
                    pass
            fr = fr.f_back

RESULT = None
FIRST = not os.path.exists("tried")
if FIRST:
    open("tried", "w").close()
    sys.setswitchinterval(1e-6)
    t = threading.Thread(target=swapper)
    t.start()
deadline = time.monotonic() + (0.6 if FIRST else 0)
try:
    while time.monotonic() < deadline and RESULT is None:
        sys.modules.pop("__hello__", None)
        try:
            import __hello__
            if getattr(__hello__, "w", None) == "handmade":
                RESULT = "hand-made code ran (after %d swaps)" % swapped
        except ImportError:
            pass
finally:
    stop = True
    if FIRST:
        t.join()
        sys.setswitchinterval(0.005)
    sys.modules.pop("__hello__", None)

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if RESULT:
        lst.append(RESULT)
    return lst
