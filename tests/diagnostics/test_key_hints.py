"""A key in the wrong place says where it belongs, and a value that must be a mapping shows the
right form (issue 13: `env:` at the top gave only the list of top-level keys, and
`env: {API_URL: "..."}` said "must be a mapping, not text" with no example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge.pipeline import check_project

PAGES = "pages:\n  - id: home\n    path: /\n    title: Home\n    body: []\n"


def _hints(tmp_path: Path, spec: str) -> dict[tuple[str, int, int], str | None]:
    (tmp_path / "appforge.yaml").write_text(spec + PAGES)
    result = check_project(tmp_path)
    return {(d.code, d.span.line, d.span.column): d.hint for d in result.diagnostics}


@pytest.mark.parametrize(("spec", "where", "hint"), [
    ("appforge: 1\napp: {name: T, id: com.example.t}\nenv:\n  API_URL: {default: x}\n",
     ("E0102", 3, 1), "did you mean `app.env`? 'env' goes under `app:`"),
    ("appforge: 1\napp: {name: T, id: com.example.t}\nnav: [home]\n",
     ("E0102", 3, 1), "did you mean `app.nav`? 'nav' goes under `app:`"),
    ("appforge: 1\napp:\n  name: T\n  id: com.example.t\n  theme: {primary: '#000000'}\n",
     ("E0102", 5, 3), "'theme' is a top-level key: move it out of `app:`"),
    ("appforge: 1\napp:\n  name: T\n  id: com.example.t\n  pages: []\n",
     ("E0102", 5, 3), "'pages' is a top-level key: move it out of `app:`"),
])
def test_a_key_in_the_wrong_place_says_where_it_goes(tmp_path: Path, spec: str,
                                                      where: tuple[str, int, int],
                                                      hint: str) -> None:
    assert _hints(tmp_path, spec)[where] == hint


def test_a_typo_still_gets_did_you_mean_first(tmp_path: Path) -> None:
    hints = _hints(tmp_path, "appforge: 1\napp: {name: T, id: com.example.t}\nmodles: {}\n")
    assert hints[("E0102", 3, 1)] == "did you mean 'models'?"


@pytest.mark.parametrize(("spec", "where", "hint"), [
    # The case: an env setting written as its value.
    ("appforge: 1\napp:\n  name: T\n  id: com.example.t\n  env:\n    API_URL: https://x\n",
     ("E0103", 6, 14),
     'write a mapping, e.g. API_URL: {default: "https://api.example.com", '
     'description: The API}'),
    ("appforge: 1\napp:\n  name: T\n  id: com.example.t\n  env: API_URL\n",
     ("E0103", 5, 8),
     'write a mapping, e.g. env: {API_URL: {default: "https://api.example.com", '
     'description: The API}}'),
    ("appforge: 1\napp: {name: T, id: com.example.t}\ntheme: blue\n",
     ("E0103", 3, 8), 'write a mapping, e.g. theme: {primary: "#4f46e5", background: "#ffffff"}'),
    # No hand-written example: the model's required keys.
    ("appforge: 1\napp: {name: T, id: com.example.t}\nmodels:\n  Habit: yes\n",
     ("E0103", 4, 10), "write a mapping, e.g. Habit: {fields: {name: {type: ...}}}"),
])
def test_must_be_a_mapping_shows_the_right_form(tmp_path: Path, spec: str,
                                                where: tuple[str, int, int], hint: str) -> None:
    assert _hints(tmp_path, spec)[where] == hint
