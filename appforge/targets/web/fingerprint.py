"""Content-hashed names for the web build's code and stylesheet.

``app.js`` (the runtime and the app's code) becomes ``app.<hash>.js``, likewise ``app.css``, and
``index.html`` is rewritten to name them, so a host can cache those files for a year
(``immutable``) and only ``index.html`` needs revalidating: a new deploy changes the names, and
an old ``index.html`` never runs new code, nor a new one old code. The hash is of the file's
bytes alone, so the names are deterministic. ``appforge dev`` keeps the plain names (it serves
from memory and never caches).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

# The files index.html loads by name; everything else keeps its name (the manifest and icon
# are named by the manifest and the browser; assets by the app's own code).
HASHED = ("app.js", "app.css")
HASH_LENGTH = 10
# What a hashed name looks like (the deploy configurations match it to cache for a year).
HASHED_NAME = re.compile(rf"[a-z]+\.[0-9a-f]{{{HASH_LENGTH}}}\.(js|css)")


def hashed_name(name: str, data: bytes) -> str:
    """``app.js`` -> ``app.<first HASH_LENGTH hex digits of its sha256>.js``."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{dot}{ext}"


def fingerprint(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The files with content-hashed names for :data:`HASHED` and ``index.html`` naming them.

    Each reference in ``index.html`` must occur exactly once as a quoted attribute value
    (``src="app.js"``, ``href="app.css"``); anything else is a bug in the page template."""
    renames = {name: hashed_name(name, files[name]) for name in HASHED if name in files}
    out = {renames.get(name, name): data for name, data in files.items()}
    html = files["index.html"].decode("utf-8")
    for old, new in renames.items():
        quoted = f'="{old}"'
        if html.count(quoted) != 1:
            raise ValueError(f"index.html names {old} {html.count(quoted)} times, not once")
        html = html.replace(quoted, f'="{new}"')
    out["index.html"] = html.encode("utf-8")
    return out


def original_name(name: str) -> str:
    """``app.<hash>.js`` -> ``app.js``; other names unchanged (for tests and tools)."""
    if HASHED_NAME.fullmatch(name):
        stem, _, ext = name.split(".")
        return f"{stem}.{ext}"
    return name
