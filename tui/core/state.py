"""Saved reading state: positions, bookmarks and the theme, written atomically.

Locations follow the XDG base directories through platformdirs (state for
positions, data for bookmarks and settings, cache for the library cache).
``QUOTH_STATE_DIR`` puts all of them under one folder, so tests can isolate
them. Every write goes to a temporary file in the same folder, is fsynced,
then ``os.replace``d over the old file: a reader sees the old version or the
new one, never half of one. A file that cannot be read is renamed aside with
a notice, and the app goes on with defaults. No Textual import here.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .dirs import APP, _override, cache_dir, data_dir, state_dir  # noqa: F401  (re-exported)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is never seen half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


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
        self.positions_path = state_dir() / "positions.json"
        self.bookmarks_path = data_dir() / "bookmarks.json"
        self.settings_path = data_dir() / "settings.json"
        self.positions: Positions = self._read(self.positions_path, Positions)
        self.bookmarks: Bookmarks = self._read(self.bookmarks_path, Bookmarks)
        self.settings: Settings = self._read(self.settings_path, Settings)

    def _read(self, path: Path, model: type[BaseModel]):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return model()
        except OSError as exc:
            self.notices.append(f"Could not read {path.name} ({exc.strerror}); starting afresh.")
            return model()
        try:
            return model.model_validate_json(raw)
        except (ValidationError, ValueError):
            aside = path.with_name(f"{path.name}.corrupt-{dt.datetime.now():%Y%m%d-%H%M%S}")
            try:
                os.replace(path, aside)
                self.notices.append(f"{path.name} was unreadable; it was moved aside to {aside.name}.")
            except OSError:
                self.notices.append(f"{path.name} was unreadable and could not be moved aside.")
            return model()

    def _write(self, path: Path, model: BaseModel) -> bool:
        try:
            atomic_write(path, model.model_dump_json(indent=1).encode("utf-8"))
            return True
        except OSError as exc:
            self.notices.append(f"Could not save {path.name}: {exc.strerror}")
            return False

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
        self._write(self.bookmarks_path, self.bookmarks)
        return added

    def remove_bookmark(self, key: tuple[str, str, str]) -> None:
        self.bookmarks = Bookmarks(items=[b for b in self.bookmarks.items if b.key != key])
        self._write(self.bookmarks_path, self.bookmarks)

    # -- settings --------------------------------------------------------

    def save_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings = Settings(theme=theme)
            self._write(self.settings_path, self.settings)
