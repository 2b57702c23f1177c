"""``appforge new``: a working project from the cookiecutter templates in templates/project/.

Every project is rendered from ``base`` (README, CI workflow, Dockerfile, nginx.conf,
.gitignore) plus one spec template (``blank``, ``todo``, ``crud``). Rendering happens in a
staging folder beside the destination and is moved into place only when complete, so a failure
leaves nothing half-written. Template hooks are never run, cookiecutter's replay files stay in
the staging folder, and every generated path is checked to be a plain file inside the project.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from appforge.resources import specs_dir, templates_dir

TEMPLATES = ("blank", "todo", "crud")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
APP_ID_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$")
# Cookiecutter renders answers through Jinja: braces and percent signs in them could be template
# code, so app names are kept to ordinary characters.
APP_NAME_PATTERN = re.compile(r"^[^{}%#\x00-\x1f\\]{1,80}$")


class ScaffoldError(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Answers:
    """What a new project is made from (prompted in a terminal, derived from NAME otherwise)."""

    slug: str
    app_name: str
    app_id: str
    template: str


def default_answers(name: str, template: str = "todo") -> Answers:
    """Answers derived from the folder name alone (``--no-input``)."""
    check_name(name)
    words = re.split(r"[-_]+", name)
    app_name = " ".join(w.capitalize() for w in words if w) or name
    ident = re.sub(r"[^a-z0-9]", "", name.lower())
    if not ident or not ident[0].isalpha():
        ident = "app" + ident
    return Answers(slug=name, app_name=app_name, app_id=f"com.example.{ident}",
                   template=template)


def check_name(name: str) -> None:
    if not NAME_PATTERN.match(name) or name in (".", ".."):
        raise ScaffoldError(
            f"'{name}' is not a usable project name",
            "use letters, digits, '-' and '_' (up to 64), starting with a letter or digit")


def check_answers(answers: Answers) -> None:
    check_name(answers.slug)
    if not APP_NAME_PATTERN.match(answers.app_name):
        raise ScaffoldError(f"'{answers.app_name}' is not a usable app name",
                            "up to 80 characters, without braces, '%', '#' or backslashes")
    if not APP_ID_PATTERN.match(answers.app_id):
        raise ScaffoldError(f"'{answers.app_id}' is not a reverse-DNS app id",
                            "e.g. com.example.tasks")
    if answers.template not in TEMPLATES:
        raise ScaffoldError(f"unknown template '{answers.template}'",
                            f"choose one of {', '.join(TEMPLATES)}")


def create_project(answers: Answers, parent: Path, force: bool = False) -> Path:
    """Render a project into ``parent / answers.slug``; returns its path."""
    check_answers(answers)
    dest = parent / answers.slug
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise ScaffoldError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise ScaffoldError(f"{dest} is not empty", "pass --force to write into it anyway")
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{answers.slug}-", dir=parent))
    try:
        rendered = _render(answers, staging)
        _check_contained(rendered)
        _place(rendered, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dest


def _render(answers: Answers, staging: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter

    config = staging / "cookiecutter-config.yaml"
    config.write_text(f"replay_dir: {(staging / 'replay').as_posix()!r}\n"
                      f"cookiecutters_dir: {(staging / 'cache').as_posix()!r}\n")
    out = staging / "out"
    context = {"project_slug": answers.slug, "app_name": answers.app_name,
               "app_id": answers.app_id}
    root = templates_dir() / "project"
    try:
        for template in ("base", answers.template):
            cookiecutter(str(root / template), no_input=True, extra_context=context,
                         output_dir=str(out), overwrite_if_exists=True, accept_hooks=False,
                         config_file=str(config))
    except CookiecutterException as exc:  # pragma: no cover - a broken template
        raise ScaffoldError(f"the project template failed: {exc}") from exc
    project = out / answers.slug
    schema_dir = project / "schema"
    schema_dir.mkdir(exist_ok=True)
    for name in ("appforge.schema.json", "appforge-include.schema.json"):
        shutil.copyfile(specs_dir() / name, schema_dir / name)
    return project


def _check_contained(project: Path) -> None:
    root = project.resolve()
    for path in project.rglob("*"):
        if path.is_symlink() or not path.resolve().is_relative_to(root):
            raise ScaffoldError(f"the template produced a path outside the project: {path}")


def _place(rendered: Path, dest: Path) -> None:
    if not dest.exists():
        rendered.rename(dest)
        return
    for path in sorted(rendered.rglob("*")):
        target = dest / path.relative_to(rendered)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            if target.is_symlink() or target.is_dir():
                raise ScaffoldError(f"{target} is in the way", "remove it and try again")
            shutil.copyfile(path, target)
