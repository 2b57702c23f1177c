"""The conventions every command keeps (docs/cli.md): exit codes as one table over commands and
situations, the project found by walking up, `--version`, one JSON shape, `-q`, completion of
option values, NO_COLOR/FORCE_COLOR, Ctrl-C, and usage lines without `{placeholders}`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import appforge
from appforge.cli import app

ROOT = Path(__file__).parent.parent.parent
runner = CliRunner()

GOOD = """appforge: 1
app: {name: T, id: com.example.t}
include: [pages/*.yaml]
state:
  n: {type: number, default: 0}
"""
PAGE = """pages:
  - id: home
    body:
      - {type: text, text: "{{ state.n }}"}
"""
BROKEN_PAGE = PAGE.replace("state.n", "state.m")


def _project(folder: Path, page: str = PAGE) -> Path:
    (folder / "pages").mkdir(parents=True)
    (folder / "appforge.yaml").write_text(GOOD)
    (folder / "pages" / "home.yaml").write_text(page)
    return folder


# --- exit codes: one table ------------------------------------------------------------------
#
# Each command is run from a folder: "ok" and "spec error" from pages/ inside a project (so the
# project is also found by walking up), "no project" from an empty folder, "bad option" with an
# option no command has (or a value no command takes). None: the situation does not apply (a
# command that does not compile cannot meet a spec error; dev serves until Ctrl-C, tested below).

Cell = list[str] | None
COMMANDS: dict[str, dict[str, Cell]] = {
    "validate": {"ok": ["validate"], "spec error": ["validate"], "no project": ["validate"],
                 "bad option": ["validate", "--bogus"]},
    "validate --json": {"ok": ["validate", "--json"], "spec error": ["validate", "--json"],
                        "no project": ["validate", "--json"],
                        "bad option": ["validate", "--format", "xml"]},
    "build": {"ok": ["build", "--out", "{tmp}/out"], "spec error": ["build", "--out", "{tmp}/o"],
              "no project": ["build"], "bad option": ["build", "--target", "desktop"]},
    "build --json": {"ok": ["build", "--json", "--out", "{tmp}/out"],
                     "spec error": ["build", "--json", "--out", "{tmp}/o"],
                     "no project": ["build", "--json"], "bad option": ["build", "--bogus"]},
    "dev": {"ok": None, "spec error": None, "no project": ["dev", "--port", "0"],
            "bad option": ["dev", "--port", "99999"]},
    # "ok" would drive a browser: tests/journeys runs appforge test for real.
    "test": {"ok": None, "spec error": ["test", "--target", "web"], "no project": ["test"],
             "bad option": ["test", "--target", "desktop"]},
    "test --json": {"ok": None, "spec error": ["test", "--json", "--target", "web"],
                    "no project": ["test", "--json"], "bad option": ["test", "--bogus"]},
    "snapshot save": {"ok": ["snapshot", "save"], "spec error": None,
                      "no project": ["snapshot", "save"],
                      "bad option": ["snapshot", "save", "--bogus"]},
    "snapshot list": {"ok": ["snapshot", "list"], "spec error": None,
                      "no project": ["snapshot", "list"],
                      "bad option": ["snapshot", "list", "--bogus"]},
    "snapshot verify": {"ok": ["snapshot", "verify"], "spec error": None,
                        "no project": ["snapshot", "verify"],
                        "bad option": ["snapshot", "verify", "--bogus"]},
    "ai edit": {"ok": None, "spec error": None, "no project": ["ai", "edit", "x", "--yes"],
                "bad option": ["ai", "edit", "x", "--max-repairs", "99"]},
    "explain": {"ok": ["explain", "E0203"], "spec error": None, "no project": None,
                "bad option": ["explain", "E9999"]},
    "components": {"ok": ["components", "button"], "spec error": None, "no project": None,
                   "bad option": ["components", "buton"]},
    "schema": {"ok": ["schema"], "spec error": None, "no project": None,
               "bad option": ["schema", "--bogus"]},
    "new": {"ok": ["new", "made", "--no-input", "--dir", "{tmp}"], "spec error": None,
            "no project": None, "bad option": ["new", "made", "--template", "nope"]},
    "--version": {"ok": ["--version"], "spec error": None, "no project": None,
                  "bad option": ["--bogus"]},
}
EXPECTED = {"ok": 0, "spec error": 1, "no project": 2, "bad option": 2}
TABLE = [(command, situation, args) for command, row in COMMANDS.items()
         for situation, args in row.items() if args is not None]


@pytest.mark.parametrize("command, situation, args", TABLE,
                         ids=[f"{c}-{s}" for c, s, _ in TABLE])
def test_exit_codes(command: str, situation: str, args: list[str], tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    if situation == "no project":
        where = tmp_path / "empty"
        where.mkdir()
    else:
        project = _project(tmp_path / "project",
                           BROKEN_PAGE if situation == "spec error" else PAGE)
        where = project / "pages"
    monkeypatch.chdir(where)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == EXPECTED[situation], (argv, result.output)
    assert "Traceback" not in result.output
    if situation == "no project":
        assert "no project at" in result.output
    if "--json" in argv and situation != "bad option":
        doc = json.loads(result.stdout)
        assert doc["version"] == 1 and isinstance(doc["diagnostics"], list)
        if situation == "no project":
            assert doc["diagnostics"][0]["code"] == "E0001"


def test_build_writes_into_the_project_found_above(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "p")
    monkeypatch.chdir(project / "pages")
    result = runner.invoke(app, ["build", "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert (project / "build" / "web" / "index.html").is_file()
    assert not (project / "pages" / "build").exists()


def test_an_explicit_folder_inside_a_project(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", BROKEN_PAGE)
    result = runner.invoke(app, ["validate", str(project / "pages")], env={"NO_COLOR": "1"})
    assert result.exit_code == 1 and "pages/home.yaml:4:" in result.output


def test_a_missing_path_is_no_project(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


# --- version, help, -q, JSON -------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and result.output == f"appforge {appforge.__version__}\n"


def _commands() -> list[list[str]]:
    return [[], ["validate"], ["build"], ["dev"], ["new"], ["schema"], ["components"],
            ["explain"], ["snapshot"], ["snapshot", "save"], ["snapshot", "list"],
            ["snapshot", "show"], ["snapshot", "diff"], ["snapshot", "restore"],
            ["snapshot", "verify"], ["snapshot", "gc"], ["ai"], ["ai", "draft"], ["ai", "edit"]]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "appforge")
def test_help_has_no_placeholders(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "{" not in result.output and "}" not in result.output, result.output
    usage = result.output.splitlines()[0]
    assert usage.startswith("Usage: appforge"), usage


def test_usage_names_arguments_classically() -> None:
    assert runner.invoke(app, ["new", "-h"]).output.startswith(
        "Usage: appforge new [OPTIONS] NAME\n")
    assert runner.invoke(app, ["snapshot", "diff", "-h"]).output.startswith(
        "Usage: appforge snapshot diff [OPTIONS] A [B]\n")
    assert runner.invoke(app, ["validate", "-h"]).output.startswith(
        "Usage: appforge validate [OPTIONS] [PATH]\n")


@pytest.mark.parametrize("args", [["validate", "-q"], ["build", "-q"]])
def test_quiet_prints_nothing_on_success(args: list[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path / "p"))
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and result.output == ""


def test_quiet_still_prints_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path / "p", BROKEN_PAGE))
    result = runner.invoke(app, ["validate", "-q"])
    assert result.exit_code == 1 and "E0203" in result.output


def test_json_documents_share_one_shape(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "p", BROKEN_PAGE)
    monkeypatch.chdir(project)
    validate = json.loads(runner.invoke(app, ["validate", "--json"]).stdout)
    build = json.loads(runner.invoke(app, ["build", "--json"]).stdout)
    for doc in (validate, build):
        assert doc["version"] == 1 and doc["appforge"] == appforge.__version__
        assert doc["ok"] is False and doc["errors"] == 1 and doc["warnings"] == 1
    assert validate["diagnostics"] == build["diagnostics"]
    [d] = [d for d in validate["diagnostics"] if d["severity"] == "error"]
    assert set(d) == {"file", "line", "column", "end", "code", "severity", "message", "hint",
                      "related"}
    others = [["components", "--json"], ["snapshot", "save", "--json"],
              ["snapshot", "list", "--json"], ["snapshot", "verify", "--json"],
              ["snapshot", "show", "latest", "--json"], ["snapshot", "diff", "latest", "--json"],
              ["new", "x", "--no-input", "--dir", str(tmp_path), "--json"]]
    for args in others:
        result = runner.invoke(app, args)
        doc = json.loads(result.stdout)
        assert isinstance(doc, dict) and doc["version"] == 1, args


# --- completion -------------------------------------------------------------------------------

def _complete(words: str, cwd: Path | None = None) -> list[str]:
    """What bash completion offers for the last word of ``words`` (the real machinery:
    the same environment variables bash's completion function sets)."""
    parts = words.split(" ")
    env = {**os.environ, "_APPFORGE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(parts) - 1)}
    proc = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'appforge'; "
                           "from appforge.cli import main; main()"], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_completion_of_targets_templates_and_codes() -> None:
    assert _complete("appforge build --target ") == ["mobile", "web", "all"]
    assert _complete("appforge build -t w") == ["web"]
    assert _complete("appforge new x --template ") == ["blank", "todo", "crud"]
    assert _complete("appforge new x --template c") == ["crud"]
    codes = _complete("appforge explain E02")
    assert "E0203" in codes and all(c.startswith("E02") for c in codes)
    assert _complete("appforge explain W01")[:1] == ["W0101"]
    assert _complete("appforge validate --format ") == ["human", "json", "github"]


def test_completion_of_snapshot_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "p")
    monkeypatch.chdir(project)
    first = json.loads(runner.invoke(app, ["snapshot", "save", "-m", "one", "--json"]).stdout)
    (project / "pages" / "home.yaml").write_text(PAGE.replace("home", "start"))
    second = json.loads(runner.invoke(app, ["snapshot", "save", "--json"]).stdout)
    offered = _complete("appforge snapshot show ", cwd=project / "pages")
    assert offered == ["latest", second["id"][:12], first["id"][:12]]
    assert _complete(f"appforge snapshot diff {first['id'][:3]}", cwd=project) == \
        [first["id"][:12]]
    assert _complete("appforge snapshot restore ", cwd=tmp_path) == []  # no project: nothing


# --- colour -----------------------------------------------------------------------------------

@pytest.mark.parametrize("env, coloured", [
    ({}, False), ({"FORCE_COLOR": "1"}, True), ({"NO_COLOR": "1"}, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False), ({"FORCE_COLOR": "0"}, False)])
@pytest.mark.parametrize("args", [["validate"], ["components", "button"]])
def test_no_color_and_force_color(tmp_path: Path, env: dict[str, str], coloured: bool,
                                  args: list[str]) -> None:
    project = _project(tmp_path / "p", BROKEN_PAGE)
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run([sys.executable, "-m", "appforge", *args], cwd=project,
                          env={**clean, **env}, capture_output=True, text=True, timeout=60)
    shown = proc.stdout + proc.stderr
    assert ("\x1b[" in shown) is coloured, shown[:300]


# --- Ctrl-C -----------------------------------------------------------------------------------

def _interrupt(args: list[str], cwd: Path, ready: Callable[[str], bool],
               env: dict[str, str] | None = None, stdin: int | None = subprocess.DEVNULL
               ) -> tuple[int, str]:
    """Start appforge, wait until its stderr says it is busy, send SIGINT; exit code and
    everything it printed."""
    import select

    # SIGINT as a terminal's program has it: a shell without job control (a CI runner's
    # background job) starts children with it ignored, and Ctrl-C would do nothing.
    proc = subprocess.Popen([sys.executable, "-m", "appforge", *args], cwd=cwd,
                            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=stdin,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not ready(seen.decode("utf-8", "replace")):
        if select.select([proc.stderr], [], [], 0.05)[0]:
            chunk = os.read(proc.stderr.fileno(), 65536)
            seen += chunk
            if not chunk:
                break
        if proc.poll() is not None:
            break
    assert ready(seen.decode("utf-8", "replace")), seen
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)  # never waits forever on a process that stays
    finally:
        proc.kill()
    return proc.returncode, (seen + (err or b"")).decode("utf-8", "replace")


def test_ctrl_c_stops_dev_with_130_and_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    code, shown = _interrupt(["dev", "--port", "0"], project / "pages",
                             lambda s: "serving http://" in s)
    assert code == 130
    tail = shown[shown.index("(Ctrl-C to stop)") + len("(Ctrl-C to stop)"):]
    assert tail.strip() == "stopped", shown
    assert "KeyboardInterrupt" not in shown and "Traceback" not in shown


def test_ctrl_c_during_a_long_command(tmp_path: Path) -> None:
    """`ai draft` waiting for a slow server: 130, one line, nothing written."""
    from tests.ai.fake_server import FakeOpenAI, completion

    server = FakeOpenAI()
    server.script.append({"status": 200, "sleep": 30, "body": completion("{}")})
    try:
        code, shown = _interrupt(
            ["ai", "draft", "x", "--out", "out"], tmp_path,
            lambda s: bool(server.requests),  # the request is with the server
            env={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "k",
                 "APPFORGE_AI_MAX_RETRIES": "0", "XDG_CACHE_HOME": str(tmp_path / "c")})
    finally:
        server.close()
    assert code == 130
    assert shown.strip() == "interrupted; nothing was written", shown
    assert not (tmp_path / "out").exists()


def test_ctrl_c_at_a_prompt_is_130_too(tmp_path: Path) -> None:
    """A command with nothing of its own to say, waiting at a prompt: one line, 130 (not
    click's "Aborted!" and 1)."""
    project = _project(tmp_path / "p")
    runner.invoke(app, ["snapshot", "save", str(project)])
    (project / "pages" / "home.yaml").write_text(PAGE.replace("home", "start"))
    code, shown = _interrupt(["snapshot", "restore", "latest"], project,
                             lambda s: "restore? [y/N]:" in s, stdin=subprocess.PIPE)
    assert code == 130, shown
    assert shown.replace(": \n", ":\n").rstrip().endswith("restore? [y/N]:\ninterrupted"), shown
    assert "Aborted" not in shown and "Traceback" not in shown
    assert "start" in (project / "pages" / "home.yaml").read_text()  # nothing restored
