"""``appforge snapshot ...`` through the CLI: exit codes, --json, messages (never tracebacks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["snapshot", *args], input=input)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_save_list_show_json(project: Path) -> None:
    code, out = run("save", "-m", "first", str(project), "--json")
    assert code == 0
    oid = json.loads(out)["id"]
    assert len(oid) == 64
    code, out = run("list", "--path", str(project), "--json")
    listed = json.loads(out)["snapshots"]
    assert code == 0 and [s["id"] for s in listed] == [oid]
    assert listed[0]["message"] == "first" and listed[0]["files"] == 4
    code, out = run("show", oid[:6], "-p", str(project), "--json")
    shown = json.loads(out)
    assert code == 0 and shown["id"] == oid
    assert [e["path"] for e in shown["entries"]] == [
        "appforge.yaml", "assets/logo.png", "data/tasks.json", "pages/home.yaml"]


def test_human_output(project: Path) -> None:
    code, out = run("save", "-m", "first", "--path", str(project))
    assert code == 0 and out.startswith("saved ") and "(4 files" in out and ": first" in out
    code, out = run("list", "-p", str(project))
    assert code == 0 and "first" in out and "\x1b[" not in out  # no colour in a pipe
    code, out = run("show", "latest", "-p", str(project))
    assert "pages/home.yaml" in out and "message  first" in out


def test_diff_against_working_files_in_every_format(project: Path) -> None:
    run("save", str(project))
    home = project / "pages/home.yaml"
    home.write_text(home.read_text().replace("label: Add}", "label: Add task}"))
    code, out = run("diff", "latest", "-p", str(project))
    assert code == 0
    assert '~ page home › button "add": label "Add" → "Add task"' in out
    code, out = run("diff", "latest", "-p", str(project), "--json")
    data = json.loads(out)
    assert data["to"] is None and data["semantic"] is True
    assert data["changes"][0]["kind"] == "changed" and data["changes"][0]["new"] == "Add task"
    assert data["patch"] == [{"op": "replace", "path": "/pages/0/body/1/children/1/label",
                              "value": "Add task"}]
    code, out = run("diff", "latest", "-p", str(project), "--unified")
    assert "-          - {type: button, id: add, label: Add}" in out
    assert "+          - {type: button, id: add, label: Add task}" in out
    code, out = run("diff", "latest", "-p", str(project), "--markdown")
    assert out.startswith("### Spec changes") and "1 change: 1 changed" in out
    code, _ = run("diff", "latest", "-p", str(project), "--json", "--unified")
    assert code == 2


def test_diff_between_two_snapshots(project: Path) -> None:
    a = json.loads(run("save", str(project), "--json")[1])["id"]
    (project / "pages/about.yaml").write_text("pages: [{id: about, body: []}]\n")
    b = json.loads(run("save", str(project), "--json")[1])["id"]
    code, out = run("diff", a[:8], b[:8], "-p", str(project))
    assert code == 0 and "+ page about: added" in out
    code, out = run("diff", b, b, "-p", str(project), "--json")
    assert json.loads(out)["changes"] == []


def test_restore_asks_then_restores(project: Path) -> None:
    oid = json.loads(run("save", str(project), "--json")[1])["id"]
    home = project / "pages/home.yaml"
    original = home.read_text()
    home.write_text("pages: []\n")
    code, out = run("restore", oid[:8], "-p", str(project), input="n\n")
    assert code == 1 and "will write   pages/home.yaml" in out and "nothing changed" in out
    assert home.read_text() == "pages: []\n"
    code, out = run("restore", oid[:8], "-p", str(project), "--yes")
    assert code == 0 and home.read_text() == original
    assert "saved the working files first as" in out and "1 written" in out
    code, out = run("restore", oid[:8], "-p", str(project), "--yes")
    assert code == 0 and "already match" in out


def test_errors_are_messages_with_exit_1(project: Path, tmp_path: Path) -> None:
    code, out = run("show", "zzzz", "-p", str(project))
    assert code == 1 and "error: 'zzzz' is not a snapshot id" in out and "hint:" in out
    run("save", str(project))
    code, out = run("show", "0000000", "-p", str(project))
    assert code == 1 and ("no snapshot starts with" in out)


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("show", "-p", str(project))[0] == 2
    assert run("list", "--bogus")[0] == 2
    assert run("gc", "--keep-recent", "-1", "-p", str(project))[0] == 2


def test_gc_and_verify(project: Path) -> None:
    run("save", str(project))
    code, out = run("gc", "-p", str(project), "--keep-recent", "0")
    assert code == 0 and "removed 0 objects" in out
    assert run("verify", "-p", str(project))[0] == 0


def test_help_stays_light() -> None:
    """The snapshot commands import nothing heavy until they run."""
    code = ("import sys, appforge.cli; "
            "print([m for m in sys.modules if m.startswith('appforge.store')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_colour_only_when_asked_and_never_with_no_color(project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    run("save", str(project))
    (project / "pages/home.yaml").write_text("pages: []\n")
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal
    assert "\x1b[" in run("diff", "latest", "-p", str(project))[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("diff", "latest", "-p", str(project))[1]


def test_spec_text_and_messages_are_shown_as_themselves(project: Path) -> None:
    message = "[red]not markup[/] <b>"
    run("save", "-m", message, str(project))
    assert message in run("list", "-p", str(project))[1]
    assert message in run("show", "latest", "-p", str(project))[1]
    home = project / "pages/home.yaml"
    home.write_text(home.read_text().replace("label: Add}", 'label: "[b]x[/b] <img src=x> `y`"}'))
    out = run("diff", "latest", "-p", str(project))[1]
    assert '"[b]x[/b] <img src=x> `y`"' in out
    md = run("diff", "latest", "-p", str(project), "--markdown")[1]
    # In Markdown, spec text cannot become HTML, code or links.
    assert "\\<img src=x\\>" in md and "\\`y\\`" in md and "\\[b\\]" in md
