"""Rebuild the web target incrementally and keep the last good build in memory."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from appforge.dev.proxy import Rule, merge
from appforge.diagnostics import Diagnostic
from appforge.pipeline import Session
from appforge.targets import RenderOptions, get_target


@dataclass(frozen=True)
class Outcome:
    """What one rebuild did."""

    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    changed: tuple[str, ...]  # output paths whose bytes changed
    seconds: float
    generation: int  # increases with every good build
    notes: tuple[str, ...] = ()  # warnings about the session itself (a proxy rule refused)


@dataclass
class DevBuild:
    """The dev session's compiler: :meth:`rebuild` is called on start and after every change."""

    root: Path
    env: Mapping[str, str] = field(default_factory=dict)
    target_name: str = "web"
    proxy_options: list[Rule] = field(default_factory=list)  # --proxy
    allow_remote_proxy: bool = False
    proxy: list[Rule] = field(default_factory=list)  # in force: --proxy, then app.dev.proxy
    files: dict[str, bytes] = field(default_factory=dict)  # the last good build
    last: Outcome | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _hashes: dict[str, str] = field(default_factory=dict)
    _generation: int = 0

    def __post_init__(self) -> None:
        self.session = Session(self.root, targets=("web",))
        self.target = get_target(self.target_name)
        self.proxy = sorted(self.proxy_options, key=lambda r: -len(r.prefix))
        self._spec_proxy: dict[str, str] = {}

    def _update_proxy(self, result: object) -> tuple[str, ...]:
        """The spec's ``app.dev.proxy`` after a check that validated (the last valid one is
        kept while the spec is broken); what is wrong with its rules, once per change."""
        spec = getattr(getattr(result, "project", None), "spec", None)
        if spec is None:
            return ()
        dev = getattr(spec.app, "dev", None)
        wanted = dict(dev.proxy) if dev is not None else {}
        if wanted == self._spec_proxy:
            return ()
        self._spec_proxy = wanted
        self.proxy, problems = merge(self.proxy_options, wanted, self.allow_remote_proxy)
        return tuple(problems)

    def _failed(self, diagnostics: tuple[Diagnostic, ...], started: float,
                notes: tuple[str, ...] = ()) -> Outcome:
        outcome = Outcome(False, diagnostics, (), time.perf_counter() - started,
                          self._generation, notes)
        self.last = outcome
        return outcome

    def rebuild(self) -> Outcome:
        started = time.perf_counter()
        try:
            result = self.session.check(self.env)
        except Exception as exc:
            # Whatever a save holds, the session goes on serving the last good build: a
            # compiler failure is one more diagnostic, not the end of `dev`.
            return self._failed((_crash("the check", exc),), started)
        diagnostics = tuple(result.diagnostics)
        notes = self._update_proxy(result)
        if result.app is None:
            return self._failed(diagnostics, started, notes)
        try:
            files = self.target.render(result.app, RenderOptions(dev=True))
        except Exception as exc:
            crash = _crash(f"the {self.target_name} target", exc)
            return self._failed((*diagnostics, crash), started, notes)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        changed = tuple(sorted(n for n, h in hashes.items() if self._hashes.get(n) != h))
        changed += tuple(sorted(n for n in self._hashes if n not in hashes))
        with self._lock:  # readers see the old build or the new one, never a mix
            self.files = files
            self._hashes = hashes
            if changed:
                self._generation += 1
        outcome = Outcome(True, diagnostics, changed, time.perf_counter() - started,
                          self._generation, notes)
        self.last = outcome
        return outcome

    def file(self, name: str) -> bytes | None:
        with self._lock:
            return self.files.get(name)


def _crash(stage: str, exc: Exception) -> Diagnostic:
    from appforge.diagnostics import SourceSpan

    reason = str(exc) or type(exc).__name__
    return Diagnostic("E0900", f"{stage} failed: {reason}", SourceSpan.unknown("appforge.yaml"),
                      hint="the last good build is still served; this is a bug in appforge, "
                      "please report it with the spec")
