"""Where Quoth keeps its files: state, data and caches (XDG, or under
``$QUOTH_STATE_DIR`` for tests and benchmarks). Imports no pydantic, so the
CLI's fast paths can find the library store without loading the models."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "quoth"


def _override() -> Path | None:
    value = os.environ.get("QUOTH_STATE_DIR")
    return Path(value) if value else None


def state_dir() -> Path:
    base = _override()
    return base / "state" if base else Path(platformdirs.user_state_dir(APP))


def data_dir() -> Path:
    base = _override()
    return base / "data" if base else Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    base = _override()
    return base / "cache" if base else Path(platformdirs.user_cache_dir(APP))
