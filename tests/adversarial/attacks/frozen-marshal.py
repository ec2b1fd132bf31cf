# expect: denied|crash
# Hand-made bytecode through the one marshal.loads the hook lets through:
# the frozen importer's _call_with_frames_removed(_imp.get_frozen_object,
# name). A trace function rewrites that frame's `args` local on its 'call'
# event to (name, <the answer's own marshal data>), and get_frozen_object
# unmarshals data when given it. The frames are the real importer's, so
# the hook's identity checks pass, and exec_module runs the code object.
# The code is the compiled form of a statement with its LOAD_CONST index
# pushed past co_consts: it reads memory beyond the constants tuple.
import sys, marshal, _imp, dis

BAD_INDEX = 40   # co_consts has 2 items

def hand_made():
    co = compile("import sys; sys.modules['__hello__'].v = 'ok'; sys.modules['__hello__'].w = 'handmade'", "hm", "exec")
    raw = bytearray(co.co_code)
    for ins in dis.get_instructions(co):
        if ins.opname == "LOAD_CONST" and ins.argval == "handmade":
            raw[ins.offset + 1] = BAD_INDEX if BAD_INDEX is not None else raw[ins.offset + 1]
    data = bytearray(marshal.dumps(co))
    i = data.find(bytes(co.co_code))
    data[i:i + len(raw)] = raw
    return bytes(data)

PAYLOAD = hand_made()

def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "_call_with_frames_removed":
        loc = frame.f_locals
        if loc.get("f") is _imp.get_frozen_object and loc.get("args") == ("__hello__",):
            loc["args"] = ("__hello__", PAYLOAD)
    return None

sys.settrace(tracer)
try:
    import __hello__
    RESULT = (getattr(__hello__, "v", None), repr(getattr(__hello__, "w", None))[:80])
except BaseException as e:
    RESULT = ("failed", repr(e)[:120])
finally:
    sys.settrace(None)
    sys.modules.pop("__hello__", None)

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if RESULT[0] == "ok":
        lst.append("hand-made code ran: w = %s" % RESULT[1])
    return lst
