"""Pausing and freezing the cyclic garbage collector around bulk building."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic GC while building many small objects (validation is
    several times faster without it). With ``freeze``, what exists when the
    block ends is moved out of the GC's reach before it resumes: long-lived
    data that would otherwise be scanned at once, in a pause of ~0.1 s."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()
