"""Save, list, show, resolve, materialize and restore: what a user sees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appforge.store import Store, StoreError
from appforge.store.files import project_files


def objects(root: Path) -> set[str]:
    return {p.parent.name + p.name for p in (root / ".appforge" / "objects").glob("*/*")}


def test_save_records_exactly_what_the_build_reads(project: Path) -> None:
    store = Store(project)
    snap = store.show(store.save("first"))
    assert [e.path for e in snap.entries] == [
        "appforge.yaml", "assets/logo.png", "data/tasks.json", "pages/home.yaml"]
    assert snap.info.message == "first" and snap.info.files == 4
    assert len(snap.info.id) == 64


def test_unchanged_project_saved_twice_stores_no_new_blob(project: Path) -> None:
    store = Store(project)
    first = store.save()
    before = objects(project)
    second = store.save()
    added = objects(project) - before
    assert added == {second}  # only the new snapshot record: no blob, not even a tree
    assert store.info(second).parent == first


def test_one_changed_file_writes_one_blob_and_one_tree(project: Path) -> None:
    store = Store(project)
    store.save()
    before = objects(project)
    (project / "pages/home.yaml").write_text("pages: []\n")
    second = store.save()
    kinds = sorted(_kind(store, o) for o in objects(project) - before)
    assert kinds == ["blob", "snapshot", "tree"]
    assert second in objects(project)


def _kind(store: Store, oid: str) -> str:
    for kind in (b"blob", b"tree", b"snapshot"):
        try:
            store.objects.read(oid, kind)
            return kind.decode()
        except StoreError:
            continue
    raise AssertionError(oid)


def test_list_is_newest_first_with_parents(project: Path) -> None:
    store = Store(project)
    ids = [store.save(f"v{i}") for i in range(3)]
    listed = store.list()
    assert [i.id for i in listed] == ids[::-1]
    assert [i.message for i in listed] == ["v2", "v1", "v0"]
    assert [i.parent for i in listed] == [ids[1], ids[0], None]


def test_meta_is_kept_as_provenance(project: Path) -> None:
    store = Store(project)
    oid = store.save("drafted", {"prompt": "a todo app", "model": "m", "repairs": 2})
    assert store.show(oid[:8]).info.meta == {"prompt": "a todo app", "model": "m", "repairs": 2}


def test_meta_that_is_not_plain_data_is_refused(project: Path) -> None:
    with pytest.raises(StoreError, match="not plain data"):
        Store(project).save(meta={"x": object()})


def test_resolve_prefixes(project: Path) -> None:
    store = Store(project)
    ids = [store.save(str(i)) for i in range(40)]
    assert store.resolve(ids[3][:10]) == ids[3]
    assert store.resolve(ids[3].upper()) == ids[3]
    assert store.resolve("latest") == ids[-1]
    with pytest.raises(StoreError, match="not a snapshot id"):
        store.resolve("abc")
    absent = next(p for p in (f"{n:04x}" for n in range(65536))
                  if not any(i.startswith(p) for i in ids))
    with pytest.raises(StoreError, match="no snapshot starts with"):
        store.resolve(absent)


def test_ambiguous_prefix_names_the_candidates(project: Path) -> None:
    store = Store(project)
    store.save()
    a, b = "abcd1" + "0" * 59, "abcd2" + "0" * 59
    with (project / ".appforge" / "log").open("a") as log:
        log.write(f"{a}\n{b}\n")
    with pytest.raises(StoreError, match="ambiguous: 2 snapshots") as exc:
        store.resolve("abcd")
    assert "abcd10000000" in exc.value.message and "abcd20000000" in exc.value.message
    assert exc.value.hint == "give more characters of the id"
    assert store.resolve("abcd2") == b


def test_materialize_writes_the_snapshot_into_an_empty_folder(project: Path,
                                                              tmp_path: Path) -> None:
    store = Store(project)
    oid = store.save()
    store.materialize(oid, tmp_path / "out")
    assert project_files(tmp_path / "out") == project_files(project)
    with pytest.raises(StoreError, match="not an empty folder"):
        store.materialize(oid, tmp_path / "out")


def test_restore_brings_back_files_and_autosaves_first(project: Path) -> None:
    store = Store(project)
    oid = store.save("good")
    good = project_files(project)
    (project / "pages/home.yaml").write_text("pages: []\n")
    (project / "data/extra.json").write_text("[]")
    edited = project_files(project)
    result = store.restore(oid[:6])
    assert project_files(project) == good
    assert result.autosaved is not None
    assert result.written == ["pages/home.yaml"]
    assert result.removed == ["data/extra.json"]
    # Nothing was lost: the edited version is a snapshot.
    assert store.read_files(result.autosaved) == edited
    assert (project / "notes.txt").exists()  # never a spec file: left alone


def test_restore_does_not_autosave_a_version_already_saved(project: Path) -> None:
    store = Store(project)
    old = store.save("old")
    (project / "pages/home.yaml").write_text("pages: []\n")
    store.save("new")
    result = store.restore(old)
    assert result.autosaved is None and len(store.list()) == 2


def test_restore_removes_an_edited_file_only_after_saving_it(project: Path) -> None:
    store = Store(project)
    store.save_files({"appforge.yaml": (project / "appforge.yaml").read_bytes(),
                      "pages/home.yaml": b"pages: []\n", "pages/old.yaml": b"pages: []\n"})
    oid = store.save_files({"appforge.yaml": (project / "appforge.yaml").read_bytes()})
    # pages/old.yaml is known to the store, but this content never was saved ...
    (project / "pages/old.yaml").write_text("pages: [] # edited\n")
    plan = store.restore(oid, dry_run=True)
    assert plan.needs_autosave
    result = store.restore(oid)
    # ... the working set was autosaved first, so the restore could remove it safely.
    assert "pages/old.yaml" in result.removed
    assert store.read_files(result.autosaved or "")["pages/old.yaml"] == b"pages: [] # edited\n"


def test_restore_does_not_trust_a_snapshot_whose_copy_is_lost(project: Path) -> None:
    store = Store(project)
    without = store.save()
    extra = project / "data" / "extra.json"
    extra.write_text("[1, 2, 3]")
    store.save()  # the working files match this snapshot's tree id ...
    blob = next(e.blob for e in store.show("latest").entries if e.path == "data/extra.json")
    store.objects.path(blob).unlink()  # ... but the store lost that file's content
    result = store.restore(without)
    # So the file is saved again before it is removed, and can be got back.
    assert result.autosaved is not None and result.removed == ["data/extra.json"]
    assert store.read_files(result.autosaved)["data/extra.json"] == b"[1, 2, 3]"
    assert not extra.exists()


def test_dry_run_changes_nothing(project: Path) -> None:
    store = Store(project)
    oid = store.save()
    (project / "pages/home.yaml").write_text("pages: []\n")
    before = project_files(project)
    plan = store.restore(oid, dry_run=True)
    assert plan.written == ["pages/home.yaml"] and plan.needs_autosave
    assert project_files(project) == before and len(store.list()) == 1


def test_restore_refuses_paths_that_leave_the_project(project: Path, tmp_path: Path) -> None:
    store = Store(project)
    for bad in ("../evil.yaml", "/etc/evil", "pages/../../evil", ".appforge/log", "a//b"):
        with pytest.raises(StoreError, match="not a portable path"):
            store.save_files({bad: b"x"})
    outside = tmp_path / "evil.yaml"
    # A snapshot written by something else: its tree names a path outside the project.
    from appforge.store.model import FileEntry, encode_snapshot, encode_tree
    blob, _ = store.objects.write(b"blob", b"pwned")
    tree, _ = store.objects.write(b"tree", encode_tree([FileEntry("../evil.yaml", blob, 5)]))
    rec = {"tree": tree, "parent": None, "time": 0.0, "message": "", "meta": {}}
    oid, _ = store.objects.write(b"snapshot", encode_snapshot(rec))
    (project / ".appforge" / "log").write_text(oid + "\n")
    with pytest.raises(StoreError, match="unsafe path"):
        store.restore(oid)
    with pytest.raises(StoreError, match="unsafe path"):
        store.materialize(oid, tmp_path / "m")
    assert not outside.exists()


def test_restore_does_not_write_through_a_symlinked_folder(project: Path,
                                                           tmp_path: Path) -> None:
    store = Store(project)
    oid = store.save()
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "pages/home.yaml").unlink()
    (project / "pages").rmdir()
    os.symlink(outside, project / "pages")
    with pytest.raises(StoreError, match="not a folder"):
        store.restore(oid)
    assert list(outside.iterdir()) == []


def test_save_without_a_project_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no appforge\.yaml"):
        Store(tmp_path).save()


def test_a_spec_that_does_not_parse_is_still_saved(make_project: object) -> None:
    root = make_project("broken", {  # type: ignore[operator]
        "appforge.yaml": "appforge: 1\ninclude: [pages/*.yaml\n", "pages/a.yaml": "pages: []\n",
        "build/web/x.yaml": "skip: me\n"})
    store = Store(root)
    paths = [e.path for e in store.show(store.save()).entries]
    assert paths == ["appforge.yaml", "pages/a.yaml"]


def test_a_static_data_file_outside_data_is_recorded(make_project: object) -> None:
    root = make_project("static", {  # type: ignore[operator]
        "appforge.yaml": "appforge: 1\napp: {name: T, id: com.example.t}\n"
                         "data:\n  countries: {kind: static, file: fixtures/countries.json, "
                         "into: state.c}\n  evil: {kind: static, file: ../outside.json}\n"
                         "pages: [{id: home, body: []}]\n",
        "fixtures/countries.json": "[]", "fixtures/unused.json": "[]"})
    (root.parent / "outside.json").write_text("[]")
    store = Store(root)
    paths = [e.path for e in store.show(store.save()).entries]
    assert paths == ["appforge.yaml", "fixtures/countries.json"]


def test_restore_keeps_the_permissions_of_a_file_it_rewrites(project: Path) -> None:
    store = Store(project)
    oid = store.save()
    home = project / "pages/home.yaml"
    home.write_text("pages: []\n")
    home.chmod(0o600)
    store.restore(oid)
    assert home.stat().st_mode & 0o777 == 0o600 and home.read_text().startswith("pages:\n")
