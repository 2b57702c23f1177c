"""The language's JSON Schema, derived from the Pydantic models (published under specs/)."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://appforge.dev/schema/v1/appforge.schema.json"


def json_schema(included: bool = False) -> dict[str, Any]:
    """The JSON Schema of appforge.yaml (or of an included file)."""
    from appforge.spec import prepare_models
    from appforge.spec.document import IncludedFile, SpecFile

    prepare_models()
    model = IncludedFile if included else SpecFile
    schema: dict[str, Any] = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID.replace("appforge.schema", "appforge-include.schema") \
        if included else SCHEMA_ID
    schema["title"] = "appforge spec (included file)" if included else "appforge spec"
    sorted_schema: dict[str, Any] = _sorted(schema)
    return sorted_schema


def _sorted(value: Any) -> Any:
    """Stable key order, so the published file only changes when the language does."""
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def schema_text(included: bool = False) -> str:
    return json.dumps(json_schema(included), indent=2, ensure_ascii=False) + "\n"
