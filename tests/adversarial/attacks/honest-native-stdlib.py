# expect: pass
# A correct answer that imports the standard library's extension modules
# (files in lib-dynload on Debian's Pythons): the child may map no new
# code, so they must have been mapped before the fork (pyembed.c), or
# fall back on pure Python where the module offers it.
import decimal, asyncio, json, hashlib, sqlite3, bz2, lzma, zoneinfo, queue, contextvars, uuid, statistics
import codecs, resource, concurrent.futures, typing, heapq, bisect, array, struct, datetime, zlib, binascii, csv, pickle, random, fractions, unicodedata, select, fcntl, pwd, grp, math, cmath, itertools, functools, operator, collections, re, string
assert type(decimal.Decimal(1)).__module__ == "decimal"
assert decimal.Decimal("0.1") + decimal.Decimal("0.2") == decimal.Decimal("0.3")
assert hashlib.sha256(b"x").hexdigest()[:4] == "2d71"
assert hashlib.md5(b"").hexdigest()[:4] == "d41d"
c = sqlite3.connect(":memory:"); c.execute("create table t(x)"); c.execute("insert into t values (1)")
assert c.execute("select x from t").fetchone() == (1,)
assert bz2.decompress(bz2.compress(b"a")) == b"a" and lzma.decompress(lzma.compress(b"a")) == b"a"
assert "日".encode("shift_jis") and "x".encode("gb2312") and "x".encode("euc_kr") and "x".encode("big5")
assert asyncio.run(asyncio.sleep(0, 5)) == 5
assert queue.SimpleQueue is not None and json.loads("[1]") == [1]
assert resource.getrlimit(resource.RLIMIT_AS)
import _json, _decimal, _asyncio, _queue, _contextvars
try:
    import _zoneinfo
except ImportError as e:
    raise AssertionError(e)
assert uuid.uuid4().version == 4 and str(zoneinfo.ZoneInfo("UTC")) == "UTC"
def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
