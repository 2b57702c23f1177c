"""The files generated from the catalogue (schema, reference, component list) are current, and
the published schema accepts every example (what editors check as people type)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from appforge.spec.reference import published_files

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "examples"


@pytest.mark.parametrize("name", sorted(published_files()))
def test_published_file_is_current(name: str) -> None:
    expected = published_files()[name]
    actual = (ROOT / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} is stale: run `python -m appforge.spec.reference`"


def _spec_files() -> list[Path]:
    roots = [ROOT / "examples", *([SHARED] if SHARED.is_dir() else [])]
    return sorted(p for r in roots for p in r.glob("*/appforge.yaml"))


def _included_files() -> list[Path]:
    roots = [ROOT / "examples", *([SHARED] if SHARED.is_dir() else [])]
    return sorted(p for r in roots for p in r.glob("*/pages/*.yaml"))


@pytest.mark.parametrize("spec", _spec_files(), ids=lambda p: p.parent.name)
def test_schema_accepts_example(spec: Path) -> None:
    schema = json.loads((ROOT / "specs/appforge.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(spec.read_text()))


@pytest.mark.parametrize("spec", _included_files(), ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_include_schema_accepts_included_file(spec: Path) -> None:
    schema = json.loads((ROOT / "specs/appforge-include.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(spec.read_text()))


def test_schema_rejects_unknown_keys() -> None:
    schema = json.loads((ROOT / "specs/appforge.schema.json").read_text())
    bad = {"appforge": 1, "app": {"name": "x", "id": "com.example.x"},
           "pages": [{"id": "home", "body": [{"type": "button", "lable": "Go"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


def test_cli_schema_matches_published(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from appforge.cli import app

    out = tmp_path / "schema.json"
    result = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text() == (ROOT / "specs/appforge.schema.json").read_text()
