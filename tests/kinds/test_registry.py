"""The built-in actions and data-source kinds are registered exactly as a plugin's: the same
entry points in pyproject.toml as in registry.BUILTIN (which backs an uninstalled tree), each
naming a kind whose name is its entry point's, with an implementation for both targets."""

from __future__ import annotations

import tomllib

import pytest

from appforge.kinds import registry
from appforge.kinds.action import action_kinds
from appforge.kinds.source import source_kinds
from tests.conftest import ROOT


@pytest.mark.parametrize("group", [registry.ACTIONS, registry.SOURCES])
def test_builtin_table_and_pyproject_agree(group: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = project["project"]["entry-points"][group]
    assert declared == registry.BUILTIN[group]


@pytest.mark.parametrize("kinds", [action_kinds, source_kinds], ids=["actions", "sources"])
def test_every_builtin_kind_runs_on_both_targets(kinds: object) -> None:
    table = kinds()  # type: ignore[operator]
    assert table, "no kinds registered"
    for name, kind in table.items():
        assert kind.name == name
        assert set(kind.targets) == {"web", "mobile"}, name
        for impl in kind.targets.values():
            assert impl.runtime is None or impl.runtime.is_file(), (name, impl.runtime)
