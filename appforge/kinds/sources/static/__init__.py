"""``kind: static``: JSON data given in the spec or read from a project file at build time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import check_into
from appforge.checker.context import Context
from appforge.checker.types import check_literal
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import folder
from appforge.kinds.source import SourceImpl, SourceKind
from appforge.loader.data import DataError, parse_json
from appforge.loader.project import FileRefused, path_problem, read_limited
from appforge.spec.base import SpecModel
from appforge.targets.web.escape import js

MAX_STATIC_BYTES = 5 * 1024 * 1024


class StaticSource(SpecModel):
    kind: Literal["static"]
    file: str | None = Field(default=None, description="A JSON file in the project, e.g. "
                             "data/countries.json.")
    value: Any = Field(default=None, description="The data itself.")
    into: str | None = Field(default=None, description="The state key that receives it.")


@dataclass(frozen=True, slots=True)
class StaticNode:
    name: str
    value: object  # JSON data, read from `value` or `file` at compile time
    into: ir.Target | None
    span: SourceSpan
    kind: Literal["static"] = "static"


def check(ctx: Context, name: str, src: StaticSource, scope: Any) -> StaticNode:
    into = check_into(ctx, src, scope)
    return StaticNode(name, _value(ctx, src, into), into, src.span)


def _value(ctx: Context, src: StaticSource, into: ir.Target | None) -> object:
    if (src.file is None) == (src.value is None):
        ctx.error("E0408", "a static source needs either `file` or `value`", src.span)
        return None
    value: object = src.value
    if src.file is not None:
        value = _read(ctx, src, src.file)
        if value is None:
            return None
    if into is not None:
        problem = check_literal(value, into.type, ctx.models)
        if problem:
            ctx.error("E0407", f"static data does not fit state '{into.name}': {problem}",
                      src.span_of("file" if src.file else "value"))
    return value


def _read(ctx: Context, src: StaticSource, file: str) -> object:
    root = Path(ctx.root)
    problem = path_problem(file)
    if problem is not None:
        ctx.error("E0408", f"data file {file!r}: {problem}", src.span_of("file"))
        return None
    path = (root / file).resolve()
    if not path.is_relative_to(root):
        ctx.error("E0408", f"'{file}' is outside the project folder", src.span_of("file"))
        return None
    try:
        return parse_json(read_limited(path, MAX_STATIC_BYTES, f"'{file}'").decode("utf-8"))
    except FileNotFoundError:
        ctx.error("E0408", f"data file '{file}' does not exist", src.span_of("file"))
    except FileRefused as exc:
        ctx.error("E0408", f"data file {exc.message}", src.span_of("file"), exc.hint)
    except DataError as exc:
        ctx.error("E0408", f"data file '{file}' cannot be used: {exc}", src.span_of("file"))
    except UnicodeDecodeError:
        ctx.error("E0408", f"data file '{file}' is not UTF-8 text", src.span_of("file"),
                  "save the file as UTF-8 JSON")
    except OSError as exc:
        ctx.error("E0408", f"data file '{file}' cannot be read: {exc.strerror}",
                  src.span_of("file"))
    return None


def web(em: Any, s: StaticNode) -> str:
    return (f'{{kind: "static", value: {js(s.value)}, '
            f'into: {js(s.into.name if s.into else None)}}}')


def mobile(em: Any, s: StaticNode) -> str:
    return (f'{{ kind: "static", value: {js(s.value)}, '
            f"into: {js(s.into.name if s.into else None)} }}")


HERE = folder(__file__)
KIND = SourceKind(
    name="static", model=StaticSource, check=check,
    targets={"web": SourceImpl(web, HERE / "web.js"),
             "mobile": SourceImpl(mobile, HERE / "mobile.ts")},
    example="countries:\n  kind: static\n  file: data/countries.json\n  into: state.countries\n",
    prompt='{"kind": "static", "file" or "value", "into"}',
)
