"""Code frames and human output stay bounded whatever the spec's lines are like.

A 3 MB one-line flow mapping used to be reprinted whole for every diagnostic (2,000 keys:
70 MB of output). A frame now shows a window of the line around the column, the caret under
the right characters, and a long run of diagnostics is summarized past a limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.cli.output import FRAME_WIDTH, MAX_SHOWN, code_frame, render_human
from appforge.diagnostics import Diagnostic, SourceSpan

runner = CliRunner()


def _long_line(keys: int) -> tuple[str, list[tuple[int, str]]]:
    """``{k0: 1, k1: 1, ...}`` and the 1-based column of each key."""
    parts, columns, column = [], [], 2
    for i in range(keys):
        key = f"k{i}"
        columns.append((column, key))
        parts.append(f"{key}: 1")
        column += len(parts[-1]) + 2
    return "{" + ", ".join(parts) + "}", columns


def _caret_target(frame: list[str]) -> str:
    """The text of the frame's source line that the carets stand under."""
    source, caret = frame[-2], frame[-1]
    bar = caret.index("|")
    assert source.index("|") == bar
    start = caret.index("^")
    end = len(caret.rstrip())
    return source[start:end]


@pytest.mark.parametrize("keys", [300_000, 20_000, 2_000])
def test_frames_of_a_3mb_line_are_bounded_and_point_right(keys: int) -> None:
    line, columns = _long_line(keys)
    lines = ["appforge: 1", line, "pages: []"]
    picked = [columns[0], columns[1], columns[len(columns) // 2], columns[-2], columns[-1]]
    diagnostics = [Diagnostic("E0102", f"unknown key '{key}'",
                              SourceSpan("appforge.yaml", 2, col, 2, col + len(key)))
                   for col, key in picked]
    for d, (_col, key) in zip(diagnostics, picked, strict=True):
        frame = code_frame(lines, d)
        assert all(len(row) <= FRAME_WIDTH + 16 for row in frame), frame
        assert _caret_target(frame) == key
    text = render_human(diagnostics, lambda _name: "\n".join(lines))
    assert len(text) < 5 * 1_000
    assert text.count("…") >= 4  # cut sides are marked


@pytest.mark.parametrize("column, length", [(1, 1), (1, 500), (60, 3), (119, 2), (120, 10),
                                            (5_000, 7), (9_995, 5), (10_000, 1),
                                            (10_001, 1)])
def test_the_caret_is_under_the_span_in_the_window(column: int, length: int) -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    d = Diagnostic("E0102", "m", SourceSpan("f.yaml", 1, column, 1, column + length))
    frame = code_frame([text], d)
    assert len(frame) == 2 and all(len(row) <= FRAME_WIDTH + 16 for row in frame)
    start = min(column - 1, len(text))
    if start == len(text):  # just past the end of the line: the caret follows its last char
        assert frame[-1].index("^") == len(frame[-2])
        return
    target = _caret_target(frame)
    assert target and text[start:start + length].startswith(target)


@pytest.mark.parametrize("prefix", ["\x1b" * 200, "\t" * 300, "é" * 500, "\u202e" * 50, ""])
def test_the_caret_stays_aligned_after_escaped_characters(prefix: str) -> None:
    text = prefix + "target: 1"
    col = len(prefix) + 1
    d = Diagnostic("E0102", "m", SourceSpan("f.yaml", 1, col, 1, col + 6))
    assert _caret_target(code_frame([text], d)) == "target"


def test_short_lines_are_shown_whole() -> None:
    lines = ["a: 1", "bb: {x: 1, y: 2}"]
    d = Diagnostic("E0102", "m", SourceSpan("f.yaml", 2, 6, 2, 7))
    frame = code_frame(lines, d)
    assert frame == ["  1 | a: 1", "  2 | bb: {x: 1, y: 2}", "    |      ^"]


def test_many_diagnostics_are_summarized() -> None:
    count = MAX_SHOWN * 5
    diagnostics = [Diagnostic("E0102", f"unknown key 'k{i}'",
                              SourceSpan("f.yaml", i + 1, 1, i + 1, 2)) for i in range(count)]
    text = render_human(diagnostics, lambda _name: None)
    assert text.count("error[E0102]") == MAX_SHOWN
    assert f"and {count - MAX_SHOWN} more not shown" in text


@pytest.mark.parametrize("size", [10_000, 1_000_000])
def test_long_messages_and_hints_are_cut_for_people(size: int) -> None:
    d = Diagnostic("E0102", "unknown key '" + "k" * size + "'",
                   SourceSpan("f.yaml", 1, 1, 1, 2), hint="h" * size)
    text = render_human([d], lambda _name: None)
    assert len(text) < 3_000 and "…" in text


def test_validate_output_of_a_long_line_is_bounded(tmp_path: Path) -> None:
    line, _columns = _long_line(2_000)
    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: T, id: com.example.t, " + line[1:] + "\n"
        "pages: [{id: home, body: []}]\n")
    result = runner.invoke(app, ["validate", str(tmp_path)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    # Was 70 MB: every diagnostic reprinted the 26 kB line.
    assert len(result.output) < 200_000
    assert "2000 errors" in result.output
    assert "appforge.yaml:2:35: error[E0102]: unknown key 'k0'" in result.output
