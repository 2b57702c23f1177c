"""Generated mobile files, snapshot-tested (the screens, the app module, navigation, app.json).

Update with `pytest tests/mobile/test_generated_mobile.py --snapshot-update` only when the change
is meant, and say so in the commit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from tests.conftest import ROOT, SHARED

EXAMPLES = [*sorted((ROOT / "examples").glob("*/appforge.yaml")),
            *(sorted(SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else [])]


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_generated_mobile_files(spec: Path, snapshot: SnapshotAssertion) -> None:
    app, diagnostics = compile_project(spec.parent, {"API_URL": "https://api.example.test"}
                                       if "env:" in spec.read_text() else None)
    assert app is not None, diagnostics
    files = get_target("mobile").render(app, RenderOptions())
    shown = {name: data.decode() for name, data in files.items()
             if name.startswith("src/screens/") or name in (
                 "App.tsx", "app.json", "src/app.ts", "src/navigation.ts")}
    # The runtime and the pinned packages are template files: their hashes are enough.
    for name in sorted(files):
        if name.startswith("src/runtime/") or name.startswith("package"):
            shown[f"{name} sha256"] = hashlib.sha256(files[name]).hexdigest()
    assert shown == snapshot
