"""``quoth [PATH ...]``: open the reader on an article or a library.

The app is imported only here, so the other commands never load Textual.
:func:`run_app` runs it so that nothing ends it uncleanly: SIGTERM and SIGHUP
quit as ``q`` does (the terminal restored, the worker processes stopped at
once), a failed save is shown as a warning, and a crash exits non-zero with
one line, the traceback going to a log file under the state folder."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.library import load_library
from ..core.text import visible
from .common import EXIT_INVALID, EXIT_OK, Parser, add_paths, existing_paths, print_errors

if TYPE_CHECKING:
    from ..app import QuothApp
    from ..core.preload import Preload

#: The status of a crash (EX_SOFTWARE): not 1, which means invalid content.
EXIT_CRASH = 70
#: After SIGTERM or SIGHUP, how long the app has to quit cleanly before the
#: process ends anyway (a terminal that is gone can block the restore).
SIGNAL_GRACE = 5.0


def _reader_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth",
        description="A terminal reader for attributed news articles written as TOML.",
        epilog=(
            "Commands: quoth check [PATH ...] validates content; "
            "quoth search QUERY [PATH ...] searches quotes and claims; "
            "quoth export [PATH ...] --format json|markdown|annotations|claims; "
            "quoth cite ARTICLE/QUOTE-ID; quoth schema prints the JSON Schema of the format. "
            "Each has --help."
        ),
    )
    add_paths(parser, "the bundled article")
    parser.add_argument("--version", action="version", version=f"quoth {__version__}")
    parser.add_argument("--no-watch", action="store_true", help="do not reload files when they change on disk")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the library cache")
    return parser



def cmd_read(argv: Sequence[str]) -> int:
    from ..core.library import article_files

    args = _reader_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth")
    if isinstance(paths, int):
        return paths
    watch = not args.no_watch
    files = article_files(paths)
    if len(files) > 1:
        # A library: it loads inside the app, behind a progress bar; invalid
        # files are listed there with their errors and the rest opens.
        # Start parsing in worker processes now, while Textual loads and starts.
        from ..core.preload import Preload

        preload = Preload(paths, use_cache=not args.no_cache, files=files)
        from ..app import QuothApp

        return run_app(QuothApp(paths=paths, watch=watch, use_cache=not args.no_cache, preload=preload))
    library = load_library(paths)
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from ..app import QuothApp  # Textual only loads for the reader

    gc.freeze()  # the library lives as long as the app: keep it out of GC scans
    return run_app(QuothApp(library, paths=paths, watch=watch))


def run_app(app: QuothApp, *, headless: bool = False) -> int:
    """Run the app; the exit status says how it ended (0, 128+signal, or
    ``EXIT_CRASH`` with the traceback in a log file)."""
    _tell_failed_saves(app)
    crashed = _quiet_crash_output(app)
    previous = _handle_signals(app, app.preload)
    try:
        app.run(headless=True) if headless else app.run()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    error = crashed()
    if error is not None:
        return _report_crash(error)
    return app.return_code or EXIT_OK


def _tell_failed_saves(app: QuothApp) -> None:
    def tell(message: str) -> None:
        def show() -> None:
            app.notify(visible(message), title="Not saved", severity="warning", markup=False, timeout=10)

        if threading.current_thread() is threading.main_thread():
            show()
        else:
            app.call_from_thread(show)

    app.store.on_error = tell


def _quiet_crash_output(app: QuothApp) -> Callable[[], BaseException | None]:
    """Keep Textual from printing its long traceback: ours goes to a log."""
    printer = app._print_error_renderables

    def print_unless_crashed() -> None:
        if app._exception is None:
            printer()
        else:
            app._exit_renderables.clear()

    app._print_error_renderables = print_unless_crashed  # type: ignore[method-assign]
    return lambda: app._exception


def _handle_signals(app: QuothApp, preload: Preload | None) -> dict[int, Any]:
    """SIGTERM and SIGHUP end the app as ``q`` does, so the terminal is
    restored; the worker processes are stopped at once."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handle(signum: int, frame: object) -> None:
        if preload is not None:
            preload.close(kill=True)
        watchdog = threading.Timer(SIGNAL_GRACE, os._exit, (128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        try:  # wake the event loop: this handler runs between its steps
            asyncio.get_running_loop().call_soon_threadsafe(app.exit, None, 128 + signum)
        except RuntimeError:  # not running yet, or any more
            app.exit(None, 128 + signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, handle)
    return previous


def _report_crash(error: BaseException) -> int:
    from ..core.state import state_dir

    text = "".join(traceback.format_exception(error))
    stamp = dt.datetime.now()
    log = state_dir() / f"crash-{stamp:%Y%m%d-%H%M%S}.log"
    summary = visible(f"{type(error).__name__}: {error}", one_line=True)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"quoth {__version__} crashed at {stamp.isoformat()}\n{text}\n")
        where = f"the traceback is in {visible(str(Path(log)), one_line=True)}"
    except OSError:
        sys.stderr.write(text)
        where = "the traceback is above (the log could not be written)"
    print(f"quoth: internal error: {summary[:200]}; {where}", file=sys.stderr)
    return EXIT_CRASH


