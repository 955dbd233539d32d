"""``quoth [PATH ...]``: open the reader on an article or a library.

The app is imported only here, so the other commands never load Textual.
:func:`run_app` runs it so that nothing ends it uncleanly: SIGTERM and SIGHUP
quit as ``q`` does (the terminal restored, the worker processes stopped at
once), a failed save is shown as a warning, and a crash exits non-zero with
one line, the traceback going to a log file under the state folder."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import signal
import sys
import threading
import time
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
    from ..core.opener import LibraryOpener

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
            "quoth export [PATH ...] --format FORMAT exports content for other tools; "
            "quoth cite ARTICLE/QUOTE-ID; quoth schema prints the JSON Schema of the format. "
            "Each has --help."
        ),
    )
    add_paths(parser, "the bundled article")
    parser.add_argument("--version", action="version", version=f"quoth {__version__}")
    parser.add_argument("--no-watch", action="store_true", help="do not reload files when they change on disk")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the library store (keep it in memory)")
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
        # Open its store and start parsing what changed in worker processes
        # now, while Textual loads and starts.
        from ..core.opener import LibraryOpener

        signals = _Signals().__enter__()  # before the workers start, so none is orphaned
        signals.preload = preload = LibraryOpener(paths, use_cache=not args.no_cache)
        from ..app import QuothApp

        return run_app(QuothApp(paths=paths, watch=watch, use_cache=not args.no_cache, preload=preload), signals=signals)
    library = load_library(paths)
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from ..app import QuothApp  # Textual only loads for the reader

    gc.freeze()  # the library lives as long as the app: keep it out of GC scans
    return run_app(QuothApp(library, paths=paths, watch=watch))


def run_app(app: QuothApp, *, headless: bool = False, signals: _Signals | None = None) -> int:
    """Run the app; the exit status says how it ended (0, 128+signal, or
    ``EXIT_CRASH`` with the traceback in a log file)."""
    _tell_failed_saves(app)
    crashed = _quiet_crash_output(app)
    with signals or _Signals() as handler:
        handler.app, handler.preload = app, app.preload
        handler.listen()
        app.run(headless=True) if headless else app.run()
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


class _Signals:
    """SIGTERM, SIGHUP and SIGINT end Quoth as ``q`` does, so the terminal
    is restored; the worker processes are stopped at once. Installed before
    the worker processes start: a signal during start-up ends the process
    (the terminal is not taken yet), one while the app runs quits the app.

    A signal may land on any thread, and Python runs its handler only when
    the main thread next runs Python code, which an idle event loop may not
    do for a long while. So the signal also wakes a thread of ours (through
    ``signal.set_wakeup_fd``), which asks the app to exit."""

    NAMES = ("SIGTERM", "SIGHUP", "SIGINT")  # SIGINT: kill -INT (Ctrl-C is a key in the app)

    def __init__(self) -> None:
        self.app: QuothApp | None = None
        self.preload: LibraryOpener | None = None
        self._previous: dict[int, Any] = {}
        self._wakeup: tuple[int, int] | None = None
        self._old_fd = -1
        self._done = threading.Event()
        self._listening = False

    def __enter__(self) -> _Signals:
        if threading.current_thread() is not threading.main_thread():
            return self
        for name in self.NAMES:
            signum = getattr(signal, name, None)
            if signum is not None:
                self._previous[signum] = signal.signal(signum, self._handle)
        read_fd, write_fd = os.pipe()
        os.set_blocking(write_fd, False)
        self._wakeup = (read_fd, write_fd)
        self._old_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
        return self

    def listen(self) -> None:
        """Start the listener thread: once the workers have forked (they fork
        only while this process has one thread; see preload.py)."""
        if self._wakeup is not None and not self._listening:
            self._listening = True
            threading.Thread(target=self._listen, args=(self._wakeup[0],), name="quoth-signals", daemon=True).start()

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        if self._wakeup is not None:
            signal.set_wakeup_fd(self._old_fd)
            os.close(self._wakeup[1])  # the listener reads EOF and ends
            if not self._listening:
                os.close(self._wakeup[0])
            self._wakeup = None

    def _listen(self, read_fd: int) -> None:
        try:
            while data := os.read(read_fd, 64):
                for signum in data:
                    if signum in self._previous:
                        self._quit(signum)
        finally:
            os.close(read_fd)

    def _quit(self, signum: int) -> None:
        """Stop the workers, and ask a running app to exit (from any thread)."""
        if self.preload is not None:
            self.preload.close(kill=True)
        app = self.app
        if app is None or self._done.is_set():
            return
        self._done.set()
        watchdog = threading.Timer(SIGNAL_GRACE, os._exit, (128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        deadline = time.monotonic() + SIGNAL_GRACE
        while not app.is_running and time.monotonic() < deadline:  # still starting
            time.sleep(0.02)
        try:
            app.call_from_thread(app.exit, None, 128 + signum)
        except RuntimeError:  # the app has just stopped
            pass

    def _handle(self, signum: int, frame: object) -> None:
        if self.app is None:  # before the app: nothing to restore or save, and no
            if self.preload is not None:  # unwinding through half-started workers
                self.preload.close(kill=True)
            os._exit(128 + signum)
        # the app is there: the listener thread asks it to exit


def _report_crash(error: BaseException) -> int:
    from ..core.dirs import state_dir

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


