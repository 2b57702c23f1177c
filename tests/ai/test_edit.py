"""`appforge ai edit`: checked next to the project's own files, snapshot first, applied only
when asked, the project untouched otherwise."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.ai.reply import to_yaml
from appforge.cli import app
from appforge.store import Store
from tests.ai.conftest import GOOD, spec
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()

WITH_DATA = spec(data={"seed": {"kind": "static", "file": "data/seed.json",
                                "into": "state.habits"}})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "habits"
    (root / "data").mkdir(parents=True)
    (root / "data" / "seed.json").write_text('["walk", "read"]')
    (root / "appforge.yaml").write_text(to_yaml(WITH_DATA))
    return root


def _edit(project: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ai", "edit", "rename the button", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


def _renamed() -> dict[str, object]:
    changed = json.loads(json.dumps(WITH_DATA))
    changed["pages"][0]["body"][1]["label"] = "Add habit"
    return changed


def test_candidates_are_checked_next_to_the_projects_files(server: FakeOpenAI,
                                                           project: Path) -> None:
    server.reply(json.dumps(_renamed()))
    code, out, err = _edit(project, "--yes", "--json")
    assert code == 0, out + err
    assert json.loads(out)["rounds"] == 1  # data/seed.json resolved: no repair needed
    assert "Add habit" in (project / "appforge.yaml").read_text()
    assert (project / "data" / "seed.json").read_text() == '["walk", "read"]'


def test_without_yes_and_no_terminal_nothing_is_applied(server: FakeOpenAI,
                                                        project: Path) -> None:
    before = (project / "appforge.yaml").read_text()
    server.reply(json.dumps(_renamed()))
    code, out, _ = _edit(project)
    assert code == 0
    assert 'label "Add" → "Add habit"' in out and "pass --yes to apply" in out
    assert (project / "appforge.yaml").read_text() == before
    saved = Store(project).list()
    assert len(saved) == 1 and saved[0].meta["prompt"] == "rename the button"


def test_the_same_spec_is_nothing_to_change(server: FakeOpenAI, project: Path) -> None:
    server.reply(json.dumps(WITH_DATA))
    code, out, _ = _edit(project, "--yes")
    assert code == 0 and "nothing to change" in out


def test_a_failed_edit_leaves_the_project_alone(server: FakeOpenAI, project: Path) -> None:
    before = (project / "appforge.yaml").read_text()
    for _ in range(2):
        server.reply(json.dumps(spec(state={})))  # state.habits is gone: errors
    code, _, err = _edit(project, "--yes", "--max-repairs", "1")
    assert code == 1 and "no spec that compiles after 2 round(s)" in err
    assert (project / "appforge.yaml").read_text() == before
    assert Store(project).list() == []  # nothing to undo: no snapshot either


def test_multi_file_projects_are_refused(server: FakeOpenAI, project: Path) -> None:
    (project / "pages").mkdir()
    (project / "pages" / "more.yaml").write_text("state: {extra: {type: string}}\n")
    text = (project / "appforge.yaml").read_text()
    (project / "appforge.yaml").write_text(text + "include: [pages/*.yaml]\n")
    code, _, err = _edit(project, "--yes")
    assert code == 1 and "single-file projects" in err
    assert server.requests == []


def test_edits_carry_the_current_spec_and_good_specs_stay_valid(server: FakeOpenAI,
                                                                project: Path) -> None:
    server.reply(json.dumps(GOOD))
    code, out, err = _edit(project, "--yes", "--json")
    assert code == 0, out + err
    sent = server.requests[0]["messages"][-1]["content"]
    assert "data/seed.json" in sent and "rename the button" in sent
    assert any("seed" in c for c in json.loads(out)["changes"])


def test_written_specs_are_ordinary_files(server: FakeOpenAI, project: Path) -> None:
    (project / "appforge.yaml").chmod(0o640)
    server.reply(json.dumps(_renamed()))
    assert _edit(project, "--yes")[0] == 0
    assert (project / "appforge.yaml").stat().st_mode & 0o777 == 0o640  # kept
    server.reply(json.dumps(GOOD))
    assert runner.invoke(app, ["ai", "draft", "x", "--out", "new"]).exit_code == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert (Path("new") / "appforge.yaml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_project_that_cannot_be_copied_is_a_clear_error(
        server: FakeOpenAI, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root here, so an unreadable file is simulated where the copy fails.
    def copytree(*args: object, **kwargs: object) -> None:
        raise shutil.Error([(str(project / "data"), "x", "Permission denied")])

    monkeypatch.setattr(shutil, "copytree", copytree)
    server.reply(json.dumps(_renamed()))
    code, _, err = _edit(project, "--yes")
    assert code == 1 and "cannot copy" in err and "Traceback" not in err


@pytest.mark.parametrize("answer, applied", [("y\n", True), ("n\n", False)])
def test_a_terminal_is_asked(server: FakeOpenAI, project: Path, monkeypatch: pytest.MonkeyPatch,
                             answer: str, applied: bool) -> None:
    from appforge.cli import ai_commands

    monkeypatch.setattr(ai_commands, "_can_ask", lambda: True)
    server.reply(json.dumps(_renamed()))
    result = runner.invoke(app, ["ai", "edit", "rename", str(project)], input=answer)
    assert result.exit_code == 0, result.output
    assert "Apply?" in result.stderr
    assert ("Add habit" in (project / "appforge.yaml").read_text()) is applied
    assert len(Store(project).list()) == (2 if applied else 1)
