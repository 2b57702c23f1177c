"""Files a spec names are untrusted (reliability.md, "unbounded work"): a FIFO, a device, a
huge or sparse file, a path with a NUL or a control character, JSON nested past any limit.
Every one ends fast with a located diagnostic; nothing is read before its size is known."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from appforge.loader import load_project
from appforge.loader.data import DataError, parse_json
from appforge.loader.project import FileRefused, read_limited
from appforge.pipeline import check_project

HEAD = "appforge: 1\napp: {name: T, id: com.example.t}\n"
PAGE = "pages:\n  - id: home\n    body: [{type: text, text: hi}]\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _diagnostics(root: Path, timeout: float = 30) -> list[tuple[str, str, str]]:
    """check_project in a child process, so that a hang fails the test instead of freezing it."""
    code = ("import json, sys; from appforge.pipeline import check_project;"
            "r = check_project(sys.argv[1]);"
            "print(json.dumps([[d.code, str(d.span), d.message] for d in r.diagnostics]))")
    proc = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return [tuple(d) for d in json.loads(proc.stdout)]


def _checked(root: Path) -> list[tuple[str, str, str]]:
    """check_project in this process, for inputs that cannot block."""
    return [(d.code, str(d.span), d.message) for d in check_project(root).diagnostics]


def _static(root: Path, file: str) -> None:
    (root / "appforge.yaml").write_text(
        HEAD + "state:\n  rows: {type: list, of: string, default: []}\n"
        f"data:\n  src: {{kind: static, file: {json.dumps(file)}, into: state.rows}}\n" + PAGE)


@needs_fifo
def test_a_fifo_named_appforge_yaml_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "appforge.yaml")
    diags = _diagnostics(tmp_path)
    assert [(c, w) for c, w, _ in diags] == [("E0001", "appforge.yaml:1:1")]
    assert "not a regular file" in diags[0][2]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_appforge_yaml_linked_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    (tmp_path / "appforge.yaml").symlink_to(device)
    diags = _diagnostics(tmp_path)
    assert [c for c, _, _ in diags] == ["E0001"] and "not a regular file" in diags[0][2]


@pytest.mark.parametrize("size", [8 * 1024 * 1024 + 1, 800 * 1024 * 1024])
def test_a_huge_spec_is_refused_before_it_is_read(tmp_path: Path, size: int) -> None:
    # Sparse: the size is there, the disk space is not; reading it whole would take GBs.
    with open(tmp_path / "appforge.yaml", "wb") as handle:
        handle.write(b"a: 1\n")
        handle.truncate(size)
    diags = _diagnostics(tmp_path, timeout=20)
    assert [c for c, _, _ in diags] == ["E0006"] and "too large" in diags[0][2]


@needs_fifo
@pytest.mark.parametrize("include", ["pages/*.yaml", "pages/b.yaml", "pages/b*"])
def test_an_included_page_that_is_a_fifo_is_refused(tmp_path: Path, include: str) -> None:
    (tmp_path / "appforge.yaml").write_text(HEAD + f"include: [pages/a.yaml, {include}]\n"
                                            + PAGE)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.yaml").write_text("state: {}\n")
    os.mkfifo(tmp_path / "pages" / "b.yaml")
    diags = _diagnostics(tmp_path)
    assert [(c, w) for c, w, _ in diags] == [("E0001", "pages/b.yaml:1:1")]
    assert "not a regular file" in diags[0][2]
    project = load_project(tmp_path)  # cannot block: the FIFO is refused before opening
    (diag,) = project.diagnostics
    assert [(str(s), note) for s, note in diag.related] == [("appforge.yaml:3:25",
                                                              "included here")]


@needs_fifo
@pytest.mark.parametrize("make", ["fifo", "dev-zero", "folder", "sparse"])
def test_a_static_data_file_that_is_not_a_small_file_is_located(tmp_path: Path,
                                                                make: str) -> None:
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "x.json"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "dev-zero":
        # A device inside the project (a bind mount, or a device node made by root).
        os.symlink("/dev/zero", tmp_path / "zero")
        (tmp_path / "data" / "x.json").symlink_to("../zero")
    elif make == "folder":
        target.mkdir()
    else:
        with open(target, "wb") as handle:
            handle.truncate(600 * 1024 * 1024)
    _static(tmp_path, "data/x.json")
    diags = _diagnostics(tmp_path)
    assert [(c, w) for c, w, _ in diags if c.startswith("E")] == [("E0408", "appforge.yaml:6:29")]


@pytest.mark.parametrize("path", ["data/x\x00.json", "data/\x00", "data/a\nb.json",
                                  "data/\x1b]0;x\x07.json", "data/" + "a" * 300 + ".json",
                                  "d/" * 600 + "x.json"])
def test_a_bad_character_or_length_in_a_data_path_is_located(tmp_path: Path,
                                                             path: str) -> None:
    _static(tmp_path, path)
    diags = _checked(tmp_path)
    assert [(c, w) for c, w, _ in diags if c.startswith("E")] == [("E0408", "appforge.yaml:6:29")]


@pytest.mark.parametrize("pattern", ["p/\x00.yaml", "pages/\x00*.yaml", "a\rb.yaml",
                                     "x" * 2000 + ".yaml"])
def test_a_bad_character_or_length_in_an_include_is_located(tmp_path: Path,
                                                            pattern: str) -> None:
    (tmp_path / "appforge.yaml").write_text(HEAD + f"include: [{json.dumps(pattern)}]\n" + PAGE)
    diags = _checked(tmp_path)
    assert [(c, w) for c, w, _ in diags] == [("E0010", "appforge.yaml:3:11")]


@pytest.mark.parametrize("src", ["assets/a\x00.png", "assets/\x00", "assets/a\tb.png",
                                 "assets/" + "b" * 400 + ".png"])
def test_a_bad_character_in_an_image_src_is_located(tmp_path: Path, src: str) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "appforge.yaml").write_text(
        HEAD + "pages:\n  - id: home\n    body:\n"
        f"      - {{type: image, alt: x, src: {json.dumps(src)}}}\n")
    diags = _checked(tmp_path)
    assert [(c, w) for c, w, _ in diags] == [("E0408", "appforge.yaml:6:36")]


@needs_fifo
def test_read_limited_never_blocks_or_overreads(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(FileRefused, match="not a regular file"):
        read_limited(tmp_path / "fifo", 100)
    (tmp_path / "f").write_bytes(b"x" * 101)
    with pytest.raises(FileRefused, match="too large"):
        read_limited(tmp_path / "f", 100)
    assert read_limited(tmp_path / "f", 101) == b"x" * 101
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "missing", 100)


@pytest.mark.parametrize("text, problem", [
    ("[" * 990 + "]" * 990, "nested deeper than 64"),
    ("[" * 100_000 + "]" * 100_000, "nested deeper than 64"),
    ('{"a": ' * 65 + "1" + "}" * 65, "nested deeper than 64"),
    ("[" * 100_000, "nested deeper than 64"),
    ("[1e999]", "too large"),
    ("[-1e999]", "too large"),
    ("[NaN]", "NaN is not a number"),
    ("[-Infinity]", "-Infinity is not a number"),
    ("[" + "9" * 5000 + "]", "5000 digits"),
    ("[" + "9" * 350 + "]", "too large"),
    ("{", "not valid JSON"),
])
def test_json_data_problems_are_messages(text: str, problem: str) -> None:
    with pytest.raises(DataError, match=problem):
        parse_json(text)


def test_json_brackets_in_strings_do_not_count() -> None:
    assert parse_json(json.dumps(["[" * 500, "{" * 500, '\\"['])) == ["[" * 500, "{" * 500,
                                                                       '\\"[']
    assert parse_json("[" * 64 + "]" * 64) is not None


@pytest.mark.parametrize("content", ["[" * 990 + "]" * 990, "[" * 100_000 + "]" * 100_000,
                                     "[1e999]", '["a", NaN]', "[" + "7" * 5000 + "]"])
def test_static_json_problems_are_located(tmp_path: Path, content: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.json").write_text(content)
    _static(tmp_path, "data/x.json")
    diags = _checked(tmp_path)
    assert [(c, w) for c, w, _ in diags if c.startswith("E")] == [("E0408", "appforge.yaml:6:29")]


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_validate_reports_a_non_file_spec_without_hanging(tmp_path: Path, kind: str) -> None:
    # The human report shows code frames, read from the files again: the same safe reader.
    if kind == "fifo":
        os.mkfifo(tmp_path / "appforge.yaml")
    else:
        (tmp_path / "appforge.yaml").symlink_to("/dev/zero")
    proc = subprocess.run([sys.executable, "-m", "appforge", "validate", str(tmp_path)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "E0001" in proc.stderr and "not a regular file" in proc.stderr
