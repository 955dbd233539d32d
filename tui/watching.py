"""Live reload: watch the article files for changes, and never die of it.

:func:`changes` is the watching itself, with no Textual in it: it yields the
batches of changed article files, and :class:`Notice` for anything that goes
wrong. The app's ``watch_for_changes`` loads each changed file with
:func:`in_daemon_thread` and shows every notice as a warning (never as markup).

What can go wrong, and what happens:

- watchfiles (its Rust core) cannot name a path that is not UTF-8: a
  recursive watch over a folder holding one fails at once, and any event on
  such a file fails the watch. So folders are watched one by one, not
  recursively; folders whose names are not UTF-8 are skipped (with a notice,
  their articles are still read at start-up), and after an error the watch
  starts again. Only when it keeps failing does it stop, with a notice.
- A folder that cannot be listed or entered is skipped, with a notice, and
  watchfiles is told to ignore permission errors.
- A file that becomes a FIFO is refused by ``load_file`` (it never opens one
  to wait on it), and the loads run in daemon threads, so that no reload can
  keep the process alive after the app quits.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core.files import is_stream_path
from .core.text import visible

#: The watch stops, with a notice, after this many failures in a row, each
#: within ``FAILURE_WINDOW`` seconds of the previous one.
MAX_FAILURES = 5
FAILURE_WINDOW = 30.0


@dataclass(frozen=True)
class Notice:
    """Something the reader should know about live reload (one line)."""

    message: str
    stopped: bool = False


@dataclass
class Plan:
    """What to watch: folders (each not recursively), and which changes count."""

    folders: list[str] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)  # single files named: only these count
    trees: list[Path] = field(default_factory=list)  # folders named: every .toml below counts
    skipped: list[str] = field(default_factory=list)  # one-line reasons

    def wants(self, path: Path) -> bool:
        if not path.name.endswith(".toml"):
            return False
        if path in self.files:
            return True
        return any(path.is_relative_to(tree) for tree in self.trees)


def _not_utf8(name: str) -> bool:
    """A name decoded with surrogateescape from bytes that are not UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shown(path: str | os.PathLike[str]) -> str:
    """A path for a message: bytes that are not UTF-8 as ``\\xE9``, inert."""
    return visible(os.fsencode(path).decode("utf-8", "backslashreplace"), one_line=True)


def plan_watch(paths: list[str]) -> Plan:
    """The folders to watch for ``paths`` (files and folders), skipping what
    cannot be watched, each with a reason."""
    plan = Plan()
    folders: dict[str, None] = {}  # ordered set
    for raw in paths:
        if is_stream_path(raw):
            continue  # a pipe (process substitution): nothing on disk to watch
        root = Path(os.path.abspath(raw))
        try:
            root = root.resolve()
        except OSError:
            pass
        if _not_utf8(str(root)):
            plan.skipped.append(f"cannot watch {_shown(root)}: its name is not UTF-8")
            continue
        if root.is_dir():
            plan.trees.append(root)
            for folder in _walk(root, plan.skipped):
                folders[folder] = None
        else:
            plan.files.add(root)
            folders[str(root.parent)] = None
    plan.folders = list(folders)
    return plan


def _walk(root: Path, skipped: list[str]) -> list[str]:
    """Every folder below ``root`` that can be watched, depth first."""
    out: list[str] = []
    stack = [str(root)]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop
                continue
            seen.add((st.st_dev, st.st_ino))
            if not os.access(folder, os.R_OK | os.X_OK):
                raise PermissionError(13, "Permission denied")
            with os.scandir(folder) as entries:
                subfolders = [e for e in entries if e.is_dir()]
        except OSError as exc:
            skipped.append(f"cannot watch {_shown(folder)}: {visible(exc.strerror or str(exc), one_line=True)}")
            continue
        out.append(folder)
        for entry in sorted(subfolders, key=lambda e: e.name, reverse=True):
            if _not_utf8(entry.name):
                skipped.append(f"cannot watch {_shown(entry.path)}: its name is not UTF-8")
            else:
                stack.append(entry.path)
    return out


def _reason(exc: BaseException) -> str:
    """One line for an error, looking inside exception groups (anyio's)."""
    while isinstance(getattr(exc, "exceptions", None), tuple) and exc.exceptions:  # type: ignore[attr-defined]
        exc = exc.exceptions[0]  # type: ignore[attr-defined]
    text = (str(exc) or type(exc).__name__).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return visible(text, one_line=True)[:200]


async def changes(
    paths: list[str],
    *,
    watch: Callable[..., AsyncIterator[set[tuple[Any, str]]]] | None = None,
    debounce: int = 150,
    step: int = 50,
) -> AsyncIterator[list[Path] | Notice]:
    """Batches of changed article files below ``paths``, and notices. Ends
    after a notice with ``stopped``, or when cancelled."""
    from watchfiles import Change, awatch  # only when watching

    watch = watch or awatch
    told: set[str] = set()
    failures, last_failure = 0, 0.0
    while True:
        plan = await asyncio.to_thread(plan_watch, paths)
        for reason in plan.skipped:
            if reason not in told:
                told.add(reason)
                yield Notice(f"Live reload {reason}; it is skipped.")
        if not plan.folders:
            yield Notice("Live reload stopped: there is no folder it can watch.", stopped=True)
            return
        again = False
        try:
            async for batch in watch(
                *plan.folders, debounce=debounce, step=step, recursive=False, ignore_permission_denied=True
            ):
                if time.monotonic() - last_failure > FAILURE_WINDOW:
                    failures = 0
                files = sorted({Path(p) for _, p in batch if p.endswith(".toml")})
                wanted = [f for f in files if plan.wants(f)]
                if wanted:
                    yield wanted
                if plan.trees and any(kind == Change.added and os.path.isdir(p) for kind, p in batch):
                    again = True  # a new folder: watch it too
                    break
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # watchfiles' errors are many (Rust, anyio groups, OSError)
            now = time.monotonic()
            failures = failures + 1 if now - last_failure <= FAILURE_WINDOW else 1
            last_failure = now
            reason = _reason(exc)
            if failures >= MAX_FAILURES:
                yield Notice(f"Live reload stopped: {reason}. Restart Quoth to reload changes.", stopped=True)
                return
            if reason not in told:
                told.add(reason)
                yield Notice(f"Live reload: {reason}; watching again.")
            await asyncio.sleep(0.2 * failures)
            continue
        if not again:
            return  # the watch ended (stopped from outside)


def in_daemon_thread(fn: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
    """``fn(*args)`` in a daemon thread: unlike ``asyncio.to_thread``, a call
    that never returns cannot hold up the process's exit."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

    def run() -> None:
        try:
            result, error = fn(*args), None
        except BaseException as exc:  # handed to the awaiting task
            result, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:  # the loop is closed: the app has quit
            pass

    threading.Thread(target=run, name="quoth-reload", daemon=True).start()
    return future
