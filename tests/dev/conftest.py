"""A dev session in a thread (the real watch loop and server), for the dev tests."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from appforge.dev.loop import serve
from appforge.dev.rebuild import Outcome
from appforge.dev.server import DevServer
from tests.conftest import ROOT

Session = tuple[Path, DevServer, list[Outcome]]


@pytest.fixture
def start_dev(tmp_path: Path) -> Iterator[Callable[..., Session]]:
    """``start_dev(project=None, **serve_options)``: serve a project (default: a copy of the
    expenses example) in a thread until the test ends."""
    stops: list[tuple[threading.Event, threading.Thread]] = []

    def start(project: Path | None = None, **options: Any) -> Session:
        if project is None:
            project = tmp_path / "expenses"
            shutil.copytree(ROOT / "examples" / "expenses", project)
        outcomes: list[Outcome] = []
        started = threading.Event()
        stop = threading.Event()
        holder: dict[str, DevServer] = {}

        def ready(server: DevServer) -> None:
            holder["server"] = server
            started.set()

        thread = threading.Thread(target=serve, args=(project, "127.0.0.1", 0, {},
                                                      outcomes.append),
                                  kwargs={"stop": stop, "ready": ready, **options}, daemon=True)
        thread.start()
        assert started.wait(30)
        stops.append((stop, thread))
        return project, holder["server"], outcomes

    yield start
    for stop, thread in stops:
        stop.set()
        thread.join(10)


@pytest.fixture
def dev_session(start_dev: Callable[..., Session]) -> Session:
    return start_dev()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
