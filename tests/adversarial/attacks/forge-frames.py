# expect: crash
# Writes frames of the result channel's shape, with a guessed secret, to
# every fd from 3 to 255.
import json, os

def append_to(x, lst=[]):
    lst.append(x)
    return lst

recs = [{"t": "item", "i": i, "k": "value", "v": v, "out": ""}
        for i, v in enumerate([{"l": [{"i": "1"}]}, {"l": [{"i": "2"}]},
                               {"l": [{"i": "1"}, {"i": "3"}]}])]
recs.append({"t": "done", "out": "", "err": ""})
payload = b''
for r in recs:
    j = json.dumps(r).encode()
    payload += b'0' * 32 + b' %d\n' % (len(j) + 1) + j + b'\n'
for fd in range(3, 256):
    try:
        os.write(fd, payload)
    except OSError:
        pass
