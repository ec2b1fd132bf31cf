# expect: !pass
# Watches the tests' own code run (sys.monitoring from 3.12, a trace
# function before) and rewrites what it can reach, hoping to turn a wrong
# value into a right one.
import sys

def meddle(frame):
    for d in (frame.f_globals, frame.f_builtins):
        try:
            d["isinstance"] = lambda o, c: True
            d["len"] = lambda o: 1
        except Exception:
            pass

mon = getattr(sys, "monitoring", None)
if mon is not None:
    try:
        mon.use_tool_id(3, "pydrill-attack")
        def on_start(code, offset):
            meddle(sys._getframe(1))
        mon.register_callback(3, mon.events.PY_START, on_start)
        mon.set_events(3, mon.events.PY_START)
    except Exception:
        pass
else:
    def tracer(frame, event, arg):
        meddle(frame)
        return None
    sys.settrace(tracer)

def append_to(x, lst=()):
    return tuple(lst) + (x,)
