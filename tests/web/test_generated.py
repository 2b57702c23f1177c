"""Generated web files, snapshot-tested: a change to the generated code shows up in review.

Update with `pytest tests/web/test_generated.py --snapshot-update` only when the change is
meant, and say so in the commit."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from appforge.targets.web.fingerprint import original_name
from tests.conftest import ROOT, SHARED, split_app_js

EXAMPLES = [*sorted((ROOT / "examples").glob("*/appforge.yaml")),
            *(sorted(SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else [])]


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_generated_files(spec: Path, snapshot: SnapshotAssertion) -> None:
    app, diagnostics = compile_project(spec.parent, {"API_URL": "https://api.example.test"}
                                       if "env:" in spec.read_text() else None)
    assert app is not None, diagnostics
    # Keyed by plain names (app.js for app.<hash>.js): index.html shows the hashed ones.
    files = {original_name(name): data
             for name, data in get_target("web").render(app, RenderOptions()).items()}
    shown = {name: data.decode() for name, data in files.items()
             if name in ("index.html", "app.css", "manifest.webmanifest")}
    # The hashes change with every runtime change; tests/deploy/test_fingerprint.py checks
    # them, the snapshot only that the page names hashed files.
    shown["index.html"] = re.sub(r"\b(app)\.[0-9a-f]{10}\.(js|css)\b", r"\1.[hash].\2",
                                 shown["index.html"])
    # app.js is the runtime, then the app's code. The runtime is a hand-written template: its
    # hash is enough to notice a change.
    runtime, code = split_app_js(files["app.js"].decode())
    shown["app.js"] = code
    shown["app.js runtime sha256"] = hashlib.sha256(runtime.encode()).hexdigest()
    assert shown == snapshot


def test_render_is_deterministic() -> None:
    app, _ = compile_project(ROOT / "examples" / "recipes")
    assert app is not None
    target = get_target("web")
    assert target.render(app, RenderOptions()) == target.render(app, RenderOptions())
