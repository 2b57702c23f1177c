"""The journey format's published schema is current and accepts every journey file; the
Maestro flows written for the journeys fit Maestro's flow format; the jest test generated from
them names every step's place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from appforge.journeys import check
from appforge.journeys.jest import jest_file
from appforge.journeys.maestro import _exact, maestro_flows
from appforge.journeys.schema import schema_text

ROOT = Path(__file__).parent.parent.parent
HERE = Path(__file__).parent
SHARED = ROOT.parent / "shared" / "examples"
JOURNEY_FILES = sorted([*HERE.glob("*/*.journey.yaml"), *ROOT.glob("examples/*/tests/*.journey.yaml")])
FLOW_SCHEMA = json.loads((HERE / "maestro" / "flow.schema.json").read_text())


def _checked(name: str):  # type: ignore[no-untyped-def]
    if (HERE / name).is_dir():
        if not SHARED.is_dir():
            pytest.skip("../shared/examples is not present")
        result = check(SHARED / name, HERE / name)
    else:
        result = check(ROOT / "examples" / name)
    assert not result.has_errors, [str(d) for d in result.diagnostics]
    assert result.result.app is not None
    return result


EXAMPLES = ["todo", "signup", "quotes", "expenses", "recipes", "bookshelf"]


def test_published_schema_is_current() -> None:
    assert (ROOT / "specs" / "journey.schema.json").read_text() == schema_text(), \
        "run: python -m appforge.journeys.schema > specs/journey.schema.json"


@pytest.mark.parametrize("path", JOURNEY_FILES, ids=lambda p: p.parent.name)
def test_schema_accepts_every_journey_file(path: Path) -> None:
    from appforge.loader import load_yaml

    schema = json.loads((ROOT / "specs" / "journey.schema.json").read_text())
    doc, _ = load_yaml(path.read_text(), path.name)  # YAML 1.2: a date stays text
    assert doc is not None
    jsonschema.Draft202012Validator(schema).validate(doc.data)


@pytest.mark.parametrize("bad", [
    {"journeys": [{"name": "x", "steps": ["bak"]}]},
    {"journeys": [{"name": "x", "steps": [{"press": "a", "reload": None}]}]},
    {"journeys": [{"name": "x", "steps": [{"expect": {"id": "a", "text": "b", "count": 1}}]}]},
    {"journeys": [{"name": "x", "steps": [{"type": {"into": "a"}}]}]},
    {"journeys": [{"name": "x", "targets": ["desktop"], "steps": ["back"]}]},
])
def test_schema_rejects_what_the_loader_rejects(bad: object) -> None:
    schema = json.loads((ROOT / "specs" / "journey.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


@pytest.mark.parametrize("name", EXAMPLES)
def test_maestro_flows_fit_the_flow_format(name: str) -> None:
    result = _checked(name)
    app = result.result.app
    journeys = [j for j in result.journeys if "mobile" in j.targets]
    flows = maestro_flows(app, journeys)
    assert len(flows) == len(journeys)
    validator = jsonschema.Draft202012Validator(FLOW_SCHEMA)
    for file_name, text in flows.items():
        config, commands = list(yaml.safe_load_all(text))
        validator.evolve(schema=FLOW_SCHEMA["$defs"]["config"] | {"$defs": FLOW_SCHEMA["$defs"]}
                         ).validate(config)
        validator.evolve(schema=FLOW_SCHEMA["$defs"]["commands"] | {"$defs": FLOW_SCHEMA["$defs"]}
                         ).validate(commands)
        assert config["appId"] == app.id
        assert commands[0] == {"launchApp": {"clearState": True}}
        # Selectors are regular expressions: each id and text still matches what it names.
        for command in commands:
            sel = next(iter(command.values())) if isinstance(command, dict) else None
            if isinstance(sel, dict) and "id" in sel:
                assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", sel["id"]), file_name


def test_maestro_text_is_escaped_for_regular_expressions() -> None:
    assert re.fullmatch(_exact("Members (1)"), "Members (1)")
    assert re.fullmatch(_exact("a.b*c?"), "a.b*c?") and not re.fullmatch(_exact("a.b"), "axb")


def test_jest_file_names_every_step_place() -> None:
    result = _checked("todo")
    text = jest_file(result.result.app, result.journeys)
    for journey in result.journeys:
        assert json.dumps(journey.title) in text
        for step in journey.steps:
            if step.kind not in ("expect_title", "expect_page", "back"):
                assert json.dumps(str(step.span)) in text
