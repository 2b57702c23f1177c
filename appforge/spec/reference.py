"""Render the language reference (docs/reference.md) from the catalogue the compiler uses.

Run ``python -m appforge.spec.reference`` to regenerate the published files; a test fails when
they are stale, so the docs cannot drift from the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from appforge.codes import CODES
from appforge.kinds.function import functions
from appforge.spec.catalogue import action_catalogue, component_catalogue
from appforge.spec.schema import schema_text


def _cell(value: object) -> str:
    text = "" if value is None else json.dumps(value) if not isinstance(value, str) else value
    return text.replace("|", "\\|").replace("\n", " ")


def reference_markdown() -> str:
    out = ["# appforge spec language reference", "",
           "Generated from the compiler's own catalogue by `python -m appforge.spec.reference`;",
           "do not edit by hand. The language contract is `spec-language-v1`; this page lists",
           "what this version of appforge accepts.", "", "## Components", ""]
    for comp in component_catalogue():
        out += [f"### `{comp['type']}`", "", comp["description"], "",
                "| key | type | required | default | description |",
                "| --- | --- | --- | --- | --- |"]
        for key in comp["keys"]:
            out.append(f"| `{key['name']}` | {_cell(key['type'])} | "
                       f"{'yes' if key['required'] else ''} | {_cell(key['default'])} | "
                       f"{_cell(key['description'])} |")
        out.append("")
    out += ["## Actions", ""]
    for action in action_catalogue():
        keys = ", ".join(f"`{k['name']}`" + ("" if k["required"] else "?")
                         for k in action["keys"])
        out.append(f"- `{action['action']}` ({keys}): {action['description']}")
    out += ["", "## Expression functions", "", "| function | description | example |",
            "| --- | --- | --- |"]
    for fn in functions().values():
        out.append(f"| `{fn.signature}` | {_cell(fn.description)} | "
                   f"`{_cell(fn.example)}` |")
    out += ["", "## Diagnostic codes", "", "| code | title |", "| --- | --- |"]
    for code, entry in CODES.items():
        out.append(f"| {code} | {entry.title} |")
    out.append("")
    return "\n".join(out)


def catalogue_json() -> str:
    data = {"components": component_catalogue(), "actions": action_catalogue(),
            "functions": [{"name": f.name, "signature": f.signature,
                           "description": f.description, "example": f.example}
                          for f in functions().values()]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


#: runtime file -> the declaration of its copy of the validation messages
MESSAGE_TABLES = {
    "appforge/kinds/components/form/web.js": "var MESSAGES =",
    "templates/mobile/src/runtime/validate.ts": "const MESSAGES: Record<string, string> =",
}


def published_files() -> dict[str, str]:
    """Repository path -> content of every file generated from the catalogue (and the
    runtimes' copies of the validation messages)."""
    from appforge.kinds.messages import with_table
    from appforge.resources import templates_dir

    files = {
        "docs/reference.md": reference_markdown(),
        "specs/appforge.schema.json": schema_text(),
        "specs/appforge-include.schema.json": schema_text(included=True),
        "specs/components.json": catalogue_json(),
    }
    package = Path(__file__).resolve().parent.parent  # appforge/, in a checkout or a wheel
    for path, declaration in MESSAGE_TABLES.items():
        source = templates_dir() / path.removeprefix("templates/") \
            if path.startswith("templates/") else package / path.removeprefix("appforge/")
        files[path] = with_table(source.read_text(encoding="utf-8"), declaration)
    return files


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for name, text in published_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
