"""Components written in the spec (`components:`): expanded by the checker into built-ins, with
props typed at the use, slots and events, located diagnostics with hints, and output that is
the same as writing the body out by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge import ir
from appforge.kinds.actions.if_ import IfNode
from appforge.kinds.actions.set import SetNode
from appforge.kinds.actions.toggle import ToggleNode
from appforge.pipeline import Session, build, check_project
from appforge.spec.registry import component_classes

HEAD: dict[str, Any] = {"appforge": 1, "app": {"name": "Parts", "id": "com.example.parts"}}

BADGE: dict[str, Any] = {
    "description": "A label, a count and a button; what the use puts inside goes below.",
    "props": {"label": {"type": "string", "required": True},
              "count": "integer",
              "tone": {"type": "enum", "values": ["body", "muted"], "default": "muted"}},
    "events": {"on_more": {"description": "The button was pressed."}},
    "slots": {"children": None},
    "body": [{"type": "card", "children": [
        {"type": "text", "id": "label", "text": "{{ props.label }}"},
        {"type": "text", "id": "count", "text": "{{ props.count }} left",
         "visible": "{{ props.count > 0 }}"},
        {"type": "button", "id": "more", "label": "More {{ props.label }}",
         "on_click": [{"action": "emit", "event": "on_more"}]},
        {"type": "slot"},
    ]}],
}


def _project(tmp_path: Path, body: list[Any], components: dict[str, Any] | None = None,
             **extra: Any) -> Path:
    spec = {**HEAD, "state": {"n": {"type": "integer", "default": 3}},
            "components": {"badge": BADGE} if components is None else components,
            "pages": [{"id": "home", "body": body}], **extra}
    (tmp_path / "appforge.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return tmp_path


def _walk(components: tuple[ir.Component, ...]) -> list[ir.Component]:
    out = []
    for comp in components:
        out.append(comp)
        for slot in comp.slots.values():
            out.extend(_walk(slot))
    return out


USE = {"type": "badge", "id": "tea", "label": "Tea", "count": "{{ state.n }}",
       "on_more": [{"action": "set", "target": "state.n", "value": "{{ state.n + 1 }}"}],
       "children": [{"type": "text", "id": "note", "text": "Green"}]}


def test_a_use_expands_into_built_ins(tmp_path: Path) -> None:
    result = check_project(_project(tmp_path, [USE]))
    assert result.diagnostics == [] and result.app is not None
    comps = _walk(result.app.pages[0].body)
    assert {c.type for c in comps} <= set(component_classes())
    # The single root takes the use's id; the ids inside are derived from it; slot content
    # keeps its own id (it belongs to the page, not to the component).
    assert [c.test_id for c in comps] == ["tea", "tea-label", "tea-count", "tea-more", "note"]
    label, count, button = comps[1], comps[2], comps[3]
    assert isinstance(label.props["text"], ir.Value)
    assert label.props["text"].expr == ir.Literal_("Tea", ir.STRING, label.props["text"].span)
    text = count.props["text"]
    assert isinstance(text, ir.Value) and text.deps == {"state.n"}
    assert count.visible is not None and count.visible.deps == {"state.n"}
    # emit runs the use's actions, checked where the use is
    (action,) = button.events["on_click"]
    assert isinstance(action, SetNode) and action.target.name == "n"


def test_output_is_the_body_written_out_by_hand(tmp_path: Path) -> None:
    """No runtime cost: the expanded use compiles to the very bytes of its hand-written body."""
    by_hand = {"type": "card", "id": "tea", "children": [
        {"type": "text", "id": "tea-label", "text": "Tea"},
        {"type": "text", "id": "tea-count", "text": "{{ state.n }} left",
         "visible": "{{ state.n > 0 }}"},
        {"type": "button", "id": "tea-more", "label": "More Tea", "on_click": USE["on_more"]},
        *USE["children"],
    ]}
    used = _project(tmp_path / "used", [USE]) if (tmp_path / "used").mkdir() is None else None
    hand = _project(tmp_path / "hand", [by_hand], components={}) \
        if (tmp_path / "hand").mkdir() is None else None
    assert used is not None and hand is not None
    outputs = []
    for project in (used, hand):
        result = build(project, ["web", "mobile"], project / "out")
        assert result.ok, [str(d) for d in result.diagnostics]
        outputs.append({p.relative_to(project / "out").as_posix(): p.read_bytes()
                        for p in sorted((project / "out").rglob("*"))
                        if p.is_file() and p.name != "build.json"})
    assert outputs[0].keys() == outputs[1].keys()
    differ = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differ == []


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    project = _project(tmp_path, [USE, {**USE, "id": "coffee", "label": "Coffee"}])
    first = build(project, ["web", "mobile"], tmp_path / "a")
    second = build(project, ["web", "mobile"], tmp_path / "b")
    assert first.ok and second.ok

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_defaults_and_literals_take_the_declared_type(tmp_path: Path) -> None:
    result = check_project(_project(tmp_path, [
        {"type": "badge", "id": "a", "label": "A"},
        {"type": "badge", "id": "b", "label": "B", "count": 2, "tone": "body"}]))
    assert not result.has_errors and result.app is not None
    texts = {c.test_id: c.props["text"] for c in _walk(result.app.pages[0].body)
             if c.type == "text"}
    assert isinstance(texts["a-count"], ir.Value) and \
        texts["a-count"].expr.value == "0 left"  # type: ignore[union-attr]
    assert texts["b-count"].expr.value == "2 left"  # type: ignore[union-attr]


def test_visible_on_a_use_joins_each_roots_own(tmp_path: Path) -> None:
    result = check_project(_project(tmp_path, [
        {"type": "badge", "id": "a", "label": "A", "visible": "{{ state.n > 1 }}"}]))
    assert result.app is not None
    root = result.app.pages[0].body[0]
    assert root.visible is not None and root.visible.deps == {"state.n"}


def test_a_use_inside_a_list_reads_the_loop_variable(tmp_path: Path) -> None:
    project = _project(tmp_path, [{
        "type": "list", "items": "{{ state.names }}", "as": "name",
        "item": [{"type": "badge", "id": "b", "label": "{{ name }}"}]}],
        state={"names": {"type": "list", "of": "string", "default": ["x", "y"]}})
    result = check_project(project)
    assert result.diagnostics == [] and result.app is not None
    label = _walk(result.app.pages[0].body)[2]
    assert label.test_id == "b-label"
    assert isinstance(label.props["text"], ir.Value)
    assert isinstance(label.props["text"].expr, ir.Ref) and label.props["text"].expr.root == "loop"


def _problems(tmp_path: Path, body: list[Any], components: dict[str, Any] | None = None
              ) -> list[tuple[str, int, str, str | None]]:
    result = check_project(_project(tmp_path, body, components))
    return [(d.code, d.span.line, d.message, d.hint) for d in result.diagnostics if d.is_error]


def test_an_unknown_prop_at_the_use_suggests_the_right_one(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "badge", "lable": "Tea"}])
    assert ("E0102", "unknown key 'lable' in badge", "did you mean 'label'?") in \
        [(c, m, h) for c, _, m, h in found]


def test_a_missing_required_prop_is_named(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "badge", "count": 1}])
    assert [(c, m) for c, _, m, _ in found] == [("E0101", "missing required key 'label' in badge")]


def test_an_ill_typed_prop_is_reported_at_the_use(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "badge", "label": "A", "tone": "loud"}])
    assert [(c, m) for c, _, m, _ in found] == [
        ("E0300", "prop 'tone' is enum(body, muted): 'loud' is not one of body, muted")]


def test_a_mistyped_component_name_suggests_the_definition(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "bagde", "label": "A"}])
    assert [(c, h) for c, _, _, h in found] == [("E0105", "did you mean 'badge'?")]


def test_a_problem_in_the_body_is_reported_once_in_the_definition(tmp_path: Path) -> None:
    body = {**BADGE, "body": [{"type": "text", "text": "{{ props.lable }} {{ len(3) }}"}]}
    found = _problems(tmp_path, [{"type": "badge", "label": "A"},
                                 {"type": "badge", "label": "B"}], {"badge": body})
    assert [(c, m, h) for c, _, m, h in found if c == "E0413"] == [
        ("E0413", "this component has no prop 'lable'", "did you mean 'label'?")]
    assert len([c for c, *_ in found if c == "E0302"]) == 1  # not once per use


def test_unused_definitions_are_still_checked(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "text", "text": "hi"}],
                      {"lonely": {"body": [{"type": "text", "text": "{{ state.nope }}"}]}})
    assert [c for c, *_ in found] == ["E0203"]


def test_props_outside_a_body_are_unknown(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "text", "text": "{{ props.label }}"}])
    assert [c for c, *_ in found] == ["E0201"]


def test_recursion_is_reported_without_looping(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "me"}],
                      {"me": {"body": [{"type": "card", "children": [{"type": "me"}]}]}})
    assert [(c, m) for c, _, m, _ in found] == [
        ("E0411", "component 'me' contains itself (me -> me)")]


def test_exponential_expansion_is_refused(tmp_path: Path) -> None:
    parts = {f"p{i}": {"body": [{"type": f"p{i + 1}"}, {"type": f"p{i + 1}"}]}
             for i in range(20)}
    parts["p20"] = {"body": [{"type": "divider"}]}
    found = _problems(tmp_path, [{"type": "p0"}], parts)
    assert "E0414" in [c for c, *_ in found]


@pytest.mark.parametrize(("name", "code"), [("row", "E0112"), ("slot", "E0112")])
def test_a_definition_cannot_take_a_component_types_name(tmp_path: Path, name: str,
                                                           code: str) -> None:
    found = _problems(tmp_path, [{"type": "text", "text": "hi"}],
                      {name: {"body": [{"type": "divider"}]}})
    assert [c for c, *_ in found] == [code]


def test_editing_a_definition_rebuilds_the_pages_that_use_it(tmp_path: Path) -> None:
    project = _project(tmp_path, [{"type": "badge", "id": "a", "label": "A"}])
    session = Session(project)
    first = session.check()
    assert first.app is not None
    text = (project / "appforge.yaml").read_text().replace("More ", "Add ")
    (project / "appforge.yaml").write_text(text)
    second = session.check()
    assert second.app is not None
    labels = [c.props.get("label") for c in _walk(second.app.pages[0].body)
              if c.type == "button"]
    assert isinstance(labels[0], ir.Value) and \
        labels[0].expr.value == "Add A"  # type: ignore[union-attr]


def test_the_published_schema_accepts_a_spec_with_components() -> None:
    import json

    import jsonschema

    root = Path(__file__).parent.parent.parent
    example = root / "examples" / "tasting"
    for name, schema_file in (("appforge.yaml", "appforge.schema.json"),
                              ("components/rating_row.yaml", "appforge-include.schema.json")):
        schema = json.loads((root / "specs" / schema_file).read_text())
        jsonschema.validate(yaml.safe_load((example / name).read_text()), schema)


def test_named_slots_nested_uses_and_forwarded_events(tmp_path: Path) -> None:
    """A component built from another: its use's event is forwarded with an emit inside the
    inner use's actions, and its named slot is filled from the page."""
    components = {
        "badge": BADGE,
        "panel": {
            "props": {"title": "string"},
            "events": {"on_open": None},
            "slots": {"footer": None},
            "body": [{"type": "column", "children": [
                {"type": "badge", "id": "head", "label": "{{ props.title }}",
                 "on_more": [{"action": "if", "condition": "{{ props.title != '' }}",
                              "then": [{"action": "emit", "event": "on_open"}]}],
                 "children": [{"type": "slot", "name": "footer"}]},
            ]}],
        },
    }
    result = check_project(_project(tmp_path, [
        {"type": "panel", "id": "p", "title": "Tea",
         "on_open": [{"action": "toggle", "target": "state.open"}],
         "footer": [{"type": "text", "id": "foot", "text": "{{ state.n }}"}]}],
        components, state={"n": {"type": "integer"}, "open": {"type": "boolean"}}))
    assert not result.has_errors, [str(d) for d in result.diagnostics]
    assert result.app is not None
    comps = {c.test_id: c for c in _walk(result.app.pages[0].body)}
    assert list(comps) == ["p", "p-head", "p-head-label", "p-head-count", "p-head-more", "foot"]
    (branch,) = comps["p-head-more"].events["on_click"]
    assert isinstance(branch, IfNode)
    assert [type(a) for a in branch.then] == [ToggleNode]


def test_a_body_may_reuse_a_loop_variables_name(tmp_path: Path) -> None:
    """Hygiene: the use's `item` and the body's own `item` stay apart, deps included."""
    components = {"twice": {
        "props": {"first": "string"}, "slots": {"children": None},
        "body": [{"type": "list", "items": "{{ state.names }}", "item": [
            {"type": "text", "id": "inner", "text": "{{ props.first }} {{ item }}"},
            {"type": "slot"}]}]}}
    result = check_project(_project(tmp_path, [{
        "type": "list", "items": "{{ state.names }}", "item": [
            {"type": "twice", "first": "{{ item }}",
             "children": [{"type": "text", "id": "outer", "text": "{{ item }}"}]}]}],
        components, state={"names": {"type": "list", "of": "string", "default": ["a"]}}))
    assert not result.has_errors and result.app is not None
    outer_list = result.app.pages[0].body[0]
    outer_symbol = outer_list.props["as"].symbol  # type: ignore[union-attr]
    comps = {c.test_id: c for c in _walk(result.app.pages[0].body)}
    inner_list = next(c for c in _walk(outer_list.slots["item"]) if c.type == "list")
    inner_symbol = inner_list.props["as"].symbol  # type: ignore[union-attr]
    assert outer_symbol != inner_symbol
    inner = comps["inner"].props["text"]
    outer = comps["outer"].props["text"]
    assert isinstance(inner, ir.Value) and isinstance(outer, ir.Value)
    assert inner.deps == {f"loop.{outer_symbol}", f"loop.{inner_symbol}"}
    assert outer.deps == {f"loop.{outer_symbol}"}


def test_props_are_read_only(tmp_path: Path) -> None:
    components = {"field": {"props": {"value": "string"},
                            "body": [{"type": "input", "bind": "props.value"}]}}
    found = _problems(tmp_path, [{"type": "field"}], components)
    assert [(c, h) for c, _, _, h in found] == [
        ("E0400", "emit an event and let the use's actions change the value")]


def test_an_unknown_type_is_reported_with_the_files_other_errors(tmp_path: Path) -> None:
    found = _problems(tmp_path, [{"type": "bagde", "label": "A"}, {"type": "text"}])
    assert [(c, h) for c, _, _, h in found][:2] == [
        ("E0105", "did you mean 'badge'?"), ("E0101", "add `text:`")]


def test_renaming_a_definition_in_another_file_revalidates_its_uses(tmp_path: Path) -> None:
    project = _project(tmp_path, [{"type": "chip"}], components={}, include=["parts.yaml"])
    (project / "parts.yaml").write_text(yaml.safe_dump(
        {"components": {"chip": {"body": [{"type": "divider"}]}}}))
    session = Session(project)
    assert not session.check().has_errors
    (project / "parts.yaml").write_text(yaml.safe_dump(
        {"components": {"chips": {"body": [{"type": "divider"}]}}}))
    assert [(d.code, d.hint) for d in session.check().diagnostics if d.is_error] == [
        ("E0105", "did you mean 'chips'?")]
