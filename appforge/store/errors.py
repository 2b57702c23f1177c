"""The one exception the store raises: a message for a person and a hint on what to do."""

from __future__ import annotations

import errno
import os
from pathlib import PurePath


class StoreError(Exception):
    """A store operation failed; ``message`` says what, ``hint`` what the user can do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def os_error(action: str, exc: OSError, in_store: bool = True) -> StoreError:
    """Turn an OSError into a StoreError that names the disk problem and the path plainly.

    Permission problems are blamed on the store only when the path is inside ``.appforge`` (or,
    when the error names no path, when ``in_store`` says the operation was on the store): an
    unreadable page or a read-only project folder is named as such, with the system's reason.
    """
    from appforge.store.safeio import NotRegularFile

    path = _path(exc.filename)
    where = f" {path}" if path else ""
    if isinstance(exc, NotRegularFile):
        return StoreError(f"cannot {action}: {path or 'the file'} {exc.strerror}",
                          "appforge reads only regular files; move it away or replace it")
    if exc.errno == errno.ENOSPC:
        return StoreError(f"cannot {action}: the disk is full{where}",
                          "free some space and try again; nothing was recorded")
    if exc.errno == errno.EDQUOT:
        return StoreError(f"cannot {action}: disk quota exceeded{where}",
                          "free some space and try again; nothing was recorded")
    store = (".appforge" in PurePath(path).parts) if path else in_store
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        if store:
            return StoreError(f"cannot {action}: the store is read-only{where}",
                              "check the permissions of the .appforge folder and its file "
                              "system")
        reason = (exc.strerror or "permission denied").lower()
        return StoreError(f"cannot {action}: {reason}{':' + where if where else ''}",
                          "check the permissions of that file and its folder (ls -l)")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return StoreError(f"cannot {action}: a file is in the way{where}",
                          "the .appforge folder of the project must be a folder" if store
                          else "a file stands where a folder is needed: move it away")
    return StoreError(f"cannot {action}: {exc.strerror or exc}{where}")


def _path(filename: object) -> str:
    """The path an OSError names; a temporary file of ours is named by its folder instead."""
    if filename is None:
        return ""
    name = os.fsdecode(filename) if isinstance(filename, (str, bytes, os.PathLike)) \
        else str(filename)
    base = os.path.basename(name)
    if base.startswith(".tmp-"):
        return f"the folder {os.path.dirname(name)}"
    return name
