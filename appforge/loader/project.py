"""Find a project's files, read them safely and follow ``include`` globs.

The result is a :class:`LoadedProject`: the entry document plus every included document, each
with its located data. Nothing here knows the language beyond ``include``; validation is the
next stage.
"""

from __future__ import annotations

import errno
import glob
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appforge.diagnostics import Diagnostic, Severity, SourceSpan
from appforge.loader.yaml_loader import MAX_FILE_BYTES, LoadedDocument, load_yaml
from appforge.safeio import NotRegularFile, read_regular

ENTRY_FILE = "appforge.yaml"
MAX_INCLUDED_FILES = 5_000


@dataclass(slots=True)
class LoadedProject:
    root: Path
    entry: LoadedDocument | None
    includes: list[LoadedDocument] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Every file the build reads (spec files and data files), relative posix path -> bytes hash.
    read_files: dict[str, str] = field(default_factory=dict)
    # Reused documents by file name: (sha256 of the bytes, document, its diagnostics).
    cache: dict[str, tuple[str, LoadedDocument | None, list[Diagnostic]]] | None = None

    @property
    def documents(self) -> list[LoadedDocument]:
        return ([self.entry] if self.entry else []) + self.includes

    def document(self, file: str) -> LoadedDocument | None:
        return next((d for d in self.documents if d.file == file), None)


def find_entry(path: Path) -> Path:
    """The entry file for a path that names a project folder or its ``appforge.yaml``."""
    return path / ENTRY_FILE if path.is_dir() else path


class FileRefused(Exception):
    """A file that must not be read: not a regular file, or larger than the limit."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, refusing anything that could hang or flood
    (a FIFO, a device, a file past ``limit``: see :mod:`appforge.safeio`). A spec may be a link
    to a file elsewhere (includes are checked for links separately), so links are followed.
    Raises :class:`FileRefused`, or ``OSError`` (``FileNotFoundError``, ...) from the system.
    """
    try:
        return read_regular(path, limit, follow_links=True)
    except NotRegularFile as exc:
        if exc.errno == errno.EFBIG:
            raise _too_large(what, limit) from None
        raise _not_regular(what) from None


def _not_regular(what: str) -> FileRefused:
    return FileRefused(f"{what} is not a regular file (a folder, FIFO or device?)",
                       "point it at a plain file inside the project")


def _too_large(what: str, limit: int) -> FileRefused:
    return FileRefused(f"{what} is too large (the limit is {limit:,} bytes)",
                       "split it into smaller files")


#: The longest path a spec may name, and the longest part of one (most file systems' limits).
MAX_PATH_LENGTH = 1024
MAX_NAME_LENGTH = 255


def path_problem(text: str) -> str | None:
    """Why ``text``, a relative path written in a spec, cannot name a file (None when it can).

    A NUL makes every system call fail (Python raises ValueError), other control characters
    are never meant, and an overlong name fails with ENAMETOOLONG only once used.
    """
    for char in text:
        if ord(char) < 0x20 or ord(char) == 0x7F:
            return f"a path cannot hold the control character U+{ord(char):04X}"
    if len(text) > MAX_PATH_LENGTH:
        return f"a path is at most {MAX_PATH_LENGTH} characters long"
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_LENGTH
           for part in text.split("/")):
        return f"a file or folder name is at most {MAX_NAME_LENGTH} bytes long"
    return None


def source_reader(root: Path) -> Callable[[str], str | None]:
    """Reads a spec file by its display name, for code frames: like the loader, never from a
    FIFO or a device and never more than a spec file's limit (None when it cannot)."""

    def read(name: str) -> str | None:
        try:
            return read_limited(root / name, MAX_FILE_BYTES).decode("utf-8-sig")
        except (OSError, ValueError, FileRefused):
            return None

    return read


def read_text(path: Path, display: str) -> tuple[str | None, bytes, list[Diagnostic]]:
    """Read a spec file as UTF-8, with a located diagnostic when that fails."""
    try:
        raw = read_limited(path, MAX_FILE_BYTES, display)
    except FileNotFoundError:
        return None, b"", [Diagnostic("E0001", f"file not found: {display}",
                                      SourceSpan.unknown(display))]
    except FileRefused as exc:
        code = "E0006" if "too large" in exc.message else "E0001"
        return None, b"", [Diagnostic(code, exc.message, SourceSpan.unknown(display),
                                      hint=exc.hint)]
    except OSError as exc:
        return None, b"", [Diagnostic("E0001", f"cannot read {display}: {exc.strerror}",
                                      SourceSpan.unknown(display))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, raw, [Diagnostic(
            "E0007", f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            SourceSpan(display, line, col, line, col + 1),
            hint="save the file as UTF-8")]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, raw, [Diagnostic("E0007", "file contains a NUL character (binary file?)",
                                      SourceSpan(display, line, col, line, col + 1),
                                      hint='write it as \\0 inside a double-quoted string')]
    return text, raw, []


def load_project(path: str | Path, cache: dict[str, Any] | None = None) -> LoadedProject:
    """Load the entry file and every file its ``include`` globs name.

    With ``cache`` (a dict kept between calls), a file whose bytes did not change is not parsed
    again: its previous document is reused.
    """
    entry_path = find_entry(Path(path))
    root = entry_path.parent.resolve()
    project = LoadedProject(root=root, entry=None, cache=cache)
    display = entry_path.name
    entry = _load_file(project, entry_path, display)
    if entry is None:
        return project
    project.entry = entry
    if entry.data is None:
        project.diagnostics.append(Diagnostic(
            "E0008", "the spec file is empty", SourceSpan.unknown(display),
            hint="start with `appforge: 1`, an `app:` section and `pages:`"))
        return project
    if not isinstance(entry.data, dict):
        project.diagnostics.append(Diagnostic(
            "E0009", f"the top level of a spec must be a mapping, not a {_kind(entry.data)}",
            entry.span(()), hint="start with `appforge: 1`, an `app:` section and `pages:`"))
        return project
    _follow_includes(project, entry, set())
    return project


def _load_file(project: LoadedProject, path: Path, display: str,
               included_at: SourceSpan | None = None) -> LoadedDocument | None:
    text, raw, diags = read_text(path, display)
    if included_at is not None:  # a file that cannot be read: also say what names it
        diags = [replace(d, related=((included_at, "included here"),)) for d in diags]
    project.diagnostics.extend(diags)
    if text is None:
        return None
    digest = hashlib.sha256(raw).hexdigest()
    project.read_files[display] = digest
    cached = project.cache.get(display) if project.cache is not None else None
    if cached is not None and cached[0] == digest:
        doc, diags = cached[1], cached[2]
    else:
        doc, diags = load_yaml(text, display)
        if project.cache is not None:
            project.cache[display] = (digest, doc, diags)
    project.diagnostics.extend(diags)
    return doc


def _follow_includes(project: LoadedProject, doc: LoadedDocument, seen: set[str]) -> None:
    seen.add(doc.file)
    patterns = doc.data.get("include") if isinstance(doc.data, dict) else None
    if patterns is None:
        return
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list):
        project.diagnostics.append(Diagnostic(
            "E0010", "`include` must be a list of file globs", doc.span(("include",)),
            hint="include: [pages/*.yaml]"))
        return
    base = (project.root / doc.file).parent
    for i, pattern in enumerate(patterns):
        span = doc.span(("include", i))
        if not isinstance(pattern, str) or not pattern.strip():
            project.diagnostics.append(Diagnostic(
                "E0010", "an include entry must be a file glob", span,
                hint="include: [pages/*.yaml]"))
            continue
        problem = path_problem(pattern)
        if problem is not None:
            project.diagnostics.append(Diagnostic(
                "E0010", f"include {pattern!r}: {problem}", span,
                hint="include: [pages/*.yaml]"))
            continue
        matches = _glob(project.root, base, pattern)
        if matches is None:
            project.diagnostics.append(Diagnostic(
                "E0011", f"include '{pattern}' leaves the project folder", span,
                hint="included files must be inside the folder of appforge.yaml"))
            continue
        if not matches:
            project.diagnostics.append(Diagnostic(
                "E0012", f"include '{pattern}' matches no file", span,
                hint="globs are relative to the including file, e.g. pages/*.yaml"))
            continue
        for match in matches:
            rel = match.relative_to(project.root).as_posix()
            if rel in seen or rel == (project.entry.file if project.entry else ""):
                continue
            if len(project.includes) >= MAX_INCLUDED_FILES:
                project.diagnostics.append(Diagnostic(
                    "E0006", f"more than {MAX_INCLUDED_FILES} included files", span))
                return
            included = _load_file(project, match, rel, span)
            seen.add(rel)
            if included is None:
                continue
            if included.data is None:
                project.diagnostics.append(Diagnostic(
                    "W0001", "included file is empty", SourceSpan.unknown(rel),
                    severity=Severity.WARNING))
                continue
            if not isinstance(included.data, dict):
                project.diagnostics.append(Diagnostic(
                    "E0009", "the top level of an included file must be a mapping, "
                    f"not a {_kind(included.data)}", included.span(()),
                    hint="an included file holds `models`, `state`, `data` and `pages`"))
                continue
            project.includes.append(included)
            _follow_includes(project, included, seen)


def _glob(root: Path, base: Path, pattern: str) -> list[Path] | None:
    """Files matching ``pattern`` under ``base``, sorted; None when it points outside root."""
    if Path(pattern).is_absolute():
        return None
    joined = (base / pattern).as_posix()
    found = []
    for name in sorted(glob.glob(joined, recursive=True)):
        path = Path(name)
        if path.is_symlink():
            continue  # a link could point anywhere; specs are plain files
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            return None
        if not resolved.is_dir():
            # FIFOs and devices too: reading refuses them with a message, not silence.
            found.append(resolved)
    if not found:
        # A pattern like ../x.yaml that matches nothing still says where it points.
        probe = Path(joined.split("*", 1)[0]).resolve()
        if not probe.is_relative_to(root):
            return None
    return found


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__
