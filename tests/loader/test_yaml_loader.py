"""The loader: positions for every node, and promise 1 of reliability.md (parsing is total)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from appforge.loader import load_project, load_yaml
from appforge.loader.yaml_loader import resolve_scalar


def test_every_node_has_a_position() -> None:
    doc, diags = load_yaml("a:\n  b: [1, 'two']\n  c: {d: true}\n", "f.yaml")
    assert diags == [] and doc is not None
    assert doc.data == {"a": {"b": [1, "two"], "c": {"d": True}}}
    assert str(doc.span(("a", "b", 1))) == "f.yaml:2:10"
    assert str(doc.span(("a", "c", "d"))) == "f.yaml:3:10"
    assert str(doc.key_span(("a", "c"))) == "f.yaml:3:3"


def test_yaml_12_scalars_keep_words_as_text() -> None:
    doc, _ = load_yaml("a: no\nb: yes\nc: on\nd: 010\ne: 1_000\nf: ~\ng: 1e3\n", "f")
    assert doc is not None
    assert doc.data == {"a": "no", "b": "yes", "c": "on", "d": 10, "e": "1_000", "f": None,
                        "g": 1000.0}


def test_quoted_numbers_stay_text() -> None:
    doc, _ = load_yaml("v: '1.10'\nw: \"2\"\n", "f")
    assert doc is not None and doc.data == {"v": "1.10", "w": "2"}


def test_duplicate_key_is_reported_at_both_places() -> None:
    doc, diags = load_yaml("a: 1\nb: 2\na: 3\n", "f")
    assert [(d.code, str(d.span)) for d in diags] == [("E0003", "f:3:1")]
    assert str(diags[0].related[0][0]) == "f:1:1"
    assert doc is not None and doc.data["a"] == 1


@pytest.mark.parametrize("depth", [65, 999, 1_000, 1_001, 30_000, 200_000])
@pytest.mark.parametrize(("prefix", "where"), [("a: ", "f:1:67"), ("é😀: ", "f:1:68"),
                                               ("x: 1\r\n\u2028a:\n  - ", "f:4:67")])
def test_deep_nesting_is_a_diagnostic_not_a_crash(depth: int, prefix: str, where: str) -> None:
    # libyaml's own composer segfaults at about 30,000 levels; ours stops at 64. The libyaml
    # in PyYAML 6.0.4 has its own limit (1,000 levels, found while scanning ahead): the
    # diagnostic is the same, at the same place, on either side of it.
    started = time.perf_counter()
    doc, diags = load_yaml(prefix + "[" * depth + "]" * depth, "f")
    assert doc is None
    assert [(d.code, d.message) for d in diags] == [("E0005", "nesting is deeper than 64 levels")]
    assert str(diags[0].span) == where
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("depth", [200, 999, 1_200, 3_000])
def test_deep_block_mappings_are_limited_too(depth: int) -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "v\n"
    doc, diags = load_yaml(text, "f")
    assert doc is None
    assert [(d.code, str(d.span)) for d in diags] == [("E0005", "f:65:65")]


@pytest.mark.parametrize("text", ["a: [{b: [[" * 300 + "]]}]" * 300,
                                  "- " * 2_000 + "x", "k:\n  - " + "{a: " * 1_500 + "1" + "}" * 1_500])
def test_mixed_nesting_is_e0005_whatever_the_pyyaml(text: str) -> None:
    doc, diags = load_yaml(text, "f")
    assert doc is None and [d.code for d in diags] == ["E0005"]


def test_alias_bomb_ends_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    doc, diags = load_yaml("\n".join(lines), "f")
    assert doc is None and diags[0].code == "E0004"
    assert "alias bomb" in diags[0].message
    assert time.perf_counter() - started < 1


def test_self_referencing_alias_is_refused() -> None:
    doc, diags = load_yaml("a: &x [*x]\n", "f")
    assert doc is None and diags[0].code == "E0004"


def test_small_alias_use_is_fine_and_located() -> None:
    doc, diags = load_yaml("base: &b {x: 1}\nother: *b\n", "f")
    assert diags == [] and doc is not None
    assert doc.data["other"] == {"x": 1}
    assert doc.data["other"] is not doc.data["base"]  # a tree, never a shared node


def test_python_tags_are_not_constructed() -> None:
    doc, _ = load_yaml("a: !!python/object/apply:os.system ['echo pwned']\n", "f")
    # A tag is ignored: the value is plain data, never constructed.
    assert doc is not None and doc.data == {"a": ["echo pwned"]}


def test_multiple_documents_are_refused() -> None:
    doc, diags = load_yaml("a: 1\n---\nb: 2\n", "f")
    assert doc is None and diags[0].code == "E0002"


def _project(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return tmp_path


def test_includes_are_read_in_sorted_order(tmp_path: Path) -> None:
    root = _project(tmp_path, {"appforge.yaml": "include: [pages/*.yaml]\n",
                               "pages/b.yaml": "pages: []\n", "pages/a.yaml": "pages: []\n"})
    project = load_project(root)
    assert [d.file for d in project.includes] == ["pages/a.yaml", "pages/b.yaml"]


def test_include_symlink_out_of_project_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("pages: []\n")
    root = _project(tmp_path / "p", {"appforge.yaml": "include: ['pages/*.yaml']\n"})
    (root / "pages").mkdir()
    (root / "pages" / "evil.yaml").symlink_to(outside)
    project = load_project(root)
    assert project.includes == []
    assert [d.code for d in project.diagnostics] == ["E0012"]


def test_bom_is_accepted(tmp_path: Path) -> None:
    root = _project(tmp_path, {"appforge.yaml": b"\xef\xbb\xbfa: 1\n"})
    project = load_project(root)
    assert project.diagnostics == [] and project.entry is not None


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, {"appforge.yaml": b"a: 1\x00\n"})
    assert [d.code for d in load_project(root).diagnostics] == ["E0007"]


@pytest.mark.parametrize(("text", "where", "char", "hint"), [
    ("a: b\x07c\n", "f:1:5", "U+0007", "\\a"),
    ("a: 1\nb: \"x\x1by\"\n", "f:2:6", "U+001B", "\\e"),
    ("é😀: 1\nbb: x\x7f", "f:2:6", "U+007F", "\\x7f"),
    ("a: 1\n\nc:\n  - [x, \x08]\n", "f:4:9", "U+0008", "\\b"),
    ("a: b\x80\n", "f:1:5", "U+0080", "\\x80"),
    ("# comment \x01\na: 1\n", "f:1:11", "U+0001", "\\x01"),
    ("a: b\ufffe", "f:1:5", "U+FFFE", "remove it"),
])
def test_control_characters_are_located_and_named(text: str, where: str, char: str,
                                                  hint: str) -> None:
    doc, diags = load_yaml(text, "f")
    assert doc is None and len(diags) == 1
    (diag,) = diags
    assert (diag.code, str(diag.span)) == ("E0002", where)
    assert char in diag.message and "not allowed in YAML" in diag.message
    assert "unicode string" not in diag.message and "position" not in diag.message
    assert diag.hint is not None and hint in diag.hint


@pytest.mark.parametrize(("text", "where", "quote"), [
    ("a: 'unterminated\nb: 2\n", "f:1:4", "'"),
    ('a: 1\nb: "never\n\n\n', "f:2:4", '"'),
    ('a: ["x, b]\n', "f:1:5", '"'),
    ("a: {b: 'c}\n", "f:1:8", "'"),
    ("x: 1\nk:\n  - 'abc\n  - d\n", "f:3:5", "'"),
    ('pages:\n  - id: home\n    body: [{type: text, text: "Hi {{ state.x }}}]\n', "f:3:31",
     '"'),
])
def test_an_unclosed_string_is_reported_where_it_starts(text: str, where: str,
                                                         quote: str) -> None:
    doc, diags = load_yaml(text, "f")
    assert doc is None and [(d.code, str(d.span)) for d in diags] == [("E0002", where)]
    assert diags[0].message == f"this string starting at {where[2:]} is never closed"
    assert diags[0].hint is not None and f"end it with {quote}" in diags[0].hint


@pytest.mark.parametrize(("content", "where"), [(b"a: 1\x00\n", "appforge.yaml:1:5"),
                                                (b"a: 1\nb: [x,\x00]\n", "appforge.yaml:2:7")])
def test_nul_byte_is_located(tmp_path: Path, content: bytes, where: str) -> None:
    (tmp_path / "appforge.yaml").write_bytes(content)
    diags = load_project(tmp_path).diagnostics
    assert [(d.code, str(d.span)) for d in diags] == [("E0007", where)]


BIG = {"decimal": "9" * 5000, "negative": "-" + "9" * 4400, "hex": "0x" + "f" * 4000,
       "octal": "0o" + "7" * 4400, "just past a double": "1" + "0" * 309,
       "hex past a double": "0x1" + "0" * 256, "float": "1e999", "negative float": "-1e999",
       "inf": ".inf", "negative inf": "-.Inf", "nan": ".nan"}


@pytest.mark.parametrize("text", BIG.values(), ids=BIG.keys())
@pytest.mark.parametrize(("where", "place"), [
    ("appforge: {}\n", "f:2:11"), ("app: {{radius: {}}}\n", "f:2:15"),
    ("state:\n  n: {{type: integer, default: {}}}\n", "f:3:31"), ("x: [1, 2, {}]\n", "f:2:11")])
def test_numbers_no_target_can_hold_are_located(text: str, where: str, place: str) -> None:
    started = time.perf_counter()
    doc, diags = load_yaml("a: 1\n" + where.format(text), "f")
    assert doc is None and [(d.code, str(d.span)) for d in diags] == [("E0013", place)]
    assert len(diags[0].message) < 200  # the literal is shortened, not printed whole
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("text", ["1" + "0" * 300, "0x" + "f" * 200, "-1.5e308", "0o777",
                                  "'" + "9" * 5000 + "'"])
def test_large_but_finite_numbers_and_quoted_digits_load(text: str) -> None:
    doc, diags = load_yaml(f"a: {text}\n", "f")
    assert diags == [] and doc is not None


@pytest.mark.parametrize("text", BIG.values(), ids=BIG.keys())
def test_resolving_a_huge_number_never_raises(text: str) -> None:
    # ai's YAML writer asks the resolver whether a model's string would read as a number.
    assert not isinstance(resolve_scalar(text, True), (str, int, float))


@pytest.mark.parametrize("text", ["a: \ud800\n", "\udcff", "a: [x, \udfff]\n"])
def test_a_lone_surrogate_is_a_located_diagnostic(text: str) -> None:
    doc, diags = load_yaml(text, "f")
    assert doc is None and [d.code for d in diags] == ["E0002"]
    assert "is not allowed in YAML" in diags[0].message
