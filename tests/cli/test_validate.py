"""`appforge validate`, `schema`, `components`, `explain`: exit codes, formats, rendering."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

import appforge
from appforge.cli import app

ROOT = Path(__file__).parent.parent.parent
CASES = ROOT / "tests" / "diagnostics" / "cases"
runner = CliRunner()

BAD = """appforge: 1
app: {name: T, id: com.example.t}
state:
  tasks: {type: list, of: string, default: []}
pages:
  - id: home
    title: "{{ len(state.taks) }} tasks"
    body:
      - {type: button, label: Add, variant: primry}
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "appforge.yaml").write_text(text)
    return tmp_path


def test_clean_project_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "examples" / "expenses")])
    assert result.exit_code == 0, result.output


def test_errors_exit_1_with_location_code_frame_and_hint(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_write(tmp_path, BAD))])
    assert result.exit_code == 1
    assert "appforge.yaml:9:45: error[E0104]: invalid value 'primry' for 'variant'" in \
        result.output
    assert "hint: did you mean 'primary'?" in result.output
    assert "^^^^^^" in result.output


def test_human_rendering(tmp_path: Path, snapshot: SnapshotAssertion) -> None:
    fixed = BAD.replace("primry", "primary")
    result = runner.invoke(app, ["validate", str(_write(tmp_path, fixed))],
                           env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert result.output == snapshot


def test_json_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--json", str(_write(tmp_path, BAD))])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    [diag] = doc.pop("diagnostics")
    assert doc == {"version": 1, "appforge": appforge.__version__, "ok": False, "errors": 1,
                   "warnings": 0}
    assert diag == {
        "file": "appforge.yaml", "line": 9, "column": 45, "end": {"line": 9, "column": 51},
        "code": "E0104", "severity": "error",
        "message": "invalid value 'primry' for 'variant'",
        "hint": "did you mean 'primary'?", "related": [],
    }


def test_github_annotations(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "github",
                                 str(_write(tmp_path, BAD))])
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=appforge.yaml,line=9,col=45,title=E0104::")


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(CASES / "unused_state")])
    assert result.exit_code == 0
    assert "warning[W0101]" in result.output


def test_missing_project_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no project at" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["validate", "--frobnicate"]).exit_code == 2


def test_components_lists_every_contract_component() -> None:
    result = runner.invoke(app, ["components", "--json"])
    assert result.exit_code == 0
    types = {c["type"] for c in json.loads(result.stdout)["components"]}
    assert types >= {"heading", "text", "image", "link", "button", "input", "textarea",
                     "checkbox", "switch", "select", "row", "column", "card", "divider",
                     "spacer", "list", "table", "form"}


def test_components_unknown_name_suggests() -> None:
    result = runner.invoke(app, ["components", "buton"])
    assert result.exit_code == 2
    assert "did you mean 'button'?" in result.output


def test_explain_known_and_unknown_codes() -> None:
    result = runner.invoke(app, ["explain", "e0203"])
    assert result.exit_code == 0 and "unknown state key" in result.stdout
    assert runner.invoke(app, ["explain", "E9999"]).exit_code == 2


def test_no_traceback_on_hostile_input(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_bytes(b"a: " + b"[" * 40_000 + b"]" * 40_000)
    proc = subprocess.run([sys.executable, "-m", "appforge", "validate", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "E0005" in proc.stderr


_GOOD = "appforge: 1\napp: {name: T, id: com.example.t}\npages:\n  - id: home\n    body:\n"
HOSTILE = {
    "nesting": (b"a: " + b"[" * 40_000 + b"]" * 40_000, "E0005", "1:67"),
    "block nesting": ("".join(" " * i + f"k{i}:\n" for i in range(1_500)).encode(), "E0005",
                      "65:65"),
    "control character": (b"appforge: 1\napp: {name: \"a\x07b\"}\n", "E0002", "2:15"),
    "unclosed string": (b"appforge: 1\napp: {name: 'T\n", "E0002", "2:13"),
    "huge integer": (b"appforge: " + b"9" * 5_000 + b"\n", "E0013", "1:11"),
    "huge hex": (_GOOD.replace("app: {", "theme: {radius: 0x" + "f" * 4_000 + "}\napp: {")
                 .encode() + b"      - {type: text, text: hi}\n", "E0013", "2:17"),
    "infinite literal": (_GOOD.encode() + b"      - {type: text, text: '{{ 1e999 }}'}\n", "E0200",
                         "6:32"),
    "long chain": (_GOOD.encode() + b"      - {type: text, text: '{{ " + b"+".join([b"1"] * 500)
                   + b" }}'}\n", "E0200", None),
    "boolean version": (b"appforge: true\n" + _GOOD.split("\n", 1)[1].encode()
                        + b"      - {type: text, text: hi}\n", "E0103", "1:11"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_a_located_diagnostic_in_every_format(tmp_path: Path,
                                                               name: str) -> None:
    content, code, where = HOSTILE[name]
    (tmp_path / "appforge.yaml").write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "appforge", "validate", "--format", "json",
                           str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    found = [(d["code"], f"{d['line']}:{d['column']}") for d in json.loads(proc.stdout)["diagnostics"]]
    assert any(c == code and (where is None or w == where) for c, w in found), found


@pytest.mark.parametrize("command", [["--help"], ["validate", "--help"], ["schema", "--help"],
                                     ["components", "--help"], ["explain", "--help"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0 and "Usage" in result.output


def test_help_does_not_import_heavy_modules() -> None:
    code = ("import sys; from appforge.cli import app; import typer.main;"
            "heavy = [m for m in ('pydantic', 'yaml', 'jinja2', 'openai', 'cookiecutter')"
            " if m in sys.modules]; print(','.join(heavy))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == ""


def test_verbose_says_what_was_checked() -> None:
    result = runner.invoke(app, ["validate", "-v", str(ROOT / "examples" / "recipes")])
    assert result.exit_code == 0
    assert "checked 3 files" in result.output and "3 pages" in result.output


def test_build_verbose_lists_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(ROOT / "examples" / "recipes"), "--out",
                                 str(tmp_path), "-v"])
    assert result.exit_code == 0
    assert "  index.html (" in result.output and "  build.json (" in result.output


def test_build_check_is_a_ci_gate(tmp_path: Path) -> None:
    project = ROOT / "examples" / "expenses"
    assert runner.invoke(app, ["build", str(project), "--out", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["build", str(project), "--out", str(tmp_path), "--check"]
                         ).exit_code == 0
    code = next((tmp_path / "web").glob("app.*.js"))
    code.write_text("// edited by hand\n")
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path), "--check",
                                 "--json"])
    assert result.exit_code == 1
    [web] = json.loads(result.stdout)["targets"]
    assert web["differences"] == [f"differs: {code.name}"]
    assert code.read_text() == "// edited by hand\n"  # nothing written
