"""The compiler pipeline, in one place: load -> validate -> check -> IR -> render -> write.

Each stage takes and returns plain data, so tests and other programs can enter at any stage.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appforge import ir
from appforge.diagnostics import Diagnostic, SourceSpan, did_you_mean, more_not_shown, sort_key
from appforge.loader import LoadedProject, find_entry, load_project
from appforge.spec import Spec, validate

ENV_PREFIX = "APPFORGE_"


@dataclass
class Project:
    """A loaded and validated project (``spec`` is None when validation failed)."""

    root: Path
    loaded: LoadedProject
    spec: Spec | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class CheckResult:
    """Everything ``check_project`` learned: the IR when the spec is clean, and diagnostics."""

    root: Path
    project: Project
    app: ir.App | None
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def load(path: str | Path) -> Project:
    """Load a project folder (or its appforge.yaml) and validate it against the language."""
    loaded = load_project(path)
    spec, diags = validate(loaded)
    return Project(root=loaded.root, loaded=loaded, spec=spec,
                   diagnostics=[*loaded.diagnostics, *diags])


def env_overrides(spec: Spec, given: Mapping[str, str] | None,
                  environ: Mapping[str, str] | None = None) -> tuple[dict[str, str],
                                                                      list[Diagnostic]]:
    """Build settings from ``--env`` (``given``) and ``APPFORGE_<NAME>`` variables."""
    environ = os.environ if environ is None else environ
    declared = spec.app.env
    out: dict[str, str] = {}
    diags: list[Diagnostic] = []
    for name in declared:
        if ENV_PREFIX + name in environ:
            out[name] = environ[ENV_PREFIX + name]
    for name, value in (given or {}).items():
        if name not in declared:
            span = spec.app.span_of("env") if spec.app.has("env") else spec.app.span
            diags.append(Diagnostic(
                "E0204", f"--env {name}=... is not a setting of this app", span,
                hint=did_you_mean(name, declared) or "declare it under app.env"))
            continue
        out[name] = value
    return out, diags


class Session:
    """An incremental front end, for ``appforge dev``: each :meth:`check` re-reads the project
    but parses, validates and checks again only what changed since the last call (a file whose
    bytes changed; a page, unless something it can refer to changed)."""

    def __init__(self, path: str | Path, targets: Sequence[str] = ()) -> None:
        self.path = Path(path)
        self.targets = tuple(targets)  # checked to support every component used
        self._documents: dict[str, Any] = {}
        self._validated: dict[int, Any] = {}
        self._pages: dict[Any, Any] = {}

    def check(self, env: Mapping[str, str] | None = None) -> CheckResult:
        with gc_paused():
            loaded = load_project(self.path, cache=self._documents)
            current = {id(d) for d in loaded.documents}
            self._documents = {k: v for k, v in self._documents.items()
                               if v[1] is None or id(v[1]) in current}
            self._validated = {k: v for k, v in self._validated.items() if k in current}
            spec, diags = validate(loaded, cache=self._validated)
            project = Project(loaded.root, loaded, spec, [*loaded.diagnostics, *diags])
            result = analyze(project, env, page_cache=self._pages, targets=self.targets)
            if spec is not None:
                live = {id(p) for p in spec.pages}
                self._pages = {k: v for k, v in self._pages.items() if k[0] in live}
        # The checked project lives as long as the session: move it out of the collector's
        # way, so later collections do not rescan hundreds of thousands of objects.
        gc.freeze()
        return result


def check(project: Project, env: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Every diagnostic of a loaded project: names, types and expressions, after validation."""
    return analyze(project, env).diagnostics


def analyze(project: Project, env: Mapping[str, str] | None = None,
            page_cache: dict[Any, Any] | None = None,
            targets: Sequence[str] = ()) -> CheckResult:
    """Check names, types and expressions, and that ``targets`` support every component the
    spec uses; build the IR when there are no errors."""
    diags = list(project.diagnostics)
    app = None
    if project.spec is not None and not any(d.is_error for d in diags):
        from appforge.checker import build_ir

        overrides, env_diags = env_overrides(project.spec, env)
        diags.extend(env_diags)
        unsupported: list[Diagnostic] = []
        if targets:
            from appforge.targets.support import support_diagnostics

            unsupported = support_diagnostics(project.spec, targets)
            diags.extend(unsupported)
        app, more = build_ir(project.spec, project.root, overrides, page_cache)
        diags.extend(more)
        if app is not None and not env_diags and not unsupported:
            app = replace(app, spec_hash=spec_hash(project.loaded, app.env))
        else:
            app = None
    diags = _dedupe(diags)
    return CheckResult(root=project.root, project=project, app=app, diagnostics=diags)


def check_project(path: str | Path, env: Mapping[str, str] | None = None,
                  targets: Sequence[str] = ()) -> CheckResult:
    """Load, validate and check a project folder: the whole front end of the compiler (with
    ``targets``, also whether they support every component the spec uses)."""
    with gc_paused():
        return _check_project(path, env, targets)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large, acyclic trees.

    Loading a big spec allocates hundreds of thousands of small objects and none of them form
    cycles; the collector's repeated scans were most of the time (toolchain.md measured 0.38 s
    vs 1.06 s for a 1 MB spec).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Move what was built into the oldest generation without scanning it (freeze then
        # unfreeze only splices lists): otherwise the first allocation after enable() scans
        # every new object at once (0.25 s for the 300-page benchmark).
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _check_project(path: str | Path, env: Mapping[str, str] | None,
                   targets: Sequence[str] = ()) -> CheckResult:
    entry = find_entry(Path(path))
    if not entry.exists():
        root = entry.parent if entry.parent.exists() else Path(".")
        diag = Diagnostic("E0001", f"no appforge.yaml in {entry.parent}",
                          SourceSpan.unknown(entry.name),
                          hint="run `appforge new NAME` to start a project, or pass its folder")
        loaded = LoadedProject(root=root.resolve(), entry=None, diagnostics=[diag])
        return CheckResult(root=root.resolve(), project=Project(root.resolve(), loaded, None,
                                                                [diag]),
                           app=None, diagnostics=[diag])
    return analyze(load(path), env, targets=targets)


def compile_project(path: str | Path, env: Mapping[str, str] | None = None
                    ) -> tuple[ir.App | None, list[Diagnostic]]:
    """The IR of a project (None when it has errors) and its diagnostics."""
    result = check_project(path, env)
    return result.app, result.diagnostics


def spec_hash(loaded: LoadedProject, env: Mapping[str, str]) -> str:
    """A hash of every file the build read and the build settings."""
    digest = hashlib.sha256()
    for name in sorted(loaded.read_files):
        digest.update(f"{name}\0{loaded.read_files[name]}\n".encode())
    digest.update(json.dumps(dict(sorted(env.items()))).encode())
    return digest.hexdigest()


#: The most diagnostics reported per file and in all: a spec with 200,000 unknown keys gets
#: the first ones and a count, not 200,000 messages that nobody reads.
MAX_PER_FILE = 200
MAX_TOTAL = 1_000


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    out = []
    for d in sorted(diags, key=sort_key):
        key = (d.code, d.message, d.span)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return cap_diagnostics(out)


def cap_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_FILE diagnostics per file and MAX_TOTAL in all (in ``sort_key``
    order), then one E0014 per file saying how many more there were."""
    kept: list[Diagnostic] = []
    per_file: dict[str, int] = {}
    hidden: dict[str, tuple[int, SourceSpan]] = {}
    for d in diags:
        count = d.hidden
        file = d.span.file
        if count == 0 and per_file.get(file, 0) < MAX_PER_FILE and len(kept) < MAX_TOTAL:
            per_file[file] = per_file.get(file, 0) + 1
            kept.append(d)
            continue
        before, span = hidden.get(file, (0, d.span))
        hidden[file] = (before + (count or 1), span)
    kept.extend(more_not_shown(count, span) for count, span in hidden.values())
    return sorted(kept, key=sort_key)


# ---- render and write ----------------------------------------------------------------------


@dataclass
class TargetOutput:
    target: str
    out_dir: Path
    files: int
    bytes: int
    differences: list[str] = field(default_factory=list)  # with check=True


@dataclass
class BuildResult:
    """What ``build`` did: diagnostics, and per target where it wrote (or how it differs)."""

    root: Path
    diagnostics: list[Diagnostic]
    outputs: list[TargetOutput] = field(default_factory=list)
    spec_hash: str = ""

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics) and \
            not any(o.differences for o in self.outputs)


def build(path: str | Path, targets: list[str] | tuple[str, ...] = ("web",),
          out: str | Path | None = None, env: Mapping[str, str] | None = None,
          check_only: bool = False, on_wait: Callable[[str], None] | None = None
          ) -> BuildResult:
    """Compile a project and write each target into ``out/<target>/`` (default PATH/build).

    With ``check_only`` nothing is written: the result lists how the files on disk differ
    from a fresh build (a CI gate for committed output). A failed build leaves the previous
    output intact.
    """
    from appforge.targets import RenderOptions, get_target
    from appforge.write import WriteError, check_tree, write_tree

    result = check_project(path, env, targets)
    built = BuildResult(result.root, list(result.diagnostics))
    if result.app is None:
        return built
    built.spec_hash = result.app.spec_hash
    out_root = Path(out) if out is not None else result.root / "build"
    from appforge.kinds.support import unsupported

    for name in targets:
        where = SourceSpan.unknown(result.project.loaded.entry.file
                                   if result.project.loaded.entry else "appforge.yaml")
        missing = unsupported(result.app, [name])  # what validate reports for this target
        if missing:
            built.diagnostics.extend(missing)
            continue
        try:
            target = get_target(name)
            files = target.render(result.app, RenderOptions())
        except (KeyError, ImportError):
            built.diagnostics.append(Diagnostic(
                "E0900", f"no target named '{name}' is installed", where,
                hint="targets: web, mobile (and any installed plugin)"))
            continue
        except (OSError, ValueError) as exc:
            built.diagnostics.append(Diagnostic(
                "E0900", f"the {name} target failed: {exc}", where))
            continue
        out_dir = out_root / name
        output = TargetOutput(name, out_dir, len(files), sum(len(b) for b in files.values()))
        try:
            keep = tuple(getattr(target, "keep", ()))
            if check_only:
                output.differences = check_tree(out_dir, files, name, result.app.spec_hash,
                                                keep)
            else:
                write_tree(out_dir, files, name, result.app.spec_hash, keep, on_wait)
        except WriteError as exc:
            built.diagnostics.append(Diagnostic("E0900", str(exc), where,
                                                hint="nothing was written"))
            continue
        built.outputs.append(output)
    return built
