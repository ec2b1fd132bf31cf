# expect: pass
# A correct answer built on asyncio: importing it (types.coroutine calls
# code.replace) and running a loop (its self-pipe is a socketpair) must
# work inside the sandbox.
import asyncio

async def _double(n):
    await asyncio.sleep(0)
    return 2 * n

assert asyncio.run(_double(21)) == 42

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
