# expect: pass
# A correct answer that imports modules whose C parts are extension modules
# in files (lib-dynload on Debian's Pythons). The child may map no new code:
# the few without a pure-Python fallback are mapped before the fork
# (_contextvars, and _asyncio, _json, _queue: pyembed.c), the rest fall back
# (decimal on _pydecimal, hashlib on its builtin hashes, zoneinfo, uuid).
import asyncio, contextvars, decimal, hashlib, json, queue, uuid, zoneinfo

assert decimal.Decimal("0.1") + decimal.Decimal("0.2") == decimal.Decimal("0.3")
assert hashlib.sha256(b"x").hexdigest()[:4] == "2d71"
assert hashlib.md5(b"").hexdigest()[:4] == "d41d"
assert asyncio.run(asyncio.sleep(0, 5)) == 5
assert json.loads("[1]") == [1] and queue.SimpleQueue is not None
assert contextvars.ContextVar("v", default=1).get() == 1
assert uuid.uuid4().version == 4 and str(zoneinfo.ZoneInfo("UTC")) == "UTC"
import _asyncio, _contextvars, _json, _queue  # mapped before the fork


def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
