"""Computed values (`computed:`): declared once, read anywhere as computed.<name>, typed like
their expression, re-evaluated when what they read changes (each read is the expression with
its dependencies, so the output equals the expression written out by hand), and checked with
located diagnostics: unknown names, cycles, values read where they cannot be, unused ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.pipeline import Session, build, check_project

HEAD: dict[str, Any] = {
    "appforge": 1, "app": {"name": "Tasks", "id": "com.example.tasks"},
    "models": {"Task": {"fields": {"title": {"type": "string"},
                                   "done": {"type": "boolean", "default": False}}}},
    "state": {"tasks": {"type": "list", "of": "Task", "default": [{"title": "a"}]}},
}
OPEN = "where(state.tasks, 'done', false)"


def _page(body: list[Any], title: str = "Tasks") -> list[dict[str, Any]]:
    return [{"id": "home", "path": "/", "title": title, "body": body}]


def _write(folder: Path, spec: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "appforge.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


def _diagnostics(tmp_path: Path, computed: dict[str, str], body: list[Any],
                 title: str = "Tasks") -> list[tuple[str, int, int, str | None]]:
    folder = _write(tmp_path / "p", {**HEAD, "computed": computed, "pages": _page(body, title)})
    result = check_project(folder)
    return [(d.code, d.span.line, d.span.column, d.hint) for d in result.diagnostics]


USES = [
    {"type": "heading", "id": "count", "text": "{{ computed.open_count }} open"},
    {"type": "list", "id": "open", "items": "{{ computed.open_tasks }}", "as": "task",
     "item": [{"type": "checkbox", "id": "done", "bind": "task.done",
               "label": "{{ task.title }}"}]},
    {"type": "text", "id": "none", "text": "All done",
     "visible": "{{ computed.open_count == 0 }}"},
]
INLINE = [
    {"type": "heading", "id": "count", "text": f"{{{{ len({OPEN}) }}}} open"},
    {"type": "list", "id": "open", "items": f"{{{{ {OPEN} }}}}", "as": "task",
     "item": [{"type": "checkbox", "id": "done", "bind": "task.done",
               "label": "{{ task.title }}"}]},
    {"type": "text", "id": "none", "text": "All done",
     "visible": f"{{{{ len({OPEN}) == 0 }}}}"},
]


@pytest.mark.parametrize("target", ["web", "mobile"])
def test_the_output_is_the_expression_written_out(tmp_path: Path, target: str) -> None:
    computed = {"open_tasks": f"{{{{ {OPEN} }}}}",
                "open_count": "{{ len(computed.open_tasks) }}"}
    with_computed = _write(tmp_path / "a", {**HEAD, "computed": computed,
                                            "pages": _page(USES, "{{ computed.open_count }}")})
    written_out = _write(tmp_path / "b", {**HEAD,
                                          "pages": _page(INLINE, f"{{{{ len({OPEN}) }}}}")})
    first = build(with_computed, [target], tmp_path / "out-a")
    second = build(written_out, [target], tmp_path / "out-b")
    assert first.ok and second.ok, [str(d) for d in first.diagnostics + second.diagnostics]
    files_a = sorted(p.relative_to(tmp_path / "out-a") for p in (tmp_path / "out-a").rglob("*")
                     if p.is_file() and p.name != "build.json")
    files_b = sorted(p.relative_to(tmp_path / "out-b") for p in (tmp_path / "out-b").rglob("*")
                     if p.is_file() and p.name != "build.json")
    assert files_a == files_b
    for rel in files_a:
        same = (tmp_path / "out-a" / rel).read_bytes() == (tmp_path / "out-b" / rel).read_bytes()
        assert same, rel


def test_a_computed_value_has_its_expressions_type(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {"open_tasks": f"{{{{ {OPEN} }}}}"}, [
        {"type": "list", "items": "{{ computed.open_tasks }}", "as": "task",
         "item": [{"type": "text", "text": "{{ task.titel }}"}]}])
    assert [(c, h) for c, _, _, h in found] == [("E0202", "did you mean 'title'?")]


def test_an_unknown_name_says_did_you_mean(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {"open_count": f"{{{{ len({OPEN}) }}}}"},
                         [{"type": "text", "text": "{{ computed.open_cuont }}"}])
    assert ("E0213", "did you mean 'open_count'?") in [(c, h) for c, _, _, h in found]


def test_without_any_the_hint_shows_how_to_declare_one(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {}, [{"type": "text", "text": "{{ computed.total }}"},
                                        {"type": "text", "text": "{{ len(state.tasks) }}"}])
    hints = [h for c, _, _, h in found if c == "E0213"]
    assert hints and hints[0] is not None and hints[0].startswith("declare it under `computed:`")


def test_values_that_read_each_other_in_a_circle_are_an_error(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {"a": "{{ computed.b + 1 }}", "b": "{{ computed.c }}",
                                    "c": "{{ computed.a }}"},
                         [{"type": "text", "text": "{{ computed.a }}"}])
    cycles = [(line, col) for c, line, col, _ in found if c == "E0415"]
    assert len(cycles) == 1
    folder = tmp_path / "p"
    result = check_project(folder)
    message = next(d.message for d in result.diagnostics if d.code == "E0415")
    assert message.endswith("a -> b -> c -> a")


def test_page_only_values_cannot_be_read(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {"p": "{{ params.id }}", "f": "{{ form.values }}"},
                         [{"type": "text", "text": "{{ computed.p }} {{ computed.f }}"}])
    assert [c for c, *_ in found].count("E0208") == 2


def test_an_unread_value_is_a_warning_at_its_key(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, {"open_count": f"{{{{ len({OPEN}) }}}}", "spare": "{{ 1 }}"},
                         [{"type": "text", "text": "{{ computed.open_count }}"}])
    lines = (tmp_path / "p" / "appforge.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("  spare:"))
    assert [(c, at, col) for c, at, col, _ in found] == [("W0104", line, 3)]


def test_an_included_file_can_declare_them(tmp_path: Path) -> None:
    folder = _write(tmp_path / "p", {**HEAD, "include": ["more/*.yaml"],
                                     "pages": _page([{"type": "text",
                                                      "text": "{{ computed.total }}"}])})
    (folder / "more").mkdir()
    (folder / "more" / "computed.yaml").write_text(
        "computed:\n  total: \"{{ len(state.tasks) }}\"\n")
    assert [str(d) for d in check_project(folder).diagnostics] == []
    (folder / "more" / "twice.yaml").write_text("computed:\n  total: \"{{ 2 }}\"\n")
    assert "E0110" in [d.code for d in check_project(folder).diagnostics]


def test_a_change_to_a_computed_value_rechecks_the_pages_that_read_it(tmp_path: Path) -> None:
    folder = _write(tmp_path / "p", {**HEAD, "computed": {"label": "{{ len(state.tasks) }}"},
                                     "pages": _page([{"type": "heading",
                                                      "text": "{{ computed.label }}"}])})
    session = Session(folder)
    first = session.check()
    assert first.app is not None and not first.has_errors
    (folder / "appforge.yaml").write_text(yaml.safe_dump(
        {**HEAD, "computed": {"label": "{{ state.tasks[0].titel }}"},
         "pages": _page([{"type": "heading", "text": "{{ computed.label }}"}])},
        sort_keys=False))
    second = session.check()
    assert "E0202" in [d.code for d in second.diagnostics]
