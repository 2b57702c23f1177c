"""The rest of the deploy recipe `appforge new` writes: a multi-stage Dockerfile that installs
the pinned appforge and builds the app inside the image, and a CI workflow that pins appforge,
fails on stale committed output (its check step run here against stale and fresh output),
type-checks the mobile project and runs the journeys."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge import __version__
from appforge.pipeline import build
from appforge.scaffold import TEMPLATES, default_answers, scaffold

BIN = str(Path(sys.executable).parent)


def _new(tmp_path: Path, template: str = "todo") -> Path:
    return scaffold(default_answers("shop", template), tmp_path).path


def _stages(dockerfile: str) -> list[tuple[str, list[str]]]:
    """(FROM line, instructions) per stage, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", dockerfile)
    stages: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append((line, []))
        else:
            assert stages, f"instruction before FROM: {line}"
            stages[-1][1].append(line)
    return stages


def _ignored(project: Path) -> list[str]:
    lines = (project / ".dockerignore").read_text().splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and line[0] != "#"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_dockerfile_builds_inside_the_image_with_the_pinned_appforge(
        tmp_path: Path, template: str) -> None:
    project = _new(tmp_path, template)
    assert (project / "requirements.txt").read_text().splitlines()[-1] == \
        f"appforge=={__version__}"
    stages = _stages((project / "Dockerfile").read_text())
    assert len(stages) == 2
    (build_from, build_steps), (serve_from, serve_steps) = stages
    assert re.fullmatch(r"FROM python:[\d.]+-slim AS build", build_from)
    assert re.fullmatch(r"FROM nginx:[\d.]+-alpine", serve_from)
    # The pinned appforge is installed before the sources are copied (a layer kept while
    # only the spec changes), and the app is built in the image.
    assert build_steps.index("COPY requirements.txt ./") < build_steps.index(
        "RUN pip install --no-cache-dir -r requirements.txt") < build_steps.index("COPY . .")
    assert any(s.startswith("RUN ") and "appforge build --target web --out /out" in s
               for s in build_steps)
    # Nothing comes from a build/ of the context: .dockerignore leaves it out, and the
    # serving stage copies only from the build stage.
    assert "build" in _ignored(project) and ".appforge" in _ignored(project)
    for step in build_steps + serve_steps:
        if step.startswith(("COPY", "ADD")):
            assert not re.search(r"(^|\s)\.?/?build(/|\s|$)", step.split(" ", 1)[1]), step
    assert not any(s.startswith("ADD") for s in build_steps + serve_steps)
    copies = [s for s in serve_steps if s.startswith("COPY")]
    assert copies == [
        "COPY nginx.conf /etc/nginx/conf.d/default.conf",
        "COPY --from=build /out/web/_headers.nginx /etc/nginx/appforge/headers.conf",
        "COPY --from=build /out/web/ /usr/share/nginx/html/"]
    # The paths the serving stage uses are those nginx.conf names.
    conf = (project / "nginx.conf").read_text()
    assert "root /usr/share/nginx/html;" in conf
    assert conf.count("include appforge/headers.conf;") == 3  # every location
    assert re.search(r"RUN rm -f /usr/share/nginx/html/build\.json", " ".join(serve_steps))


def test_the_dockerfile_build_stage_runs_from_a_clean_context(tmp_path: Path) -> None:
    """The build stage's commands on a copy of the context as .dockerignore leaves it (the
    daemon cannot pull base images here): a stale local build/ does not matter."""
    project = _new(tmp_path / "src", "crud")
    (project / "build" / "web").mkdir(parents=True)
    (project / "build" / "web" / "index.html").write_text("stale")
    context = tmp_path / "context"
    shutil.copytree(project, context, ignore=lambda d, names: [
        n for n in names if Path(d) == project and n in _ignored(project)])
    assert not (context / "build").exists()
    [run] = [s for s in _stages((project / "Dockerfile").read_text())[0][1]
             if "appforge build" in s]
    out = tmp_path / "out"
    command = run.removeprefix("RUN ").replace("/out", str(out))
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(["/bin/sh", "-c", command], cwd=context, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {"index.html", "_headers.nginx", "build.json"} <= {
        p.name for p in (out / "web").iterdir()}
    # --build-arg APPFORGE_ENV reaches the build as --env options (this app declares none).
    env["APPFORGE_ENV"] = "API_URL=https://api.example.org OTHER=1"
    refused = subprocess.run(["/bin/sh", "-c", command], cwd=context, env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "--env API_URL=... is not a setting" in refused.stderr


def test_docker_builds_the_image_when_a_daemon_is_there(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode:
        pytest.skip("no Docker daemon here (the Dockerfile's structure is tested above)")
    project = _new(tmp_path)  # pragma: no cover - needs a daemon and the network
    done = subprocess.run([docker, "build", "-q", str(project)], capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr


def _workflow(project: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((project / ".github/workflows/appforge.yml").read_text())
    steps: list[dict[str, Any]] = data["jobs"]["build"]["steps"]
    return steps


def _step(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    [step] = [s for s in steps if s.get("name", "").startswith(name)]
    return step


def _run_step(step: dict[str, Any], project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"], "NO_COLOR": "1"}
    # GitHub runs `run:` with bash -e {0}.
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, env=env,
                          capture_output=True, text=True)


def test_ci_fails_when_committed_output_is_stale(tmp_path: Path) -> None:
    project = _new(tmp_path)
    steps = _workflow(project)
    check = _step(steps, "Committed output is current")
    assert "if" not in check  # the step itself decides, so nothing can make it always pass
    # It runs before any step that writes build/ (else it compares the build with itself).
    first_build = min(i for i, s in enumerate(steps) if "appforge build" in s.get("run", "")
                      and "--check" not in s["run"])
    assert steps.index(check) < first_build

    nothing = _run_step(check, project)
    assert nothing.returncode == 0, nothing.stderr
    assert "build/web is not committed" in nothing.stdout

    assert build(project, ["web", "mobile"], project / "build").ok  # committed output
    fresh = _run_step(check, project)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr

    page = project / "pages" / "home.yaml"
    page.write_text(page.read_text().replace("label: Add", "label: Add it"))
    stale = _run_step(check, project)
    assert stale.returncode != 0
    assert "web" in stale.stdout + stale.stderr

    assert build(project, ["web", "mobile"], project / "build").ok  # rebuilt and committed
    assert _run_step(check, project).returncode == 0


def test_ci_pins_appforge_type_checks_mobile_and_runs_the_journeys(tmp_path: Path) -> None:
    project = _new(tmp_path)
    steps = _workflow(project)
    installs = [line for s in steps for line in s.get("run", "").splitlines()
                if "pip install" in line]
    assert installs and all("-r requirements.txt" in line for line in installs), installs
    typecheck = _step(steps, "Type-check the mobile project")
    assert typecheck["working-directory"] == "build/mobile"
    assert "npm install" in typecheck["run"] and "npm run typecheck" in typecheck["run"]
    assert build(project, ["mobile"], project / "build").ok
    import json

    scripts = json.loads((project / "build/mobile/package.json").read_text())["scripts"]
    assert scripts["typecheck"].startswith("tsc --noEmit")
    assert (project / "build/mobile/package-lock.json").is_file()  # npm install follows it
    assert steps.index(typecheck) > steps.index(_step(steps, "Build web and mobile"))
    journeys = _step(steps, "Journeys")
    assert "appforge test" in journeys["run"]
