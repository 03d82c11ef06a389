"""Where a request's work runs: off the event loop, in a small pool of threads.

Every route is ``async`` and hands its whole work (reading the store, building the
page's objects, rendering it) to one thread with ``in_thread``: one hop per request,
where a plain ``def`` route and its ``def`` dependencies and response check take a hop
each. The pool is ``READ_THREADS`` wide: the work is Python under one lock (the GIL)
with short waits on SQLite, so a few threads keep the process busy while a queue of ten
requests is answered in turn instead of all of them slowly at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from anyio.lowlevel import RunVar

#: Threads that run requests' work at once, per server process.
READ_THREADS = 4

P = ParamSpec("P")
T = TypeVar("T")
_LIMITER: RunVar[CapacityLimiter] = RunVar("redline_read_threads")


def limiter() -> CapacityLimiter:
    """The pool's limiter, one per event loop (as anyio keeps its default one)."""
    try:
        return _LIMITER.get()
    except LookupError:
        made = CapacityLimiter(READ_THREADS)
        _LIMITER.set(made)
        return made


async def in_thread(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``work(*args, **kwargs)`` run in one of the pool's threads."""
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs),
                                          limiter=limiter())
