"""What every ``quoth`` command shares: the argument parser that exits 2 on
a usage error, path handling (``-`` is standard input), exit codes, printing
located errors, the guard around each command for its standard output, and
the safe way to write an output file."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, NoReturn

from ..core.article import Library
from ..core.diagnostics import Diagnostic, Reporter
from ..core.library import article_files, bundled_content, load_library
from ..core.text import quoted, visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: Ctrl-C, and a pipe closed by its reader: what a shell reports for a
#: process ended by SIGINT or SIGPIPE (grep's statuses).
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141
#: ``-`` as a path: the article on standard input, shown as ``<stdin>``.
STDIN, STDIN_NAME = "-", "<stdin>"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message, one_line=True)}\n")


def add_paths(parser: argparse.ArgumentParser, default: str = "the bundled content") -> None:
    # default=[] keeps argparse from calling PATH required in its error message
    parser.add_argument("paths", nargs="*", default=[], metavar="PATH", help=f"article file or folder (default: {default})")


def _paths_or_default(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(bundled_content())]


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if p != STDIN and not os.path.exists(p)]


def print_errors(library: Library | Sequence[Diagnostic], stream: IO[str] | None = None) -> None:
    stream = stream or sys.stderr
    errors = library.errors if isinstance(library, Library) else library
    for error in errors:
        print(error.format(), file=stream)
    files = len({e.file for e in errors})
    # a note explains the error before it; a capped file's last line stands for the rest
    count = sum(e.more or 1 for e in errors if e.severity != "note")
    print(
        f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}",
        file=stream,
    )


def existing_paths(paths: Sequence[str], prog: str) -> list[str] | int:
    """The paths (or the bundled content); a missing one is a usage error (exit 2)."""
    paths = _paths_or_default(paths)
    missing = _missing(paths)
    for p in missing:
        print(f"{prog}: error: no such file or folder: {visible(p, one_line=True)}", file=sys.stderr)
    return EXIT_USAGE if missing else paths


def load_or_usage(paths: Sequence[str], prog: str) -> Library | int:
    """Load content for a command; a missing path is a usage error (exit 2)."""
    found = existing_paths(paths, prog)
    return found if isinstance(found, int) else load_paths(found)


def folder_errors(paths: Sequence[str]) -> tuple[Diagnostic, ...]:
    """A located error for each folder below ``paths`` that cannot be listed
    or entered: its articles would otherwise be skipped without a word.
    (Symlinks to folders are not followed, as ``article_files`` does not.)"""
    errors: list[Diagnostic] = []
    for root in paths:
        if root == STDIN or not os.path.isdir(root):
            continue
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                os.stat(os.path.join(folder, "."))  # needs the right to enter it
                with os.scandir(folder) as entries:  # and to list it
                    subfolders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
            except OSError as exc:
                reason = visible(exc.strerror or str(exc), one_line=True)
                errors.append(Diagnostic(folder, 1, 1, f"cannot read folder: {reason}"))
                continue
            stack.extend(sorted(subfolders, reverse=True))
    return tuple(sorted(errors, key=lambda e: e.file))


def load_paths(paths: Sequence[str]) -> Library:
    """``load_library``, where ``-`` is an article read from standard input;
    folders that cannot be read are errors."""
    if STDIN not in paths:
        library = load_library(paths)
        unreadable = folder_errors(paths)
        return Library(library.articles, library.errors + unreadable, library.by_id) if unreadable else library
    from ..core.reading import MAX_BYTES, load_bytes

    rest = [p for p in paths if p != STDIN]
    library = load_library(rest) if rest else Library()
    data = sys.stdin.buffer.read(MAX_BYTES + 1) if sys.stdin is not None else b""
    result = load_bytes(data, STDIN_NAME)
    article, errors = result.article, result.errors
    if article is not None and article.id in library.by_id:
        other = library.by_id[article.id]
        report = Reporter(STDIN_NAME, data.decode("utf-8", errors="replace"))
        report.at(("article", "id"), f"duplicate article id {quoted(article.id)}; also in {visible(other.file, one_line=True)}")
        article, errors = None, report.finish()
    by_id = dict(library.by_id)
    if article is not None:
        by_id[article.id] = article
    articles = library.articles + ((article,) if article is not None else ())
    return Library(articles, library.errors + errors + folder_errors(rest), MappingProxyType(by_id))


def valid_library(paths: Sequence[str], prog: str) -> Library | int:
    library = load_or_usage(paths, prog)
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return EXIT_INVALID
    return library


def partial_library(paths: Sequence[str], prog: str) -> tuple[Library, int] | int:
    """Load content the way grep reads files: the valid articles answer, the
    invalid files' located errors go to stderr, and the exit status to give
    once the answer is out is 2 if anything was invalid (else 0).
    A missing path is a usage error (exit 2) before anything is read."""
    library = load_or_usage(paths, prog)
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return library, EXIT_USAGE
    return library, EXIT_OK


# -- standard output -------------------------------------------------------


class OutputError(Exception):
    """Writing standard output failed (a closed pipe, a full disk)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _GuardedOutput:
    """Standard output whose write errors are told apart from every other
    OSError: only these become "cannot write standard output"."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            raise OutputError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _stdout_closed() -> bool:
    if sys.stdout is None:  # started with fd 1 closed (>&-)
        return True
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured (tests): a stream, not a descriptor
        return False
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def _discard_stdout(stream: Any) -> None:
    """Point the descriptor at /dev/null, so that Python's own flush at exit
    has nowhere to fail (and prints no "Exception ignored")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def _say(message: str) -> None:
    try:
        print(message, file=sys.stderr)
    except (AttributeError, OSError, ValueError):  # stderr closed too: the status says it
        pass


def run_command(name: str, command: Callable[[Sequence[str]], int], argv: Sequence[str]) -> int:
    """Run one command with its output guarded, as grep is: a pipe closed by
    its reader ends it quietly; a closed or failing standard output exits 2
    with one line; Ctrl-C exits 130. Never a traceback for any of these."""
    prog = f"quoth {name}"
    if _stdout_closed():
        _say(f"{prog}: error: standard output is closed")
        return EXIT_USAGE
    real = sys.stdout
    sys.stdout = _GuardedOutput(real)
    try:
        code = command(argv)
        sys.stdout.flush()
        return code
    except OutputError as exc:
        _discard_stdout(real)
        if isinstance(exc.error, BrokenPipeError) or exc.error.errno == errno.EPIPE:
            return EXIT_PIPE
        reason = visible(exc.error.strerror or str(exc.error), one_line=True)
        _say(f"{prog}: error: cannot write standard output: {reason}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        sys.stdout = real


# -- output files ------------------------------------------------------------


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def write_output(output: str, text: str, inputs: Sequence[str], prog: str) -> int:
    """Write a command's result to ``output``: never over one of its inputs
    (compared by resolved path and by inode, so links count), and through a
    temporary file and an atomic rename, so that a full disk leaves the old
    file whole. A device or pipe (``/dev/stdout``) is written directly."""
    from ..core.state import atomic_write

    shown = visible(output, one_line=True)
    target = Path(output)
    try:
        target_stat: os.stat_result | None = os.stat(target)
    except OSError:
        target_stat = None
    files = article_files([p for p in _paths_or_default(inputs) if p != STDIN])
    for path in files:
        try:
            same = path.resolve() == target.resolve() or (
                target_stat is not None and _same_file(os.stat(path), target_stat)
            )
        except OSError:
            continue
        if same:
            _say(f"{prog}: error: {shown} is an input ({visible(str(path), one_line=True)}); refusing to write over it")
            return EXIT_USAGE
    data = text.encode("utf-8")
    try:
        if target_stat is not None and not os.path.isfile(target):  # /dev/stdout, a pipe
            with open(target, "wb") as fh:
                fh.write(data)
        else:  # the mode of the file it replaces, or what a new file would get
            if target_stat is not None:
                mode = target_stat.st_mode & 0o7777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            atomic_write(target.resolve() if target.is_symlink() else target, data, mode=mode, make_parents=False)
    except OSError as exc:
        _say(f"{prog}: error: cannot write {shown}: {visible(exc.strerror or str(exc), one_line=True)}")
        return EXIT_USAGE
    return EXIT_OK
