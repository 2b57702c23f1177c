"""`ai draft --out D` writes only inside D: never through a link, whatever the layout.

Each layout puts a symbolic link where a draft writes (the folder, ``schema/``, the schema
file, the spec) pointing outside; the whole outside tree must be unchanged afterwards, and the
refusal must come before the model is asked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.ai import apply
from appforge.ai.compose import Composed
from appforge.cli import app
from tests.ai.conftest import GOOD
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()


def _tree(root: Path) -> dict[str, str]:
    """Every path under ``root`` with its kind and content, links not followed."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "link -> " + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = path.read_text(errors="replace")
    return out


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "file.json").write_text("precious\n")
    (outside / "dir" / "appforge.schema.json").write_text("keep\n")
    return outside


Layout = Callable[[Path, Path], None]


def _schema_dir_link(d: Path, outside: Path) -> None:
    d.mkdir()
    (d / "schema").symlink_to(outside / "dir")


def _schema_dir_link_empty_target(d: Path, outside: Path) -> None:
    d.mkdir()
    (outside / "empty").mkdir()
    (d / "schema").symlink_to(outside / "empty")


def _schema_dir_dangling(d: Path, outside: Path) -> None:
    d.mkdir()
    (d / "schema").symlink_to(outside / "not-yet")


def _schema_file_link(d: Path, outside: Path) -> None:
    (d / "schema").mkdir(parents=True)
    (d / "schema" / "appforge.schema.json").symlink_to(outside / "file.json")


def _schema_file_dangling(d: Path, outside: Path) -> None:
    (d / "schema").mkdir(parents=True)
    (d / "schema" / "appforge.schema.json").symlink_to(outside / "new.json")


def _folder_link(d: Path, outside: Path) -> None:
    d.symlink_to(outside / "dir", target_is_directory=True)


def _folder_dangling(d: Path, outside: Path) -> None:
    d.symlink_to(outside / "nowhere")


def _spec_link(d: Path, outside: Path) -> None:
    d.mkdir()
    (d / "appforge.yaml").symlink_to(outside / "spec.yaml")


LAYOUTS: dict[str, Layout] = {
    "schema dir -> outside dir": _schema_dir_link,
    "schema dir -> empty outside dir": _schema_dir_link_empty_target,
    "schema dir -> nothing": _schema_dir_dangling,
    "schema file -> outside file": _schema_file_link,
    "schema file -> nothing": _schema_file_dangling,
    "folder -> outside dir": _folder_link,
    "folder -> nothing": _folder_dangling,
    "spec -> nothing": _spec_link,
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_draft_never_writes_through_a_link(server: FakeOpenAI, tmp_path: Path,
                                           name: str) -> None:
    outside = _outside(tmp_path)
    d = tmp_path / "d"
    LAYOUTS[name](d, outside)
    before, inside = _tree(outside), _tree(d) if d.is_dir() and not d.is_symlink() else None
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", str(d)])
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output or "already exists" in result.output
    assert "Traceback" not in result.output
    assert _tree(outside) == before
    if inside is not None:
        assert _tree(d) == inside  # nothing written inside either: refused as a whole
    assert server.requests == []  # refused before paying for a reply


@pytest.mark.parametrize("name", [n for n in LAYOUTS if n.startswith("schema")])
def test_a_link_made_after_the_check_is_not_followed(tmp_path: Path, name: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The writes themselves refuse links (O_NOFOLLOW), not only the check before them."""
    outside = _outside(tmp_path)
    d = tmp_path / "d"
    LAYOUTS[name](d, outside)
    before = _tree(outside)
    monkeypatch.setattr(apply, "ensure_free", lambda folder: folder / "appforge.yaml")
    composed = Composed(data=dict(GOOD), text="appforge: 1\n", rounds=1, tokens=0,
                        diagnostics=[], ranking="none")
    assert apply.write_draft(composed, d) == d / "appforge.yaml"
    assert (d / "appforge.yaml").read_text() == "appforge: 1\n"
    assert _tree(outside) == before


def test_a_plain_folder_gets_the_spec_and_the_schema(server: FakeOpenAI, tmp_path: Path) -> None:
    server.reply(json.dumps(GOOD))
    d = tmp_path / "plain"
    result = runner.invoke(app, ["ai", "draft", "x", "--out", str(d)])
    assert result.exit_code == 0, result.output
    assert (d / "appforge.yaml").is_file()
    assert (d / "schema" / "appforge.schema.json").read_text().startswith("{")
    mode = (d / "appforge.yaml").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    assert not [p for p in d.rglob("*.tmp")]


@pytest.mark.parametrize("refusal", ["\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "a\rFAKE\x08",
                                     "\u202eevil\x9b31m"])
def test_model_text_reaches_the_terminal_escaped(server: FakeOpenAI, tmp_path: Path,
                                                 refusal: str) -> None:
    server.reply("", refusal=refusal)
    result = runner.invoke(app, ["ai", "draft", "x", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "the model refused" in result.output
    for char in "\x1b\x07\r\x08\u202e\x9b":
        assert char not in result.output
    server.reply("", refusal=refusal)
    shown = runner.invoke(app, ["ai", "draft", "x", "--json", "--out", str(tmp_path / "o")])
    assert refusal in json.loads(shown.stdout)["error"]  # JSON stays exact
