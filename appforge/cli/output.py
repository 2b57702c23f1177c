"""Print diagnostics once, in the form the caller asked for: human, JSON or GitHub annotations.

Everything here is a boundary where spec text meets a protocol, so each renderer escapes for
its own reader: the human renderer shows control characters as ``\\x1b`` (a key holding
``ESC ] 0 ; ... BEL`` must not retitle the terminal), the GitHub renderer escapes workflow-
command properties and data (a file name holding a newline must not forge a second
annotation), and JSON is exact. Human output is also bounded: a code frame shows a window of
the line around the column, and very many diagnostics are summarized past a limit.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from appforge.cli.formats import Format
from appforge.diagnostics import Diagnostic, Severity, sort_key

__all__ = ["FRAME_WIDTH", "JSON_VERSION", "MAX_SHOWN", "MAX_TEXT", "Format", "code_frame",
           "console", "frame_window", "github_data", "github_property",
           "json_document", "no_project_diagnostic", "render_github", "render_human",
           "render_json", "summary", "terminal_safe", "use_colour"]

# Source characters a code frame shows of one line: a 3 MB one-line flow mapping must not be
# reprinted whole for each of its diagnostics.
FRAME_WIDTH = 120
# Characters of a message, hint or note shown before it is cut (JSON keeps them whole).
MAX_TEXT = 1000
# Diagnostics rendered for a person; the rest are counted (JSON and GitHub keep them all).
MAX_SHOWN = 200

# Characters a terminal may act on rather than show: C0 controls (ESC starts CSI/OSC sequences,
# BEL ends OSC, CR/BS overwrite what was printed), DEL, C1 controls (0x9b is a one-byte CSI),
# line and paragraph separators, and the bidirectional controls that reorder what is shown
# (the "Trojan Source" characters).
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *_BIDI]
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_ESCAPES = {c: _NAMED.get(c, f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}


def terminal_safe(text: str, limit: int | None = None) -> str:
    """``text`` as a terminal shows it literally: every control character escaped (``\\x1b``),
    cut after ``limit`` characters (with ``…``) when given."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return text.translate(_ESCAPES)


def use_colour(stream: object = None) -> bool:
    """Colour on a terminal; never when NO_COLOR is set (https://no-color.org), always when
    FORCE_COLOR is (to a value other than ``0``/``false``), as rich and most tools read them."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force.strip().lower() not in ("0", "false"):
        return True
    target = stream if stream is not None else sys.stderr
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def console(stderr: bool = True, **options: Any) -> Any:
    """A rich Console that follows :func:`use_colour` (NO_COLOR, FORCE_COLOR, a terminal) the
    same way as every other output, prints spec text literally (no emoji codes, no
    highlighting) and does not wrap long lines (a code frame keeps its caret)."""
    from rich.console import Console

    colour = use_colour(sys.stderr if stderr else sys.stdout)
    settings: dict[str, Any] = {"highlight": False, "emoji": False, "soft_wrap": True}
    settings.update(options)
    return Console(stderr=stderr, force_terminal=colour or None, no_color=not colour,
                   color_system="auto" if colour else None, **settings)


def frame_window(length: int, start: int, width: int = FRAME_WIDTH) -> tuple[int, int]:
    """The slice ``[a, b)`` of a line ``length`` characters long that a frame shows: the whole
    line when it fits in ``width``, else ``width`` characters with ``start`` a third of the
    way in (what leads up to the column matters less than what follows it)."""
    if length <= width:
        return 0, length
    a = min(max(start - width // 3, 0), length - width)
    return a, a + width


def _cut(text: str, a: int, b: int) -> str:
    """The window of a line, escaped, with ``…`` on each side that was cut."""
    shown = terminal_safe(text[a:b])
    return ("…" if a > 0 else "") + shown + ("…" if b < len(text) else "")


def code_frame(lines: Sequence[str], d: Diagnostic, colour: bool = False,
               width: int = FRAME_WIDTH) -> list[str]:
    """The offending line with its neighbour above and a caret under the span.

    Both lines show the same window around the column; the caret is measured on the escaped
    text, so it stays under the right characters whatever the line holds."""
    line_no = d.span.line
    if not 1 <= line_no <= len(lines):
        return []
    digits = len(str(line_no))
    text = lines[line_no - 1]
    start = min(max(d.span.column - 1, 0), len(text))
    if d.span.end_line == line_no:
        length = max(d.span.end_column - d.span.column, 1)
    else:
        length = max(len(text.rstrip()) - start, 1)
    length = min(length, max(len(text) - start, 1))
    a, b = frame_window(len(text), start, width)
    out = []
    if line_no > 1:
        # The line above is context: whole when it is short, else the same window.
        above = lines[line_no - 2]
        shown = terminal_safe(above) if len(above) <= width else _cut(above, a, b)
        out.append(f"  {line_no - 1:>{digits}} | {shown}")
    out.append(f"  {line_no:>{digits}} | {_cut(text, a, b)}")
    lead = ("…" if a > 0 else "") + terminal_safe(text[a:start])
    marked = terminal_safe(text[start:min(start + length, b)])
    caret = " " * len(lead) + "^" * max(len(marked), 1)
    if colour:
        tint = "31" if d.severity is Severity.ERROR else "33"
        caret = f"\x1b[{tint}m{caret}\x1b[0m"
    out.append(f"  {' ' * digits} | {caret}")
    return out


def render_human(
    diagnostics: Sequence[Diagnostic],
    source: Callable[[str], str | None],
    colour: bool = False,
    limit: int = MAX_SHOWN,
) -> str:
    """Render diagnostics the way compilers do: location, code, message, frame, hint.

    Every piece of spec text (file names, messages quoting keys and values, source lines) is
    escaped here, once, rather than in each message; at most ``limit`` diagnostics are shown."""
    blocks = []
    cache: dict[str, list[str]] = {}
    ordered = sorted(diagnostics, key=sort_key)
    for d in ordered[:limit]:
        if d.span.file not in cache:
            text = source(d.span.file)
            cache[d.span.file] = text.splitlines() if text is not None else []
        where = terminal_safe(str(d.span), MAX_TEXT)
        message = terminal_safe(d.message, MAX_TEXT)
        head = f"{where}: {d.severity.value}[{d.code}]: {message}"
        if colour:
            tint = "1;31" if d.severity is Severity.ERROR else "1;33"
            head = (f"\x1b[1m{where}:\x1b[0m \x1b[{tint}m{d.severity.value}[{d.code}]\x1b[0m: "
                    f"\x1b[1m{message}\x1b[0m")
        lines = [head, *code_frame(cache[d.span.file], d, colour)]
        for span, note in d.related:
            lines.append(f"  note: {terminal_safe(str(span), MAX_TEXT)}: "
                         f"{terminal_safe(note, MAX_TEXT)}")
        if d.hint:
            lines.append(f"  hint: {terminal_safe(d.hint, MAX_TEXT)}")
        blocks.append("\n".join(lines))
    if len(ordered) > limit:
        blocks.append(f"... and {len(ordered) - limit} more not shown "
                      "(`--format json` lists every one)")
    return "\n\n".join(blocks)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.hidden or 1 for d in diagnostics if d.is_error)  # E0014 stands for many
    warnings = sum(1 for d in diagnostics if not d.is_error)
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) if parts else "no problems"


# The version of the JSON documents every ``--json`` prints; it changes only when a field is
# removed or changes meaning (new fields may appear at any time). docs/cli.md describes them.
JSON_VERSION = 1


def json_document(fields: dict[str, Any], diagnostics: Sequence[Diagnostic | dict[str, Any]]
                  | None = None) -> str:
    """The one JSON object a ``--json`` command prints: ``version`` (of this format), the
    ``appforge`` version, then the command's own fields; ``diagnostics`` (when given) in the
    shape of :meth:`Diagnostic.to_json`, sorted by place, with ``errors``/``warnings`` counts."""
    from appforge import __version__

    doc: dict[str, Any] = {"version": JSON_VERSION, "appforge": __version__}
    clash = doc.keys() & fields.keys()
    if clash:  # a command's own field may never hide the format's
        raise ValueError(f"JSON field(s) {sorted(clash)} are reserved")
    doc.update(fields)
    if diagnostics is not None:
        values = sorted((d for d in diagnostics if isinstance(d, Diagnostic)), key=sort_key)
        items = [d.to_json() for d in values]
        items += [d for d in diagnostics if not isinstance(d, Diagnostic)]
        doc["diagnostics"] = items
        # An E0014 stands for the errors it counts ("hidden"), as in the human summary.
        doc["errors"] = sum(d.get("hidden") or 1 for d in items if d.get("severity") == "error")
        doc["warnings"] = sum(1 for d in items if d.get("severity") == "warning")
    return json.dumps(doc, indent=2)


def render_json(diagnostics: Sequence[Diagnostic], **fields: Any) -> str:
    """``validate --json``: the standard document with ``ok`` and the diagnostics."""
    ok = not any(d.is_error for d in diagnostics)
    return json_document({"ok": ok, **fields}, diagnostics)


def no_project_diagnostic(message: str, hint: str) -> dict[str, Any]:
    """The E0001 a command reports (in JSON) when it finds no project."""
    from appforge.diagnostics import SourceSpan

    return Diagnostic("E0001", message, SourceSpan.unknown("appforge.yaml"), hint=hint).to_json()


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (``file=``, ``title=``): ``:`` would end the
    properties and ``,`` start another, so both are escaped too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    """GitHub Actions workflow commands, so diagnostics show inline on a pull request.

    One line per diagnostic whatever the spec holds: every value from the spec is escaped."""
    out = []
    for d in sorted(diagnostics, key=sort_key):
        level = "error" if d.is_error else "warning"
        file = (root / d.span.file).as_posix() if root else d.span.file
        message = d.message + (f" ({d.hint})" if d.hint else "")
        out.append(f"::{level} file={github_property(file)},line={d.span.line},"
                   f"col={d.span.column},title={github_property(d.code)}::"
                   f"{github_data(message)}")
    return "\n".join(out)
