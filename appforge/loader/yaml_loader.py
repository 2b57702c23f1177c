"""YAML text -> plain data plus a source span for every node.

Why not ``yaml.safe_load``: it forgets positions, keeps the last of two duplicate keys without a
word, reads ``no`` as ``False`` (YAML 1.1), and libyaml's composer recurses in C, so about 30,000
nested brackets crash the interpreter. Here libyaml only *parses* (an event stream, no recursion)
and this module composes the data itself: iteratively, with limits on depth, node count, size
and alias expansion checked before anything walks the tree, scalars resolved by the YAML 1.2 core
schema, and a span recorded for every node under its path.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from appforge.diagnostics import Diagnostic, SourceSpan

try:  # libyaml's C parser when present; the pure-Python one is correct, only slower.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000
#: An alias may not bring in more nodes in total than this many times the document's own nodes.
MAX_ALIAS_FACTOR = 4

Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")


@dataclass(frozen=True, slots=True)
class ScalarInfo:
    """Where a scalar's text starts, so an expression inside it can be located to the column.

    ``exact`` is true when the value appears in the file exactly as it reads (one line, no
    escapes): then character ``i`` of the value is at column ``value_column + i``.
    """

    exact: bool
    value_column: int


@dataclass(slots=True)
class LoadedDocument:
    """One YAML file: its data, and a span (plus key span) for every node path."""

    file: str
    data: Any
    spans: dict[Path, SourceSpan] = field(default_factory=dict)
    key_spans: dict[Path, SourceSpan] = field(default_factory=dict)
    # path -> (style, start line, start column, end line, end column, value), 0-based; turned
    # into a ScalarInfo only when asked (few scalars ever are).
    scalars: dict[Path, tuple[Any, ...]] = field(default_factory=dict)
    _lines: list[str] | None = None
    text: str = ""

    def span(self, path: Path) -> SourceSpan:
        """The span of the node at ``path``, or of its nearest located ancestor."""
        while path:
            found = self.spans.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.spans.get((), SourceSpan.unknown(self.file))

    def key_span(self, path: Path) -> SourceSpan:
        return self.key_spans.get(path) or self.span(path)

    def scalar(self, path: Path) -> ScalarInfo | None:
        """Where the text of the string scalar at ``path`` starts (None for other nodes)."""
        raw = self.scalars.get(path)
        if raw is None:
            return None
        if self._lines is None:
            self._lines = self.text.splitlines()
        return _scalar_info(raw, self._lines)


class YamlLimitError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _span(file: str, start: Any, end: Any) -> SourceSpan:
    return SourceSpan(file, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _point(file: str, mark: Any) -> SourceSpan:
    """The one-character span at ``mark``."""
    line, col = mark.line + 1, mark.column + 1
    return SourceSpan(file, line, col, line, col + 1)


_PLAIN_TEXT_START = frozenset("abcdeghijklmopqrsuvwxyzABCDEGHIJKLMOPQRSUVWXYZ_/{'\"$#@!*&%|")


#: Past this many characters a number literal cannot be a finite double in any base, and
#: Python's int() refuses strings past 4,300 digits: such a literal is never converted.
MAX_NUMBER_CHARS = 400


@dataclass(frozen=True, slots=True)
class OutOfRange:
    """A number literal that no target can hold (infinite, NaN, or past a double's range).

    Not a float: ``json.dumps`` and JavaScript would turn it into an error or ``Infinity``
    at build time. The composer reports it where it stands; :func:`resolve_scalar` never
    raises, so other callers can still ask whether a text would read as a number.
    """

    text: str


def resolve_scalar(value: str, implicit: bool) -> Any:
    """The YAML 1.2 core schema: only true/false, null, ints and floats are not strings."""
    if not implicit or (value and value[0] in _PLAIN_TEXT_START):
        return value  # fast path: most scalars are words
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    number: int | float
    if _INT.match(value) or _HEX.match(value) or _OCT.match(value):
        if len(value) > MAX_NUMBER_CHARS:
            return OutOfRange(value)
        number = int(value, 16) if value.startswith("0x") else \
            int(value[2:], 8) if value.startswith("0o") else int(value)
        try:
            float(number)
        except OverflowError:
            return OutOfRange(value)
        return number
    if _FLOAT.match(value) and value not in (".", "+.", "-."):
        number = float(value)
        return number if math.isfinite(number) else OutOfRange(value)
    if _INF.match(value) or _NAN.match(value):
        return OutOfRange(value)
    return value


@dataclass(slots=True)
class _Frame:
    """A collection being composed."""

    container: Any  # dict or list
    path: Path
    start: Any
    anchor: str | None
    log_start: int = 0
    pending_key: Any = None
    pending_key_span: SourceSpan | None = None
    pending_key_path: Path | None = None
    has_key: bool = False
    nodes: int = 1


def load_yaml(text: str, file: str) -> tuple[LoadedDocument | None, list[Diagnostic]]:
    """Compose ``text`` into located data. Returns (document or None, diagnostics).

    An empty file is a document whose data is None; the caller decides whether that is fine.
    """
    diags: list[Diagnostic] = []
    doc = LoadedDocument(file=file, data=None, text=text)
    if len(text) > MAX_FILE_BYTES:
        diags.append(Diagnostic(
            "E0006", f"file is too large ({len(text)} characters; the limit is {MAX_FILE_BYTES})",
            SourceSpan.unknown(file), hint="split the spec with `include`"))
        return None, diags
    try:
        _compose(text, file, doc, diags)
    except YamlLimitError as exc:
        diags.append(exc.diagnostic)
        return None, diags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and "nesting depth" in str(exc.problem):
            # libyaml >= the one in PyYAML 6.0.4 has its own limit (1,000 levels), hit while
            # its scanner looks ahead, before our composer has seen level MAX_DEPTH + 1. The
            # text before that point is within libyaml's limit and deeper than ours, so
            # composing it reports E0005 where it always was, whichever PyYAML is installed.
            diags.append(_too_deep(text[:mark.index], file, mark))
            return None, diags
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None \
                and "end of stream" in str(exc.problem):
            diags.append(_unclosed_string(text, file, exc.context_mark))
            return None, diags
        problem = exc.problem or exc.context or "invalid YAML"
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        diags.append(Diagnostic(
            "E0002", f"invalid YAML: {problem}", SourceSpan(file, line, col, line, col + 1),
            hint=_yaml_hint(problem, source_line)))
        return None, diags
    except (yaml.YAMLError, UnicodeEncodeError) as exc:
        # A reader error (control characters, ...), or a lone surrogate (only a caller that
        # builds text itself can pass one; libyaml cannot even encode it).
        diags.append(_reader_error(text, file, exc))
        return None, diags
    return doc, diags


# What YAML 1.2 allows in a stream (section 5.1): tab, LF, CR, printable ASCII, NEL and the
# Unicode planes without surrogates and U+FFFE/U+FFFF.
_NOT_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML_ESCAPES = {"\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v",
                 "\x0c": "\\f", "\x1b": "\\e"}


def _reader_error(text: str, file: str, exc: Exception) -> Diagnostic:
    """libyaml's reader error names "<unicode string>" and a byte position, and the C
    parser's is at 1:1: find the character ourselves and name it."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - a reader error is always about a character
        return Diagnostic("E0002", f"invalid YAML: {exc}", SourceSpan.unknown(file))
    char = found.group()
    offset = found.start()
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = ord(char)
    escape = _YAML_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else
                                         f"\\u{code:04x}" if code < 0x10000 else
                                         f"\\U{code:08x}")
    kind = "control character" if code < 0x100 else "character"
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        hint = "remove it; it is not a character any YAML file may hold"
    else:
        hint = f"write it as {escape} inside a double-quoted string"
    return Diagnostic("E0002", f"{kind} U+{code:04X} is not allowed in YAML",
                      SourceSpan(file, line, column, line, column + 1), hint=hint)


def _unclosed_string(text: str, file: str, mark: Any) -> Diagnostic:
    """A quote never closed: libyaml reports the end of the file; the start is what helps."""
    line, column = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    source = lines[mark.line] if mark.line < len(lines) else ""
    quote = source[mark.column] if mark.column < len(source) else '"'
    inner = "''" if quote == "'" else '\\"'
    return Diagnostic(
        "E0002", f"this string starting at {line}:{column} is never closed",
        SourceSpan(file, line, column, line, column + 1),
        hint=f"end it with {quote} (a {quote} inside it is written {inner})")


def _out_of_range(file: str, event: Any) -> YamlLimitError:
    text = event.value
    shown = text if len(text) <= 24 else f"{text[:12]}...{text[-6:]} ({len(text)} characters)"
    hint = "quote it if it is meant as text" if _INF.match(text) or _NAN.match(text) else \
        "numbers must fit a JavaScript number (about ±1.8e308); quote it if it is meant as text"
    return YamlLimitError(Diagnostic(
        "E0013", f"the number {shown} cannot be used: every target needs a finite number",
        _span(file, event.start_mark, event.end_mark), hint=hint))


def _too_deep(prefix: str, file: str, mark: Any) -> Diagnostic:
    try:
        _compose(prefix, file, LoadedDocument(file=file, data=None, text=prefix), [])
    except YamlLimitError as exc:
        if exc.diagnostic.code == "E0005":
            return exc.diagnostic
    except yaml.YAMLError:
        pass  # the prefix ends inside a collection; E0005 comes before that or not at all
    # Only if a libyaml limit were below ours: then its own place is the best there is.
    return _nesting_diagnostic(_point(file, mark))  # pragma: no cover


def _nesting_diagnostic(span: SourceSpan) -> Diagnostic:
    return Diagnostic("E0005", f"nesting is deeper than {MAX_DEPTH} levels", span,
                      hint="a spec never needs this much nesting; check for runaway brackets")


def _yaml_hint(problem: str, line: str) -> str | None:
    if "tab" in problem or line.lstrip(" ").startswith("\t"):
        return "indent with spaces; YAML does not allow tabs for indentation"
    if "mapping values are not allowed" in problem:
        return "quote a value that contains ': ', e.g. text: \"a: b\""
    if "found character '{'" in problem or "found unhashable key" in problem:
        return 'quote a value that starts with "{{", e.g. text: "{{ state.count }}"'
    return None


def _compose(text: str, file: str, doc: LoadedDocument, diags: list[Diagnostic]) -> None:
    stack: list[_Frame] = []
    # name -> (value, node count, path, (start, end) of its descendants in `log`)
    anchors: dict[str, tuple[Any, int, Path, tuple[int, int]]] = {}
    # Every located descendant in document order, so an alias can copy its anchor's spans.
    log: list[tuple[Path, SourceSpan, tuple[Any, ...] | None]] = []
    open_anchors: set[str] = set()
    total_nodes = 0
    alias_nodes = 0
    documents = 0
    root_set = False

    def limit(code: str, message: str, mark: Any, hint: str) -> YamlLimitError:
        return YamlLimitError(Diagnostic(code, message, _point(file, mark), hint=hint))

    def place(value: Any, span: SourceSpan, nodes: int, mark: Any) -> Path | None:
        """Put a finished node into its parent (or as the root). Returns its path."""
        nonlocal root_set
        if not stack:
            doc.data = value
            root_set = True
            doc.spans[()] = span
            return ()
        parent = stack[-1]
        parent.nodes += nodes
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
            doc.spans[path] = span
            log.append((path, span, None))
            return path
        if not parent.has_key:
            # This node is a key.
            if isinstance(value, (dict, list)):
                raise limit("E0002", "a mapping key must be plain text", mark,
                            'quote a value that starts with "{{": text: "{{ state.count }}"')
            parent.pending_key = value
            parent.pending_key_span = span
            parent.has_key = True
            return None
        key = parent.pending_key
        key_text = key if isinstance(key, str) else _key_text(key)
        path = (*parent.path, key_text)
        if key_text in parent.container:
            first = doc.key_spans.get(path)
            diags.append(Diagnostic(
                "E0003", f"duplicate key '{key_text}' in this mapping",
                parent.pending_key_span or span,
                hint="YAML would silently keep only the last one; remove or rename one of them",
                related=((first, "first defined here"),) if first else ()))
        else:
            parent.container[key_text] = value
            doc.spans[path] = span
            log.append((path, span, None))
            if parent.pending_key_span is not None:
                doc.key_spans[path] = parent.pending_key_span
        parent.has_key = False
        parent.pending_key = None
        return path

    def child_path() -> Path:
        if not stack:
            return ()
        parent = stack[-1]
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        if not parent.has_key:
            return (*parent.path, "<key>")
        key = parent.pending_key
        return (*parent.path, key if isinstance(key, str) else _key_text(key))

    parser = _Loader(text)
    for event in _iter_events(parser):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            total_nodes += 1
            span = _span(file, event.start_mark, event.end_mark)
            # Plain scalars (style None, or '' from the C parser) without an explicit tag are
            # resolved; quoted ones and those tagged !!str stay text.
            implicit = bool(event.implicit[0]) and not event.style and event.tag is None
            value = resolve_scalar(event.value, implicit)
            if type(value) is OutOfRange:
                raise _out_of_range(file, event)
            path = place(value, span, 1, event.start_mark)
            if path is not None and isinstance(value, str):
                start, end = event.start_mark, event.end_mark
                info = (event.style, start.line, start.column, end.line, end.column,
                        event.value)
                doc.scalars[path] = info
                log.append((path, span, info))
            if event.anchor:
                anchors[event.anchor] = (value, 1, path or (), (0, 0))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            total_nodes += 1
            if len(stack) >= MAX_DEPTH:
                raise YamlLimitError(_nesting_diagnostic(_point(file, event.start_mark)))
            container: Any = {} if kind is yaml.MappingStartEvent else []
            stack.append(_Frame(container, child_path(), event.start_mark, event.anchor,
                                log_start=len(log)))
            if event.anchor:
                open_anchors.add(event.anchor)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            span = _span(file, frame.start, event.end_mark)
            place(frame.container, span, frame.nodes, frame.start)
            if frame.anchor:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor] = (frame.container, frame.nodes, frame.path,
                                         (frame.log_start, len(log)))
        elif kind is yaml.AliasEvent:
            name = event.anchor
            if name in open_anchors:
                raise limit("E0004", f"alias '*{name}' refers to the node that contains it",
                            event.start_mark, "a recursive structure cannot be a spec")
            if name not in anchors:
                raise limit("E0004", f"unknown alias '*{name}'", event.start_mark,
                            f"define the anchor '&{name}' before using it")
            value, nodes, src, (first, last) = anchors[name]
            alias_nodes += nodes
            if alias_nodes > max(10_000, MAX_ALIAS_FACTOR * total_nodes) or \
                    total_nodes + alias_nodes > MAX_NODES:
                raise limit("E0004", "aliases expand to too many nodes (an alias bomb?)",
                            event.start_mark, "use anchors and aliases sparingly in specs")
            span = _span(file, event.start_mark, event.end_mark)
            # Each use gets its own copy, so later stages see a tree, never a shared node, and
            # the copy's nodes keep the spans of the anchored original.
            dst = child_path()
            for path, node_span, scalar in log[first:last]:
                moved = (*dst, *path[len(src):])
                doc.spans[moved] = node_span
                if scalar is not None:
                    doc.scalars[moved] = scalar
                log.append((moved, node_span, scalar))
            place(_deep_copy(value), span, nodes, event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise limit("E0002", "a spec file holds one YAML document",
                            event.start_mark, "remove the extra `---` separator")
        if total_nodes > MAX_NODES:
            raise limit("E0006", f"file has more than {MAX_NODES} nodes", event.start_mark,
                        "split the spec with `include`")
    parser.dispose()
    if not root_set:
        doc.data = None


def _iter_events(parser: Any) -> Any:
    """Events to the end of the stream; get_event directly is cheaper than yaml.parse."""
    get_event = parser.get_event
    end = yaml.StreamEndEvent
    while True:
        event = get_event()
        if event is None:
            return
        yield event
        if type(event) is end:
            return


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _key_text(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _scalar_info(raw: tuple[Any, ...], lines: list[str]) -> ScalarInfo:
    style, line, column, end_line, end_column, value = raw
    quote = 1 if style in ("'", '"') else 0
    value_column = column + 1 + quote
    if line != end_line or style in ("|", ">"):
        return ScalarInfo(False, value_column)
    text = lines[line] if line < len(lines) else ""
    return ScalarInfo(text[column + quote:end_column - quote] == value, value_column)
