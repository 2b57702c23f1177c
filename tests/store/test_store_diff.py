"""Semantic diff: what changed, in app terms, and a JSON Patch that really applies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from store_specs import HOME, TODO

from appforge.store.diff import compare, load_merged, semantic_diff
from appforge.store.patch import apply_patch, make_patch

Make = Callable[[str, dict[str, Any]], Path]


def lines(make: Make, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [c.description for c in semantic_diff(make("old", old), make("new", new))]


def base(**override: str) -> dict[str, Any]:
    return {"appforge.yaml": TODO, "pages/home.yaml": HOME, **override}


def test_identical_projects_have_no_changes(make_project: Make) -> None:
    assert lines(make_project, base(), base()) == []


def test_a_label_change_names_page_component_key_and_values(make_project: Make) -> None:
    new = HOME.replace("label: Add}", "label: Add task}")
    assert lines(make_project, base(), base(**{"pages/home.yaml": new})) == [
        'page home › button "add": label "Add" → "Add task"']


def test_state_and_model_changes(make_project: Make) -> None:
    new = TODO.replace("persist: false", "persist: true").replace(
        "required: true}", "required: true}\n      due: {type: date}")
    assert lines(make_project, base(), base(**{"appforge.yaml": new})) == [
        "model Task: field due added (date)", "state tasks: persist false → true"]


def test_pages_added_and_removed(make_project: Make) -> None:
    about = "pages:\n  - {id: about, path: /about, body: []}\n"
    assert lines(make_project, base(), base(**{"pages/about.yaml": about})) == [
        "page about: added"]
    assert lines(make_project, base(**{"pages/about.yaml": about}), base()) == [
        "page about: removed"]


def test_an_insertion_is_one_change_not_a_cascade(make_project: Make) -> None:
    new = HOME.replace("    body:\n", "    body:\n      - {type: text, text: hello}\n"
                       "      - {type: divider}\n")
    assert lines(make_project, base(), base(**{"pages/home.yaml": new})) == [
        "page home › text #1: added", "page home › divider #2: added"]


def test_components_without_id_are_matched_by_position_and_type(make_project: Make) -> None:
    new = HOME.replace("text: second", "text: later")
    assert lines(make_project, base(), base(**{"pages/home.yaml": new})) == [
        'page home › text #4: text "second" → "later"']


def test_a_removed_component_and_a_changed_action(make_project: Make) -> None:
    old = HOME.replace("label: Add}", "label: Add, on_click: [{action: set, target: "
                       "state.tasks, value: []}]}")
    new = old.replace("value: []", "value: [1]").replace("      - {type: text, text: first}\n",
                                                          "")
    assert lines(make_project, base(**{"pages/home.yaml": old}),
                 base(**{"pages/home.yaml": new})) == [
        'page home › button "add": on_click[1].value [] → [1]',
        "page home › text #3: removed"]


def test_app_and_theme_changes(make_project: Make) -> None:
    new = TODO.replace("app: {name: Tasks,", "theme: {primary: '#000000'}\napp: {name: Todo,")
    assert lines(make_project, base(), base(**{"appforge.yaml": new})) == [
        'app: name "Tasks" → "Todo"', 'theme: added']


def test_data_and_asset_files_are_compared_as_files(make_project: Make) -> None:
    old = base(**{"data/a.json": "[1]", "assets/logo.png": b"\x89PNG"})
    new = base(**{"data/a.json": "[1, 2]", "assets/new.png": b"\x89PNG"})
    assert lines(make_project, old, new) == [
        "file assets/logo.png: removed", "file assets/new.png: added (4 B)",
        "file data/a.json: changed (3 B → 6 B)"]


def test_a_spec_that_does_not_load_falls_back_to_files_and_says_so(make_project: Make) -> None:
    result = compare(make_project("old", base()),
                     make_project("new", base(**{"pages/home.yaml": "pages: [\n"})))
    assert not result.semantic
    assert "does not load" in result.note and "pages/home.yaml" in result.note
    assert [c.description for c in result.changes] == [
        f"file pages/home.yaml: changed ({len(HOME)} B → 9 B)"]


def test_json_patch_turns_the_old_spec_into_the_new(make_project: Make) -> None:
    new = HOME.replace("label: Add}", "label: Add task}").replace(
        "    body:\n", "    body:\n      - {type: text, text: hi}\n")
    old_root, new_root = make_project("old", base()), make_project("new", base(**{
        "pages/home.yaml": new, "pages/about.yaml": "pages: [{id: about, body: []}]\n"}))
    result = compare(old_root, new_root)
    assert apply_patch(load_merged(old_root)[0], result.patch) == load_merged(new_root)[0]
    assert {"op": "add", "path": "/pages/0/body/0",
            "value": {"type": "text", "text": "hi"}} in result.patch
    assert len(result.patch) == 3


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "b", "~/"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "type", "x", "a/b", "~"]), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(old=JSON, new=JSON)
def test_json_patch_applies_for_any_documents(old: Any, new: Any) -> None:
    assert apply_patch(old, make_patch(old, new)) == new
    assert make_patch(new, new) == []


def test_moving_a_page_to_another_file_is_no_change(make_project: Make) -> None:
    entry = TODO.replace("include: [pages/*.yaml]", "include: [pages/*.yaml, screens/*.yaml]")
    old = {"appforge.yaml": entry, "pages/home.yaml": HOME, "screens/home.yaml": "pages: []\n"}
    moved = {"appforge.yaml": entry, "pages/home.yaml": "pages: []\n", "screens/home.yaml": HOME}
    assert lines(make_project, old, moved) == []


def test_a_change_of_page_order_is_reported(make_project: Make) -> None:
    about = "pages:\n  - {id: about, path: /about, body: []}\n"
    old = base(**{"pages/about.yaml": about})
    new = base(**{"pages/zz.yaml": about})  # sorted after home.yaml now
    assert lines(make_project, old, new) == ["pages: order about, home → home, about"]


ANY = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from(["home", "add", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "type", "body", "children", "item", "fields", "label", "on_click",
                         "action", "of", "kind"]), inner, max_size=4),
    max_leaves=25)
SPECS = st.fixed_dictionaries({
    "app": ANY, "theme": ANY,
    "models": st.dictionaries(st.sampled_from(["Task", "User"]), ANY, max_size=2),
    "state": st.dictionaries(st.sampled_from(["tasks", "draft"]), ANY, max_size=2),
    "data": st.dictionaries(st.sampled_from(["quotes"]), ANY, max_size=1),
    "pages": st.lists(ANY, max_size=4)})


@settings(max_examples=150, deadline=None)
@given(old=SPECS, new=SPECS)
def test_the_semantic_diff_is_total_over_any_loaded_data(old: dict[str, Any],
                                                         new: dict[str, Any]) -> None:
    """Specs that load but are nonsense (pages that are numbers, ids that are lists) still
    diff: the diff never raises, says nothing for equal specs and something for different ones."""
    from appforge.store.diff import _Differ

    differ = _Differ()
    differ.spec(old, new)
    assert all(c.kind in ("added", "removed", "changed") and c.description
               for c in differ.out)
    same = _Differ()
    same.spec(old, old)
    assert same.out == []
    if old != new:
        assert differ.out, "a difference went unreported"
