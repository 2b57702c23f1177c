"""The generated project asks for the Node.js its pinned Expo SDK needs, and the tests run the
mobile toolchain on such a Node."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.npm
TEMPLATE = json.loads((ROOT / "templates" / "mobile" / "package.json").read_text())


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.strip().lstrip("v").split("."))


def _satisfies(version: str, ranges: str) -> bool:
    """npm's semver for the shapes these engines fields use: ^X.Y.Z and >=X.Y.Z, joined by ||."""
    have = _version(version)
    for part in (p.strip() for p in ranges.split("||")):
        if part.startswith("^"):
            want = _version(part[1:])
            if have[0] == want[0] and have >= want:
                return True
        elif part.startswith(">="):
            if have >= _version(part[2:]):
                return True
        else:
            raise ValueError(f"unexpected range {part!r}")
    return False


def test_satisfies_reads_the_ranges() -> None:
    ranges = "^22.13.0 || ^24.3.0 || >=26.0.0"
    assert _satisfies("v22.13.0", ranges) and _satisfies("v24.9.1", ranges)
    assert _satisfies("v27.0.0", ranges)
    assert not _satisfies("v20.20.2", ranges) and not _satisfies("v22.12.9", ranges)
    assert not _satisfies("v23.1.0", ranges) and not _satisfies("v25.0.0", ranges)


def test_generated_project_declares_the_sdks_node(node_modules: Path) -> None:
    declared = TEMPLATE["engines"]["node"]
    for package in ("react-native", "expo"):
        pinned = json.loads((node_modules / package / "package.json").read_text())
        # Every Node we declare is one the pinned package accepts.
        needed = pinned["engines"]["node"]
        for lowest in ("22.13.0", "24.3.0", "26.0.0"):
            assert _satisfies(lowest, declared) and _satisfies(lowest, needed), (package, needed)
        assert not _satisfies("20.20.2", declared)
    react_native = json.loads((node_modules / "react-native" / "package.json").read_text())
    assert declared.replace(" ", "") == react_native["engines"]["node"].replace(" ", "")


@pytest.mark.skipif(os.environ.get("APPFORGE_NODE_FALLBACK") == "1",
                    reason="scripts/test could not install a supported Node and said so")
def test_the_tests_run_a_supported_node() -> None:
    version = subprocess.run(["node", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert _satisfies(version, TEMPLATE["engines"]["node"]), version
