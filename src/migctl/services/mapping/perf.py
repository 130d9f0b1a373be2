"""Keeping the collector out of bulk work.

Validation and translation build 10⁵–10⁶ small tuples. CPython's cyclic garbage collector runs
every few hundred allocations and walks ever larger generations: on 200,000 rules it doubled
the run time. These objects form no reference cycles (reference counting frees them), so the
collector is paused while they are built and restarted afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
