"""The journey file's JSON Schema, derived from the models of :mod:`.model` (published as
specs/journey.schema.json, for editors' YAML language server)."""

from __future__ import annotations

import json
from typing import Any

from appforge.journeys.model import BARE_KINDS, STEP_KINDS, STEP_MODELS, JourneyFileModel
from appforge.spec.schema import _sorted

SCHEMA_ID = "https://appforge.dev/schema/v1/journey.schema.json"
_REF = "#/$defs/{model}"


def journey_schema() -> dict[str, Any]:
    """The JSON Schema of a ``*.journey.yaml`` file."""
    schema: dict[str, Any] = JourneyFileModel.model_json_schema(
        by_alias=True, mode="validation", ref_template=_REF)
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    variants: list[dict[str, Any]] = [{
        "type": "string", "enum": list(BARE_KINDS),
        "description": "A step that takes nothing: " + "; ".join(
            f"{k}: {STEP_KINDS[k][1]}" for k in BARE_KINDS)}]
    for kind, model in STEP_MODELS.items():
        step = model.model_json_schema(by_alias=True, mode="validation", ref_template=_REF)
        defs.update(step.pop("$defs", {}))
        step["description"] = STEP_KINDS[kind][1]
        defs[step["title"]] = step
        variants.append({"$ref": _REF.format(model=step["title"])})
    # One check per expect step (the model's validator): the id and exactly one more key.
    defs["Expect"].update(minProperties=2, maxProperties=2)
    defs["Step"] = {"oneOf": variants, "description": "One step: a mapping with one key, the "
                    "step's kind, or a bare `back` / `reload`."}
    defs["JourneyModel"]["properties"]["steps"]["items"] = {"$ref": _REF.format(model="Step")}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "appforge journeys"
    sorted_schema: dict[str, Any] = _sorted(schema)
    return sorted_schema


def schema_text() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m appforge.journeys.schema > specs/journey.schema.json
    import sys

    sys.stdout.write(schema_text())
