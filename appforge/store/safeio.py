"""Reading a file the store or a project holds without ever blocking or exhausting memory.

A store file (the log, an object, the lock, the index) or a project file may have been replaced
by a symbolic link to ``/dev/zero``, a FIFO or a device: reading such a thing hangs or never
ends. So a read opens without following a final link and without blocking, checks with
``fstat`` that it is a regular file no larger than the caller's limit, and only then reads.
"""

from __future__ import annotations

import errno
import os
import stat

# What each non-regular file type is called in a message.
_TYPES = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"))


class NotRegularFile(OSError):
    """The path is not a plain file (a link, FIFO, device, socket, folder) or is too large."""


def file_type(mode: int) -> str:
    for test, name in _TYPES:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit`` bytes).

    Raises FileNotFoundError when it is missing, :class:`NotRegularFile` (an OSError whose
    ``strerror`` says what it is) when it is a link, FIFO, device, folder or larger than
    ``limit``, and other OSErrors as the system reports them.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link: say so, not "too many levels"
            raise NotRegularFile(errno.ELOOP, "is a symbolic link", os.fspath(path)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, f"is {file_type(st.st_mode)}, not a regular file",
                                 os.fspath(path))
        if st.st_size > limit:
            raise NotRegularFile(errno.EFBIG, f"is larger than {limit} bytes", os.fspath(path))
        chunks = []
        left = limit + 1  # one byte more than allowed tells a file that grew meanwhile
        while left > 0:
            chunk = os.read(fd, min(left, max(st.st_size, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise NotRegularFile(errno.EFBIG, f"is larger than {limit} bytes", os.fspath(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
