"""Print diagnostics once, in the form the caller asked for: human, JSON or GitHub annotations."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from appforge.cli.formats import Format
from appforge.diagnostics import Diagnostic, Severity, sort_key

__all__ = ["Format", "code_frame", "file_reader", "render_github", "render_human", "render_json",
           "summary", "use_colour"]


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    target = stream if stream is not None else sys.stderr
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def code_frame(lines: Sequence[str], d: Diagnostic, colour: bool = False) -> list[str]:
    """The offending line with its neighbour above and a caret under the span."""
    line_no = d.span.line
    if not 1 <= line_no <= len(lines):
        return []
    width = len(str(line_no))
    out = []
    if line_no > 1:
        out.append(f"  {line_no - 1:>{width}} | {lines[line_no - 2]}")
    text = lines[line_no - 1]
    out.append(f"  {line_no:>{width}} | {text}")
    start = max(d.span.column - 1, 0)
    if d.span.end_line == line_no:
        length = max(d.span.end_column - d.span.column, 1)
    else:
        length = max(len(text.rstrip()) - start, 1)
    length = min(length, max(len(text) - start, 1))
    caret = " " * start + "^" * length
    if colour:
        tint = "31" if d.severity is Severity.ERROR else "33"
        caret = f"\x1b[{tint}m{caret}\x1b[0m"
    out.append(f"  {' ' * width} | {caret}")
    return out


def render_human(
    diagnostics: Sequence[Diagnostic],
    source: Callable[[str], str | None],
    colour: bool = False,
) -> str:
    """Render diagnostics the way compilers do: location, code, message, frame, hint."""
    blocks = []
    cache: dict[str, list[str]] = {}
    for d in sorted(diagnostics, key=sort_key):
        if d.span.file not in cache:
            text = source(d.span.file)
            cache[d.span.file] = text.splitlines() if text is not None else []
        head = f"{d.span}: {d.severity.value}[{d.code}]: {d.message}"
        if colour:
            tint = "1;31" if d.severity is Severity.ERROR else "1;33"
            head = (f"\x1b[1m{d.span}:\x1b[0m \x1b[{tint}m{d.severity.value}[{d.code}]\x1b[0m: "
                    f"\x1b[1m{d.message}\x1b[0m")
        lines = [head, *code_frame(cache[d.span.file], d, colour)]
        for span, note in d.related:
            lines.append(f"  note: {span}: {note}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) if parts else "no problems"


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in sorted(diagnostics, key=sort_key)], indent=2)


def render_github(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    """GitHub Actions workflow commands, so diagnostics show inline on a pull request."""
    out = []
    for d in sorted(diagnostics, key=sort_key):
        level = "error" if d.is_error else "warning"
        file = (root / d.span.file).as_posix() if root else d.span.file
        message = d.message + (f" ({d.hint})" if d.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        out.append(f"::{level} file={file},line={d.span.line},col={d.span.column},"
                   f"title={d.code}::{message}")
    return "\n".join(out)


def file_reader(root: Path) -> Callable[[str], str | None]:
    """Reads a spec file by its display name (relative to the project root)."""

    def read(name: str) -> str | None:
        try:
            return (root / name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    return read
