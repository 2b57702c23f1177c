"""Spec text placed into a protocol: the terminal and GitHub's workflow commands.

Whatever a key, a value or a file name holds, the terminal shows it literally (never acts on
an escape sequence), every GitHub annotation is exactly one line that parses back to the
original values, and ``--json`` stays exact.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.cli.output import render_github, render_human, terminal_safe
from appforge.diagnostics import Diagnostic, Severity, SourceSpan

runner = CliRunner()

# Sequences a terminal acts on: OSC retitle, CSI clear / colour / cursor moves, a one-byte C1
# CSI, BEL, backspaces and CR that overwrite, DEL, NUL, line separators and bidi overrides.
SEQUENCES = [
    "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "\x1b[2J\x1b[H",
    "\x1b[31mred\x1b[0m", "\x9b31m", "\x07", "abc\x08\x08\x08xyz", "ok\rFAKE", "\x7f", "\x00",
    "\x85", "a\u2028b", "\u202eevil\u202c", "\u2066x\u2069", "\x1bP+q\x1b\\",
]
# What may reach a terminal from spec text: printable characters and the line breaks between
# lines of our own output.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f"
                    "\u202a-\u202e\u2066-\u2069]")


def _diag(message: str, file: str = "appforge.yaml", hint: str | None = None,
          severity: Severity = Severity.ERROR, line: int = 1, column: int = 1,
          length: int = 1) -> Diagnostic:
    return Diagnostic("E0102", message, SourceSpan(file, line, column, line, column + length),
                      severity, hint)


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_terminal_safe_escapes_every_control(sequence: str) -> None:
    shown = terminal_safe(f"key {sequence} end")
    assert not UNSAFE.search(shown) and "\n" not in shown
    assert shown.startswith("key ") and shown.endswith(" end")


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_human_renderer_escapes_messages_frames_files_and_hints(sequence: str) -> None:
    source = f"a: 1\n\"{sequence}\": 2\n"
    d = Diagnostic("E0102", f"unknown key '{sequence}'",
                   SourceSpan(f"pages/{sequence}.yaml", 2, 1, 2, 3 + len(sequence)),
                   hint=f"did you mean '{sequence}'?",
                   related=((SourceSpan(f"x{sequence}.yaml", 1, 1, 1, 2), sequence),))
    text = render_human([d], lambda _name: source)
    assert not UNSAFE.search(text), text
    assert terminal_safe(sequence) in text
    assert len(text.splitlines()) == 6  # head, 2 frame lines, caret, note, hint: none forged


def _project(tmp_path: Path, key: str = "bogus", value: str = "primary",
             page_file: str = "home.yaml") -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: T, id: com.example.t}\ninclude: [\"pages/*.yaml\"]\n")
    page = ("pages:\n  - id: home\n    " + json.dumps(key) + ": 1\n    body:\n"
            "      - {type: button, label: Go, variant: " + json.dumps(value) + "}\n")
    (tmp_path / "pages" / page_file).write_text(page, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("sequence", [s for s in SEQUENCES if s != "\x00"])
@pytest.mark.parametrize("where", ["key", "value", "file"])
def test_validate_shows_sequences_escaped(tmp_path: Path, sequence: str, where: str) -> None:
    if where == "file" and ("/" in sequence or "\x00" in sequence):
        pytest.skip("not possible in a file name")
    kwargs = {"key": {"key": sequence}, "value": {"value": sequence},
              "file": {"page_file": f"h{sequence}.yaml", "key": "bogus"}}[where]
    try:
        root = _project(tmp_path, **kwargs)
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses this name")
    result = runner.invoke(app, ["validate", str(root)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not UNSAFE.search(result.output), result.output
    assert terminal_safe(sequence) in result.output or repr(sequence)[1:-1] in result.output
    # JSON is for programs: exact, and the sequence comes back unchanged.
    shown = runner.invoke(app, ["validate", "--json", str(root)])
    assert shown.exit_code == 1
    found = json.loads(shown.stdout)["diagnostics"]
    assert found and all(isinstance(d["message"], str) for d in found)
    # (a message may quote a value as Python's repr does, already escaped)
    assert any(sequence in d["message"] or sequence in d["file"]
               or repr(sequence)[1:-1] in d["message"] for d in found)


def _unescape_property(text: str) -> str:
    # As GitHub's runner does (ActionCommand: %0D, %0A, %3A, %2C, then %25).
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                          ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def _unescape_data(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command parsed the way the runner parses it."""
    match = re.fullmatch(r"::(\w+) (.*?)::(.*)", line, re.DOTALL)
    assert match, line
    properties = {}
    for item in match.group(2).split(","):
        name, _, value = item.partition("=")
        properties[name] = _unescape_property(value)
    return match.group(1), properties, _unescape_data(match.group(3))


NAMES = [
    "appforge.yaml", "pages/a\n::error file=INJECTED.yaml,line=1::pwned.yaml",
    "pages/a\r\n::warning::x.yaml", "pages/100%0A.yaml", "pages/a,line=99,col=1.yaml",
    "pages/a::b.yaml", "pages/title=E9999.yaml", "pages/%25%3A.yaml", "pages/ü é.yaml",
]
MESSAGES = [
    "unknown key 'x'", "line one\n::error file=INJECTED.yaml,line=1::pwned",
    "cr\rlf\nboth\r\n", "100% and %0A literally", "a::b, c: d", "%%25%",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("message", MESSAGES)
def test_github_annotations_are_one_line_each_and_parse_back(name: str, message: str) -> None:
    diagnostics = [_diag(message, name, hint=None),
                   _diag(message, name, hint="hint, with: %0A\nnewline",
                         severity=Severity.WARNING, line=2, column=3)]
    lines = render_github(diagnostics).split("\n")
    assert len(lines) == 2
    parsed = [_parse_command(line) for line in lines]
    assert [p[0] for p in parsed] == ["error", "warning"]
    for (_kind, props, data), d in zip(parsed, diagnostics, strict=True):
        assert set(props) == {"file", "line", "col", "title"}
        assert props["file"] == name
        assert (props["line"], props["col"]) == (str(d.span.line), str(d.span.column))
        assert props["title"] == d.code
        assert data == d.message + (f" ({d.hint})" if d.hint else "")


def test_github_format_with_a_forging_file_name(tmp_path: Path) -> None:
    name = "h\n::error file=INJECTED.yaml,line=1::pwned.yaml"
    try:
        root = _project(tmp_path, page_file=name)
    except OSError:
        pytest.skip("the file system refuses this name")
    result = runner.invoke(app, ["validate", "--format", "github", str(root)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=pages/h%0A%3A%3Aerror")
    assert _parse_command(lines[0])[1]["file"] == f"pages/{name}"


def test_colour_stays_ours_only(tmp_path: Path) -> None:
    root = _project(tmp_path, key="\x1b]0;pwned\x07")
    result = runner.invoke(app, ["validate", str(root)], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    # Our own colour codes are CSI ...m; nothing else from the spec is raw.
    assert "\x1b]" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output
