"""`appforge new` under hostile names and destinations (issue 11, items 4, 5, 19, 28).

- A name with a control character or spaces at either end is a usage error; nothing created.
- ``--dir`` that is a file (or under one) is a usage error, not a traceback.
- ``--force`` checks the whole destination before writing anything: a link anywhere (even a
  dangling one), a file where a folder goes, a folder or FIFO where a file goes stop it with
  every such path named, and the whole tree (outside the project too) stays byte-identical.
- ``--force`` never destroys silently: each file it replaces is backed up first and reported;
  a write that fails midway puts everything back.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge import scaffold
from appforge.cli import app

runner = CliRunner()


def tree(root: Path) -> dict[str, object]:
    """Everything under ``root``, links not followed: path -> bytes, link target or a type."""
    out: dict[str, object] = {}
    for current, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(current, name)
            st = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                out[rel] = path.read_bytes()
            else:
                out[rel] = ("dir" if stat.S_ISDIR(st.st_mode) else "special", st.st_mode)
    return out


def new(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["new", *args, "--no-input"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize("name", ["nl\n", "\nlead", "tab\there", " space", "space ", "cr\r",
                                  "esc\x1b]0;pwned\x07", "del\x7f", "nbsp\xa0", "zero\u200b",
                                  "nul\x00x"])
def test_names_with_control_characters_or_spaces_are_refused(tmp_path: Path, name: str) -> None:
    code, out = new(name, "--dir", str(tmp_path))
    assert code == 2 and "not a usable project name" in out
    assert "\x1b" not in out and "\r" not in out  # shown escaped
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("app_name", ["Tasks\n", "Tasks\r\nx: 1", " Tasks", "Tasks ",
                                      "a\x1b[31mred", "bell\x07"])
def test_app_names_with_control_characters_are_refused(tmp_path: Path, app_name: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="app name") as exc:
        scaffold.create_project(scaffold.Answers("ok", app_name, "com.example.ok", "blank"),
                                tmp_path)
    assert exc.value.usage and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("app_id", ["com.example.x\n", "com.example.x\n.y", " com.example.x"])
def test_app_ids_with_a_trailing_newline_are_refused(tmp_path: Path, app_id: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="app id"):
        scaffold.create_project(scaffold.Answers("ok", "Ok", app_id, "blank"), tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("layout", ["a file", "under a file", "a dangling link"])
def test_dir_that_is_not_a_folder_is_a_usage_error(tmp_path: Path, layout: str) -> None:
    target = tmp_path / "hostname"
    if layout == "a dangling link":
        target.symlink_to(tmp_path / "nowhere")
    else:
        target.write_text("myhost\n")
    where = target / "sub" if layout == "under a file" else target
    before = tree(tmp_path)
    code, out = new("x", "--dir", str(where))
    assert code == 2 and "is not a folder" in out
    assert tree(tmp_path) == before


def test_dir_etc_hostname(tmp_path: Path) -> None:
    if not Path("/etc/hostname").is_file():
        pytest.skip("no /etc/hostname here")
    code, out = new("x", "--dir", "/etc/hostname")
    assert code == 2 and "/etc/hostname" in out


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A project made by `new`, and a folder beside it that must never change."""
    code, _ = new("app", "--dir", str(tmp_path), "--template", "blank")
    assert code == 0
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keep.txt").write_text("outside the project")
    return tmp_path / "app"


def _link_pages_outside(p: Path) -> None:
    for f in (p / "pages").iterdir():
        f.unlink()
    (p / "pages").rmdir()
    (p / "pages").symlink_to(p.parent / "outside")


def _dangling_readme(p: Path) -> None:
    (p / "README.md").unlink()
    (p / "README.md").symlink_to(p.parent / "nowhere.md")


def _readme_link_outside(p: Path) -> None:
    (p / "README.md").unlink()
    (p / "README.md").symlink_to(p.parent / "outside" / "keep.txt")


def _file_where_pages_go(p: Path) -> None:
    for f in (p / "pages").iterdir():
        f.unlink()
    (p / "pages").rmdir()
    (p / "pages").write_text("a file, not a folder")


def _folder_where_readme_goes(p: Path) -> None:
    (p / "README.md").unlink()
    (p / "README.md").mkdir()
    (p / "README.md" / "notes.txt").write_text("mine")


def _fifo_where_dockerfile_goes(p: Path) -> None:
    (p / "Dockerfile").unlink()
    os.mkfifo(p / "Dockerfile")


def _link_github_outside(p: Path) -> None:
    import shutil

    shutil.rmtree(p / ".github")
    (p / ".github").symlink_to(p.parent / "outside")


def _several_at_once(p: Path) -> None:
    (p / "appforge.yaml").write_text("# my own spec\n")  # would be replaced (and backed up) ...
    _dangling_readme(p)  # ... but this blocks everything
    _link_pages_outside(p)


LAYOUTS: dict[str, Callable[[Path], None]] = {
    "symlinked pages/": _link_pages_outside,
    "dangling link at README.md": _dangling_readme,
    "README.md linked outside": _readme_link_outside,
    "a file where pages/ goes": _file_where_pages_go,
    "a folder where README.md goes": _folder_where_readme_goes,
    "a FIFO where the Dockerfile goes": _fifo_where_dockerfile_goes,
    "symlinked .github/": _link_github_outside,
    "several at once": _several_at_once,
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_force_refuses_before_writing_anything(made: Path, layout: str) -> None:
    LAYOUTS[layout](made)
    docker = made / "Dockerfile"
    if docker.is_file() and not docker.is_symlink():  # content --force would replace
        docker.write_text("FROM my-own-image\n")
    before = tree(made.parent)
    code, out = new("app", "--dir", str(made.parent), "--template", "todo", "--force")
    assert code == 2 and "Nothing was written" in out
    assert tree(made.parent) == before  # the project, the outside folder: byte-identical


def test_force_backs_up_and_reports_what_it_replaces(made: Path) -> None:
    (made / "appforge.yaml").write_text("# my hand-written spec\n")
    (made / "README.md").write_text("# my notes\n")
    (made / "pages" / "mine.yaml").write_text("pages: []\n")
    untouched = tree(made)
    result = runner.invoke(app, ["new", "app", "--dir", str(made.parent), "--template", "blank",
                                 "--no-input", "--force", "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert sorted(info["replaced"]) == ["README.md", "appforge.yaml"]
    backup = made / info["backup"]
    assert (backup / "appforge.yaml").read_text() == "# my hand-written spec\n"
    assert (backup / "README.md").read_text() == "# my notes\n"
    assert (made / "pages" / "mine.yaml").read_text() == "pages: []\n"
    assert (made / "appforge.yaml").read_text() != "# my hand-written spec\n"
    # Files the template writes identically were not touched, nor backed up.
    for rel in ("Dockerfile", "nginx.conf", ".github/workflows/appforge.yml"):
        assert tree(made)[rel] == untouched[rel] and not (backup / rel).exists()
    human = runner.invoke(app, ["new", "app", "--dir", str(made.parent), "--template", "todo",
                                "--no-input", "--force"])
    assert human.exit_code == 0 and "replaced appforge.yaml" in human.output
    assert ".appforge/backups/new-" in human.output


def test_force_into_an_identical_project_replaces_nothing(made: Path) -> None:
    before = tree(made)
    result = runner.invoke(app, ["new", "app", "--dir", str(made.parent), "--template", "blank",
                                 "--no-input", "--force", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["replaced"] == []
    assert tree(made) == before


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_a_write_failing_midway_puts_everything_back(made: Path, fail_at: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from appforge.store import objects

    (made / "appforge.yaml").write_text("# mine\n")
    (made / "README.md").write_text("# mine\n")
    (made / "Dockerfile").unlink()
    before = tree(made.parent)
    real = objects.write_atomic
    calls = []

    def failing(final: Path, data: bytes, *args: object, **kwargs: object) -> None:
        calls.append(final)
        if len(calls) == fail_at:
            raise OSError(28, "No space left on device", str(final))
        real(final, data, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(objects, "write_atomic", failing)
    code, out = new("app", "--dir", str(made.parent), "--template", "todo", "--force")
    assert code == 1 and "no space left" in out.lower()
    assert tree(made.parent) == before


@pytest.mark.parametrize("folder", [b"caf\xe9", b"\xff\xfe", b"quote'd", b'back\\slash'],
                         ids=repr)
def test_dir_with_an_unusual_name_writes_only_the_project(tmp_path: Path, folder: bytes) -> None:
    """The cookiecutter configuration once quoted this path into YAML, and a non-UTF-8 name
    sent its replay files into a literal ``caf\\udce9`` folder outside the project."""
    where = os.path.join(os.fsencode(tmp_path), folder)
    code, out = new("okname", "--dir", os.fsdecode(where))
    assert code == 0, out
    assert os.listdir(os.fsencode(tmp_path)) == [folder]
    assert os.listdir(where) == [b"okname"]
    assert (Path(os.fsdecode(where)) / "okname" / "appforge.yaml").is_file()
