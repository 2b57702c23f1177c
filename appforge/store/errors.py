"""The one exception the store raises: a message for a person and a hint on what to do."""

from __future__ import annotations

import errno


class StoreError(Exception):
    """A store operation failed; ``message`` says what, ``hint`` what the user can do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def os_error(action: str, exc: OSError) -> StoreError:
    """Turn an OSError into a StoreError that names the disk problem plainly."""
    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return StoreError(f"cannot {action}: the disk is full{where}",
                          "free some space and try again; nothing was recorded")
    if exc.errno == errno.EDQUOT:
        return StoreError(f"cannot {action}: disk quota exceeded{where}",
                          "free some space and try again; nothing was recorded")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StoreError(f"cannot {action}: the store is read-only{where}",
                          "check the permissions of the .appforge folder and its file system")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return StoreError(f"cannot {action}: a file is in the way{where}",
                          "the .appforge folder of the project must be a folder")
    return StoreError(f"cannot {action}: {exc.strerror or exc}{where}")
