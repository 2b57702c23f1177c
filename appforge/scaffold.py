"""``appforge new``: a working project from the cookiecutter templates in templates/project/.

Every project is rendered from ``base`` (README, CI workflow, Dockerfile, nginx.conf,
.gitignore) plus one spec template (``blank``, ``todo``, ``crud``). Rendering happens in a
staging folder beside the destination. Template hooks are never run, cookiecutter's replay
files stay in the staging folder, and every generated path is checked to be a plain file inside
the project.

A new folder is moved into place in one rename. Writing into an existing folder (``--force``)
is all or nothing and never destroys anything silently:

1. The whole plan is checked before anything is written: every folder the template needs must
   be a real folder (not a link, not a file) or absent, every file it writes a regular file or
   absent. A link anywhere (even a dangling one), a file where a folder goes, a folder, FIFO or
   device where a file goes: the command stops, names each, and writes nothing. No link is
   ever followed, so nothing outside the project can be written.
2. Each existing file whose content would change is first copied into
   ``.appforge/backups/new-<time>/`` and reported; identical files are left alone.
3. Files are written atomically; if one write fails, the files already replaced are put back
   and the new ones removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from appforge.resources import specs_dir, templates_dir

TEMPLATES = ("blank", "todo", "crud")
# Patterns are matched with fullmatch: ``$`` would also match before a final newline.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
APP_ID_PATTERN = re.compile(r"[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+")
# Cookiecutter renders answers through Jinja: braces and percent signs in them could be template
# code, so app names are kept to ordinary characters (no control characters either).
APP_NAME_PATTERN = re.compile(r"[^{}%#\x00-\x1f\x7f-\x9f\\]{1,80}")
# Where --force keeps the files it replaced (inside the store folder, which .gitignore skips).
BACKUPS = (".appforge", "backups")


class ScaffoldError(Exception):
    """``new`` cannot go on; ``usage`` is True when the command line or the destination is
    at fault (exit 2), False for a failure of the system (exit 1). Nothing was written."""

    def __init__(self, message: str, hint: str | None = None, usage: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.usage = usage


@dataclass
class Created:
    """What ``new`` did: the project folder, and with ``--force`` the files it replaced (their
    previous versions are in ``backup``) and those it found already identical."""

    path: Path
    replaced: list[str] = field(default_factory=list)
    backup: Path | None = None
    unchanged: list[str] = field(default_factory=list)


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


def _quoted(text: str) -> str:
    """``text`` quoted for a message, control characters and stray bytes escaped."""
    return ascii(text) if not text.isprintable() else f"'{text}'"


def check_name(name: str) -> None:
    if not NAME_PATTERN.fullmatch(name):
        raise ScaffoldError(
            f"{_quoted(name)} is not a usable project name",
            "use letters, digits, '-' and '_' (up to 64), starting with a letter or digit; "
            "no spaces or control characters")


def check_app_name(app_name: str) -> None:
    if not APP_NAME_PATTERN.fullmatch(app_name) or app_name != app_name.strip():
        raise ScaffoldError(f"{_quoted(app_name)} is not a usable app name",
                            "up to 80 characters, without braces, '%', '#', backslashes, "
                            "control characters or spaces at either end")


def check_app_id(app_id: str) -> None:
    if not APP_ID_PATTERN.fullmatch(app_id):
        raise ScaffoldError(f"{_quoted(app_id)} is not a reverse-DNS app id",
                            "two or more dot-separated parts, each a letter then letters, "
                            "digits or '_', e.g. com.example.tasks")


def check_template(template: str) -> None:
    if template not in TEMPLATES:
        raise ScaffoldError(f"unknown template {_quoted(template)}",
                            f"choose one of {', '.join(TEMPLATES)}")


def check_answers(answers: Answers) -> None:
    """Every answer, each with the check a prompt applies when it is given."""
    check_name(answers.slug)
    check_app_name(answers.app_name)
    check_app_id(answers.app_id)
    check_template(answers.template)


def create_project(answers: Answers, parent: Path, force: bool = False) -> Path:
    """Render a project into ``parent / answers.slug``; returns its path."""
    return scaffold(answers, parent, force).path


def scaffold(answers: Answers, parent: Path, force: bool = False) -> Created:
    """Render a project into ``parent / answers.slug``; say what was replaced (``force``)."""
    check_answers(answers)
    parent = Path(parent)
    dest = parent / answers.slug
    try:
        _check_parent(parent)
        if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
            raise ScaffoldError(f"{dest} exists and is not a folder",
                                "choose another name or --dir")
        if dest.is_dir() and any(dest.iterdir()) and not force:
            raise ScaffoldError(f"{dest} is not empty", "pass --force to write into it anyway "
                                "(files it replaces are backed up first)")
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{answers.slug}-", dir=parent))
    except OSError as exc:
        raise _os_error(f"create {dest}", exc) from None
    try:
        rendered = _render(answers, staging)
        _check_contained(rendered)
        return _place(rendered, dest)
    except OSError as exc:
        raise _os_error(f"create {dest}", exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_parent(parent: Path) -> None:
    """``--dir`` must be a folder, or a path whose existing part is folders."""
    current = parent
    while True:
        if current.exists() or current.is_symlink():
            if not current.is_dir():
                raise ScaffoldError(f"--dir {parent}: {current} is not a folder",
                                    "pass a folder (it is created if missing)")
            return
        if current.parent == current:
            return
        current = current.parent


def _os_error(action: str, exc: OSError) -> ScaffoldError:
    where = f" ({exc.filename})" if exc.filename else ""
    return ScaffoldError(f"cannot {action}: {(exc.strerror or str(exc)).lower()}{where}",
                         "check the permissions and free space of that folder; nothing was "
                         "changed", usage=False)


def _render(answers: Answers, staging: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter

    # The configuration is given as a dict, not a YAML file: a path quoted into YAML can turn
    # into another path (a folder name that is not UTF-8 became a literal "\\udce9" folder
    # outside the staging folder), and no user config or COOKIECUTTER_CONFIG applies.
    config = {"replay_dir": str(staging / "replay"), "cookiecutters_dir": str(staging / "cache")}
    out = staging / "out"
    from appforge import __version__

    # The version that scaffolds the project is the one its requirements.txt pins.
    context = {"project_slug": answers.slug, "app_name": answers.app_name,
               "app_id": answers.app_id, "appforge_version": __version__}
    root = templates_dir() / "project"
    try:
        for template in ("base", answers.template):
            cookiecutter(str(root / template), no_input=True, extra_context=context,
                         output_dir=str(out), overwrite_if_exists=True, accept_hooks=False,
                         default_config=config)
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


def _place(rendered: Path, dest: Path) -> Created:
    if not dest.exists():
        rendered.rename(dest)  # one step: the project appears complete or not at all
        return Created(dest)
    plan = _plan(rendered, dest)
    return _apply(plan, rendered, dest)


@dataclass
class _Plan:
    folders: list[str] = field(default_factory=list)  # to create, parents first
    create: list[str] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _plan(rendered: Path, dest: Path) -> _Plan:
    """What writing ``rendered`` into ``dest`` would do; a ScaffoldError naming every path in
    the way (nothing written yet). ``lstat`` only: no link is followed."""
    plan, blocked = _Plan(), []
    skip: tuple[str, ...] = ()  # under a path in the way: not looked at (it may be a link)
    names = sorted(p.relative_to(rendered).as_posix() for p in rendered.rglob("*"))
    for rel in names:
        if rel.startswith(skip):
            continue
        mode = _lmode(dest / rel)
        if (rendered / rel).is_dir():
            if mode is None:
                plan.folders.append(rel)
            elif not stat.S_ISDIR(mode):
                blocked.append(f"{rel} is {_kind(mode)} where a folder goes")
                skip += (rel + "/",)
            continue
        if mode is None:
            plan.create.append(rel)
        elif not stat.S_ISREG(mode):
            blocked.append(f"{rel} is {_kind(mode)} where a file goes")
        elif _same(rendered / rel, dest / rel):
            plan.unchanged.append(rel)
        else:
            plan.replace.append(rel)
    if plan.replace and not blocked:  # the backup folder must be a real folder too
        for folder in (BACKUPS[0], "/".join(BACKUPS)):
            mode = _lmode(dest / folder)
            if mode is not None and not stat.S_ISDIR(mode):
                blocked.append(f"{folder} is {_kind(mode)} where the backup folder goes")
                break
    if blocked:
        shown = "; ".join(blocked[:8]) + (f"; and {len(blocked) - 8} more" if len(blocked) > 8
                                          else "")
        raise ScaffoldError(f"cannot write into {dest}: {shown}. Nothing was written",
                            "move these out of the way and try again (links are never "
                            "followed)")
    return plan


def _lmode(path: Path) -> int | None:
    """The file type and mode of ``path`` itself (a link is not followed); None if absent."""
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    return "a special file (FIFO, device or socket)"


def _same(new: Path, old: Path) -> bool:
    """Whether the regular file ``old`` already holds ``new``'s bytes (read without following
    a link or blocking on a file swapped meanwhile)."""
    from appforge.safeio import read_regular

    content = new.read_bytes()
    try:
        return read_regular(old, len(content)) == content
    except OSError:
        return False  # larger, or changed meanwhile: it will be backed up and replaced


def _apply(plan: _Plan, rendered: Path, dest: Path) -> Created:
    """Carry out a checked plan; on any failure, undo what was done and raise."""
    from appforge.store.objects import write_atomic

    created = Created(dest, replaced=list(plan.replace), unchanged=list(plan.unchanged))
    made_dirs: list[Path] = []
    written: list[str] = []
    try:
        if plan.replace:
            created.backup = _backup(dest, plan.replace, made_dirs)
        for rel in plan.folders:
            (dest / rel).mkdir()
            made_dirs.append(dest / rel)
        for rel in [*plan.create, *plan.replace]:
            source = rendered / rel
            write_atomic(dest / rel, source.read_bytes(),
                         mode=stat.S_IMODE(source.stat().st_mode))
            written.append(rel)
    except OSError as exc:
        undone = _undo(dest, created.backup, written, plan, made_dirs)
        error = _os_error(f"write into {dest}", exc)
        if not undone:
            error.hint = (f"some files could not be put back; the previous versions are in "
                          f"{created.backup}")
        raise error from None
    return created


def _backup(dest: Path, rels: list[str], made_dirs: list[Path]) -> Path:
    """Copy the files about to be replaced into a new backup folder; return it."""
    base = dest.joinpath(*BACKUPS)
    for folder in (dest / BACKUPS[0], base):
        if not folder.exists():
            folder.mkdir()
            made_dirs.append(folder)
    stamp = time.strftime("new-%Y%m%d-%H%M%S", time.gmtime())
    backup = base / stamp
    n = 1
    while True:
        try:
            backup.mkdir()
            break
        except FileExistsError:
            n += 1
            backup = base / f"{stamp}-{n}"
    made_dirs.append(backup)
    for rel in rels:
        target = backup / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(dest / rel, target, follow_symlinks=False)
    return backup


def _undo(dest: Path, backup: Path | None, written: list[str], plan: _Plan,
          made_dirs: list[Path]) -> bool:
    """Put back the replaced files and remove the created ones; False if some could not be."""
    ok = True
    replaced = set(plan.replace)
    for rel in reversed(written):
        try:
            if rel in replaced and backup is not None:
                shutil.copy2(backup / rel, dest / rel, follow_symlinks=False)
            else:
                os.unlink(dest / rel)
        except OSError:
            ok = False
    if ok and backup is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(backup)
    for folder in reversed(made_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: a backup still needed stays
    return ok
