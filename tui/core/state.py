"""Saved reading state: positions, bookmarks and the theme, written atomically.

Locations follow the XDG base directories through platformdirs (state for
positions, data for bookmarks and settings, cache for the library cache).
``QUOTH_STATE_DIR`` puts all of them under one folder, so tests can isolate
them. Every write goes to a temporary file in the same folder, is fsynced,
then ``os.replace``d over the old file: a reader sees the old version or the
new one, never half of one; temporary files that a killed save left behind
are removed at the next start. Only regular files of at most
``MAX_STATE_BYTES`` are read: a FIFO, a device or a file that cannot be
parsed is renamed aside with a notice, and the app goes on with defaults. A
save that fails is told (``on_error``, once until a save succeeds again),
never lost silently. No Textual import here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .dirs import APP, _override, cache_dir, data_dir, state_dir  # noqa: F401  (re-exported)
from .files import NotRegularFile, TooLarge, read_regular

#: The most a state file may hold (thousands of positions and bookmarks fit in 1 MiB).
MAX_STATE_BYTES = 16 * 1024 * 1024
#: A temporary file older than this is left from a save that was killed.
STALE_TEMP_SECONDS = 60
_TEMP_NAME = re.compile(r"^\..+\.tmp$")


def atomic_write(path: Path, data: bytes, *, mode: int | None = None, make_parents: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is never seen half written.

    The file is private (0600) unless ``mode`` is given."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def remove_stale_temporaries(folders: Iterable[Path], older_than: float = STALE_TEMP_SECONDS) -> int:
    """Delete the ``.NAME.XXXX.tmp`` files that ``atomic_write`` leaves when
    the process is killed mid-save; recent ones may be another Quoth's save
    in progress and stay. Returns how many were removed."""
    removed = 0
    cutoff = time.time() - older_than
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if _TEMP_NAME.match(entry.name) and entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


_M = TypeVar("_M", bound=BaseModel)


class Position(_Model):
    section: str
    paragraph: int | None = Field(default=None, ge=0)  # the paragraph at the top, in that section
    scroll: float = Field(default=0.0, ge=0)
    target: str | None = None  # "quote:id" or "claim:id" last selected


class Positions(_Model):
    version: Literal[1] = 1
    articles: dict[str, Position] = {}


class Bookmark(_Model):
    article: str
    kind: Literal["section", "quote", "claim"]
    id: str
    label: str = ""
    added: dt.datetime | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.article, self.kind, self.id)


class Bookmarks(_Model):
    version: Literal[1] = 1
    items: list[Bookmark] = []


class Settings(_Model):
    version: Literal[1] = 1
    theme: str | None = None


class StateStore:
    """Reads state once, writes each part atomically when it changes."""

    def __init__(self) -> None:
        self.notices: list[str] = []
        #: Called with a one-line message when a save fails (the app shows it);
        #: until it is set, failures are kept in ``notices``.
        self.on_error: Callable[[str], None] | None = None
        #: Why the last save failed, or None if it succeeded.
        self.last_error: str | None = None
        self._failing: set[Path] = set()
        self.positions_path = state_dir() / "positions.json"
        self.bookmarks_path = data_dir() / "bookmarks.json"
        self.settings_path = data_dir() / "settings.json"
        remove_stale_temporaries({state_dir(), data_dir(), cache_dir()})
        self.positions: Positions = self._read(self.positions_path, Positions)
        self.bookmarks: Bookmarks = self._read(self.bookmarks_path, Bookmarks)
        self.settings: Settings = self._read(self.settings_path, Settings)

    def _set_aside(self, path: Path, why: str) -> None:
        aside = path.with_name(f"{path.name}.corrupt-{dt.datetime.now():%Y%m%d-%H%M%S}")
        try:
            os.replace(path, aside)
            self.notices.append(f"{path.name} {why}; it was moved aside to {aside.name}.")
        except OSError:
            self.notices.append(f"{path.name} {why} and could not be moved aside.")

    def _read(self, path: Path, model: type[_M]) -> _M:
        try:
            raw = read_regular(path, MAX_STATE_BYTES)
        except FileNotFoundError:
            return model()
        except NotRegularFile as exc:
            self._set_aside(path, f"is {exc}")
            return model()
        except TooLarge as exc:
            self._set_aside(path, f"is over the {exc.limit // 1048576} MiB limit")
            return model()
        except OSError as exc:
            self.notices.append(f"Could not read {path.name} ({exc.strerror}); starting afresh.")
            return model()
        try:
            return model.model_validate_json(raw)
        except (ValidationError, ValueError):
            self._set_aside(path, "was unreadable")
            return model()

    def _write(self, path: Path, model: BaseModel, *, tell: bool = True) -> bool:
        """Save one file; a failure is told once (until a save of it succeeds)."""
        try:
            atomic_write(path, model.model_dump_json(indent=1).encode("utf-8"))
        except OSError as exc:
            self.last_error = f"Could not save {path.name}: {exc.strerror or exc}"
            if tell and path not in self._failing:
                if self.on_error is not None:
                    self.on_error(self.last_error)
                else:
                    self.notices.append(self.last_error)
            self._failing.add(path)
            return False
        self.last_error = None
        self._failing.discard(path)
        return True

    # -- positions -------------------------------------------------------

    def position(self, article_id: str) -> Position | None:
        return self.positions.articles.get(article_id)

    def save_position(self, article_id: str, position: Position) -> None:
        if self.positions.articles.get(article_id) == position:
            return
        articles = dict(self.positions.articles)
        articles[article_id] = position
        self.positions = Positions(articles=articles)
        self._write(self.positions_path, self.positions)

    # -- bookmarks -------------------------------------------------------

    def toggle_bookmark(self, article: str, kind: str, ident: str, label: str) -> bool:
        """Add the bookmark, or remove it if it is there; True if it is now set."""
        items = [b for b in self.bookmarks.items if b.key != (article, kind, ident)]
        added = len(items) == len(self.bookmarks.items)
        if added:
            items.append(
                Bookmark(article=article, kind=kind, id=ident, label=label, added=dt.datetime.now(dt.timezone.utc))  # type: ignore[arg-type]
            )
        self.bookmarks = Bookmarks(items=items)
        self._write(self.bookmarks_path, self.bookmarks, tell=False)  # the screen tells (last_error)
        return added

    def move_bookmark(self, key: tuple[str, str, str], new_id: str) -> bool:
        """Point a bookmark at its item's new id (the same text, renamed)."""
        items = [
            b.model_copy(update={"id": new_id}) if b.key == key else b
            for b in self.bookmarks.items
            if b.key != (key[0], key[1], new_id)  # no duplicate if both are there
        ]
        self.bookmarks = Bookmarks(items=items)
        return self._write(self.bookmarks_path, self.bookmarks, tell=False)

    def remove_bookmark(self, key: tuple[str, str, str]) -> bool:
        """Remove it; False if that could not be saved (see ``last_error``)."""
        self.bookmarks = Bookmarks(items=[b for b in self.bookmarks.items if b.key != key])
        return self._write(self.bookmarks_path, self.bookmarks, tell=False)

    # -- settings --------------------------------------------------------

    def save_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings = Settings(theme=theme)
            self._write(self.settings_path, self.settings)
