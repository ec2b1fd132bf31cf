# expect: denied
# The other trusted marshal.loads: importlib's _compile_bytecode(data, ...)
# called by a stock loader's get_code for a real .pyc of the standard
# library. A trace function swaps the `data` local on the 'call' event for
# the answer's own marshal data; the frames and the loader are the stock
# ones, so the hook lets it through and the module runs the answer's code.
import sys, marshal

co = compile("import sys; HANDMADE = 'hand-made code ran as colorsys'", "hm", "exec")
PAYLOAD = marshal.dumps(co)

def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "_compile_bytecode":
        frame.f_locals["data"] = PAYLOAD
    return None

sys.settrace(tracer)
try:
    import colorsys
    RESULT = getattr(colorsys, "HANDMADE", None)
except BaseException as e:
    RESULT = repr(e)[:120]
finally:
    sys.settrace(None)
    sys.modules.pop("colorsys", None)

def append_to(x, lst=None):
    lst = [x] if lst is None else lst + [x]
    if RESULT:
        lst.append(RESULT)
    return lst
