"""The corruption catalogue (git fsck's, for our store): verify names each damage, reads refuse it."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.store import Store, StoreError


def _blob_of(store: Store, oid: str, path: str) -> str:
    return next(e.blob for e in store.show(oid).entries if e.path == path)


def truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def flip(p: Path) -> None:
    raw = bytearray(p.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    p.write_bytes(bytes(raw))


def trailing(p: Path) -> None:
    p.write_bytes(p.read_bytes() + b"garbage")


def swap(p: Path) -> None:
    """Valid compression, valid header, different content: only the hash can tell."""
    data = zlib.decompress(p.read_bytes())
    head, _, body = data.partition(b"\0")
    body = body.replace(b"Add", b"Del")
    p.write_bytes(zlib.compress(head + b"\0" + body))


def remove(p: Path) -> None:
    p.unlink()


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("truncated", truncate, "is truncated"),
    ("flipped byte", flip, "is corrupt"),
    ("trailing garbage", trailing, "trailing garbage"),
    ("content swapped", swap, "does not match its name"),
    ("missing object", remove, "is missing (pages/home.yaml in snapshot"),
]


@pytest.mark.parametrize(("name", "damage", "said"), CASES, ids=[c[0] for c in CASES])
def test_verify_names_the_damaged_object(project: Path, name: str,
                                        damage: Callable[[Path], None], said: str) -> None:
    store = Store(project)
    oid = store.save()
    blob = _blob_of(store, oid, "pages/home.yaml")
    assert store.verify() == []
    damage(store.objects.path(blob))

    problems = store.verify()
    assert len(problems) == 1, problems
    assert problems[0].object == blob
    assert blob[:12] in problems[0].message and said in problems[0].message

    result = CliRunner().invoke(app, ["snapshot", "verify", "--path", str(project)])
    assert result.exit_code == 1
    assert blob[:12] in result.output and "1 problem found" in result.output

    # Every read checks the hash: the damaged file is never handed out as good data.
    with pytest.raises(StoreError, match=blob[:12]):
        store.materialize(oid, project.parent / "out")


def test_verify_names_a_dangling_ref(project: Path) -> None:
    store = Store(project)
    store.save()
    ghost = "f" * 64
    with (project / ".appforge" / "log").open("a") as log:
        log.write(ghost + "\n")
    problems = store.verify()
    assert [(p.kind, p.object) for p in problems] == [("dangling-ref", ghost)]
    assert "log (line 2) names snapshot ffffffffffff" in problems[0].message
    result = CliRunner().invoke(app, ["snapshot", "verify", "-p", str(project), "--json"])
    assert result.exit_code == 1 and '"dangling-ref"' in result.output


def test_verify_names_a_damaged_log_line(project: Path) -> None:
    store = Store(project)
    store.save()
    with (project / ".appforge" / "log").open("a") as log:
        log.write("not-an-id\n")
    assert [p.kind for p in store.verify()] == ["bad-ref"]


def test_a_damaged_snapshot_record_shows_in_list_and_verify(project: Path) -> None:
    store = Store(project)
    first, second = store.save("one"), store.save("two")
    truncate(store.objects.path(second))
    listed = store.list()
    assert listed[0].id == second and "truncated" in listed[0].problem
    assert listed[1].message == "one"
    assert [(p.kind, p.object) for p in store.verify()] == [("truncated", second)]
    assert store.resolve(first[:6]) == first


def test_a_missing_tree_is_named(project: Path) -> None:
    store = Store(project)
    oid = store.save()
    tree = store.info(oid).tree
    store.objects.path(tree).unlink()
    problems = store.verify()
    assert [(p.kind, p.object) for p in problems] == [("missing", tree)]
    assert f"file list of snapshot {oid[:12]}" in problems[0].message


def test_a_sound_store_passes_and_the_cli_says_so(project: Path) -> None:
    Store(project).save()
    result = CliRunner().invoke(app, ["snapshot", "verify", "-p", str(project)])
    assert result.exit_code == 0 and "store is sound (1 snapshot)" in result.output
