"""The built-in function kinds: registered in pyproject.toml exactly as in the registry's
BUILTIN table, each complete (both targets, docs, an example that parses)."""

from __future__ import annotations

import tomllib

from appforge.checker import parser
from appforge.kinds import registry
from appforge.kinds.function import FunctionKind, functions
from tests.conftest import ROOT


def test_pyproject_registers_the_builtins() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["project"]["entry-points"][registry.FUNCTIONS]
    assert declared == registry.BUILTIN[registry.FUNCTIONS]


def test_every_builtin_is_complete() -> None:
    for name, value in registry.BUILTIN[registry.FUNCTIONS].items():
        kind = functions()[name]
        assert isinstance(kind, FunctionKind) and kind.name == name, value
        assert set(kind.implementations) >= {"web", "mobile"}, name
        assert kind.signature.startswith(f"{name}(") and kind.description, name
        assert f"{name}(" in kind.example, name
        for part in parser.split_template(kind.example):
            if part.is_expr:
                parser.parse_expression(part.text)
        assert kind.implementations["web"].code.startswith(f"F.{name} = "), name
        assert kind.implementations["mobile"].code.startswith(f"{name}: "), name


def test_a_name_is_a_plain_property_name() -> None:
    from appforge.kinds.function import NAME

    assert all(NAME.match(n) for n in ("len", "to_cents", "f2"))
    assert not any(NAME.match(n) for n in ("__proto__", "Len", "x-y", "", "len\n"))
