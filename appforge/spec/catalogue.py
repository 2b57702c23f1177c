"""The component catalogue as data: for ``appforge components``, docs/ and the AI prompt.

Derived from the registered component classes, so it cannot drift from what the compiler
accepts.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, get_args, get_origin

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from appforge.spec.base import (
    ActionsRole,
    BindRole,
    ChildrenRole,
    ExprRole,
    PageRefRole,
    ParamsRole,
    TextRole,
    role_of,
)


def component_types() -> list[str]:
    from appforge.spec.registry import component_classes

    return list(component_classes())


def _annotation_words(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _annotation_words(get_args(annotation)[0])
    if origin is typing.Literal:
        return " | ".join(str(a) for a in get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        words = [_annotation_words(a) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(dict.fromkeys(words))
    if origin is list:
        return f"list of {_annotation_words(get_args(annotation)[0])}"
    if origin is dict:
        return "mapping"
    names = {str: "text", int: "integer", float: "number", bool: "boolean"}
    if annotation in names:
        return names[annotation]
    if inspect.isclass(annotation):
        return "{" + ", ".join(annotation.model_fields) + "}" \
            if hasattr(annotation, "model_fields") else annotation.__name__
    return str(annotation)


def describe_type(info: FieldInfo) -> str:
    """A short, human description of a key's type, from its role and annotation."""
    role = role_of(info)
    if isinstance(role, TextRole):
        return "text ({{ }} allowed)"
    if isinstance(role, BindRole):
        return "bind: " + (" | ".join(role.kinds) if role.kinds else "any") + " path"
    if isinstance(role, ActionsRole):
        return "actions"
    if isinstance(role, ChildrenRole):
        return "components"
    if isinstance(role, PageRefRole):
        return "page id"
    if isinstance(role, ParamsRole):
        return "mapping of page params"
    if isinstance(role, ExprRole):
        base = _annotation_words(info.annotation)
        return f"{role.kind} expression" if base == "text" else f"{base} ({role.kind} expression)"
    return _annotation_words(info.annotation)


def _default(info: FieldInfo) -> Any:
    if info.default is PydanticUndefined or info.default_factory is not None:
        return None
    return info.default


def component_catalogue() -> list[dict[str, Any]]:
    """Every component: type, description and keys (name, type, required, default, text)."""
    from appforge.spec import prepare_models
    from appforge.spec.registry import component_classes

    prepare_models()
    out = []
    for type_name, cls in component_classes().items():
        keys = []
        for name, info in cls.model_fields.items():
            if name == "type":
                continue
            keys.append({
                "name": info.alias or name,
                "type": describe_type(info),
                "required": info.is_required(),
                "default": _default(info),
                "description": info.description or "",
            })
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        out.append({"type": type_name, "description": doc, "keys": keys})
    return out


def action_catalogue() -> list[dict[str, Any]]:
    from appforge.spec.actions import action_models

    out = []
    for name, cls in action_models().items():
        keys = [{"name": info.alias or key, "type": describe_type(info),
                 "required": info.is_required(), "description": info.description or ""}
                for key, info in cls.model_fields.items() if key != "action"]
        out.append({"action": name, "description": (cls.__doc__ or "").strip(), "keys": keys})
    return out
