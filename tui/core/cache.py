"""The table's row type, :class:`Summary`, under its old name.

The JSON caches that lived here were replaced by the library store
(:mod:`.store`); the row type moved to :mod:`.store_rows`. This module keeps
``from tui.core.cache import Summary`` working for the screens and widgets.
"""

from __future__ import annotations

from .store_rows import Summary

__all__ = ["Summary"]
