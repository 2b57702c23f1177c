"""A reply is data: parsed strictly, written as YAML that reads back as exactly the same data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appforge.ai.compose import compile_candidate
from appforge.ai.reply import parse_reply, to_yaml
from appforge.loader import load_project, load_yaml
from tests.ai.conftest import GOOD

# Strings PyYAML's 1.1 dumper would leave unquoted but the loader's 1.2 core schema reads as
# numbers, booleans or null — and the ones that were always fine.
TRICKY = ["1e3", "0o17", "-1E5", ".5e1", "1.", "0x1F", "no", "on", "Null", "~", "", "007",
          "2020-01-01", "+.inf", ".NaN", "true", "1_000", "{{ state.x }}", "<script>", "a: b",
          "- x", "# c", "line\nbreak", "cr\r\nlf", "a\x85b", " lead", "trail ", "\u2028", "\x85", "\x00",
          "é✓"]


@pytest.mark.parametrize("text", TRICKY)
def test_yaml_reads_back_as_the_same_data(text: str) -> None:
    data: dict[str, Any] = {**GOOD, "app": {"name": text, "id": "x"}, text or "k": [text, 1,
                                                                                    1.5, None]}
    doc, diagnostics = load_yaml(to_yaml(data), "appforge.yaml")
    assert diagnostics == [] and doc is not None
    assert doc.data == data


def test_natural_key_order_keeps_field_order() -> None:
    data = {"pages": [{"body": [{"label": "x", "type": "button", "id": "b"}], "id": "home"}],
            "models": {"T": {"fields": {"type": {"type": "string"}, "a": {"type": "string"}}}},
            "app": {"name": "A", "id": "a.b"}, "appforge": 1}
    text = to_yaml(data)
    assert text.index("appforge:") < text.index("app:") < text.index("models:") < \
        text.index("pages:")
    assert "- id: b\n    type: button\n    label: x" in text
    assert text.index("      type:\n") < text.index("      a:\n")  # form field order kept


@pytest.mark.parametrize("reply, expected", [
    ('{"appforge": 1}', {"appforge": 1}),
    ('Sure!\n```json\n{"appforge": 1}\n```\nEnjoy.', {"appforge": 1}),
    ('Here it is: {"appforge": 1} Hope it helps', {"appforge": 1}),
    ("appforge: 1\npages: []\n", {"appforge": 1, "pages": []}),
    ('{"a": 1, "a": 2}', "the key 'a' appears twice in one object"),
    ('{"a": NaN}', "the reply is not a JSON object"),
    ("[1, 2]", "the reply is JSON but not an object"),
    ("Sure: here you go", "the reply is not a JSON object"),
    ('{"a": ' * 80 + "1" + "}" * 80, "the reply nests deeper than 64"),
    ("[" * 50_000 + "]" * 50_000, "the reply is not a JSON object"),
    (json.dumps({"a": "\ud800"}), "the reply holds a string that is not valid Unicode"),
    ("x" * 500_000, "the reply is too large"),
    # A YAML tag is never constructed: the value stays data, and the compiler rejects it.
    ("appforge: !!python/object/apply:os.system [echo hi]", {"appforge": ["echo hi"]}),
])
def test_parse_reply(reply: str, expected: Any) -> None:
    assert parse_reply(reply) == expected


ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(p.parent for folder in (ROOT / "examples", ROOT.parent / "shared" / "examples")
                  for p in folder.glob("*/appforge.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_every_example_survives_the_trip_through_json_and_yaml(example: Path) -> None:
    # What a model would send for an example (its JSON form) is written as YAML that means the
    # same: the compiler accepts it, next to the example's own files, with the same data.
    project = load_project(example)
    assert project.entry is not None
    data = json.loads(json.dumps(project.entry.data))
    text, diagnostics = compile_candidate(data, example)
    assert [d for d in diagnostics if d.is_error] == []
    doc, _ = load_yaml(text, "appforge.yaml")
    assert doc is not None and doc.data == data
