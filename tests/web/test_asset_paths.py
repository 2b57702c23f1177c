"""A local image is written as its path from the project folder (assets/a.png): any other
form (../assets/a.png, /assets/a.png, ./assets/a.png, assets/../assets/a.png, ...) would reach
the app as written and be a broken image or point elsewhere, so it is refused at its place,
with the form to write when there is one. The canonical form is copied and shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from appforge.pipeline import build, check_project
from tests.conftest import Page

# A 1x1 PNG.
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000005000157e9cbc90000000049454e44ae426082")

REFUSED = [
    ("../assets/a.png", None),
    ("/assets/a.png", "assets/a.png"),
    ("assets/../assets/a.png", "assets/a.png"),
    ("./assets/a.png", "assets/a.png"),
    ("././assets/a.png", "assets/a.png"),
    ("assets//a.png", "assets/a.png"),
    ("assets/./a.png", "assets/a.png"),
    ("assets\\\\a.png", "assets/a.png"),
    ("assets/sub/../a.png", "assets/a.png"),
    ("../../etc/passwd", None),
    ("assets/../../outside.png", None),
    ("..", None),
    ("assets", None),
    ("assets/a\\x00.png", None),
    ("assets/out.png", None),  # a symlink to a file outside the project
]


def _project(tmp_path: Path, src: str) -> Path:
    root = tmp_path / "p"
    (root / "assets" / "sub").mkdir(parents=True, exist_ok=True)
    (root / "assets" / "a.png").write_bytes(PIXEL)
    (tmp_path / "outside.png").write_bytes(PIXEL)
    for name, target in (("out.png", tmp_path / "outside.png"), ("same.png", Path("a.png"))):
        if not (root / "assets" / name).is_symlink():
            (root / "assets" / name).symlink_to(target)
    (root / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: Img, id: com.example.img}\npages:\n  - id: home\n"
        f'    body:\n      - {{type: image, id: pic, src: "{src}", alt: A picture}}\n')
    return root


@pytest.mark.parametrize(("src", "canonical"), REFUSED, ids=[s for s, _ in REFUSED])
def test_a_non_canonical_image_path_is_refused_at_its_place(
        tmp_path: Path, src: str, canonical: str | None) -> None:
    result = check_project(_project(tmp_path, src))
    errors = [d for d in result.diagnostics if d.is_error]
    assert result.app is None
    assert [d.code for d in errors] == ["E0408"], [str(d) for d in errors]
    error = errors[0]
    assert (error.span.file, error.span.line, error.span.column) == ("appforge.yaml", 6, 37)
    if canonical is not None:
        assert error.hint == f"write it as '{canonical}'"
    else:
        assert error.hint is not None and "assets/" in error.hint
    assert not (tmp_path / "out").exists()


@pytest.mark.browser
@pytest.mark.parametrize("src", ["assets/a.png", "assets/same.png"])
def test_the_canonical_path_is_copied_and_shows(tmp_path: Path, serve: Callable[[Path], str],
                                               web_page: Page, src: str) -> None:
    project = _project(tmp_path, src)
    result = build(project, ["web", "mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    for target in ("web", "mobile"):
        assert (tmp_path / "out" / target / src).read_bytes() == PIXEL
        assert not list((tmp_path / "out").glob(f"{target}/**/outside.png"))
    web_page.page.goto(serve(tmp_path / "out" / "web"))
    image = web_page.testid("pic")
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1
    web_page.assert_clean()
