"""Reading a file without trusting what sits at its path.

A path named on the command line, watched for changes, or kept for saved
state or a cache can hold a FIFO (opening it waits for a writer, for ever),
a device (``/dev/zero`` never ends) or a folder. :func:`read_regular` opens
without blocking, looks at what it opened, and reads at most a cap, so that
none of these can hang Quoth or exhaust its memory. No Textual import here.
"""

from __future__ import annotations

import os
import re
import stat

#: Where a shell puts process substitution, ``<(…)``, and standard input:
#: pipes that already have a writer, so reading them ends.
_STREAM_PATH = re.compile(r"^/(dev/fd|proc/(self|thread-self|\d+)/fd)/\d+$|^/dev/stdin$")


class NotRegularFile(OSError):
    """The path holds a FIFO, a device, a socket or a folder."""


class TooLarge(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file is {size} bytes; the limit is {limit}")
        self.size, self.limit = size, limit


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def is_stream_path(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is how a shell names a pipe it opened (``<(…)``, ``/dev/stdin``)."""
    return _STREAM_PATH.match(os.fspath(path)) is not None


def read_regular(path: str | os.PathLike[str], limit: int, *, streams: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises :class:`NotRegularFile` for anything else (with ``streams``, the
    pipes of process substitution are read too, up to the limit, and then
    :class:`TooLarge` if longer), :class:`TooLarge`, or the ``OSError`` of
    opening it. Never blocks on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        regular = stat.S_ISREG(st.st_mode)
        if not regular and not (streams and stat.S_ISFIFO(st.st_mode) and is_stream_path(path)):
            raise NotRegularFile(f"not a regular file ({kind_of(st.st_mode)}); refusing to read it")
        if regular and st.st_size > limit:
            raise TooLarge(st.st_size, limit)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data
