"""Property: any file tree saves and restores byte-identical; a snapshot diffs empty with itself."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from appforge.store import Store, statcache
from appforge.store.files import project_files
from appforge.store.report import diff_snapshots

# Names: letters, digits, punctuation, spaces and non-ASCII; never '/', NUL or backslash.
NAME = st.text(st.characters(blacklist_characters="/\\\0", blacklist_categories=("Cs",)),
               min_size=1, max_size=12).filter(
    lambda s: s not in (".", "..") and len(s.encode()) < 100)
CONTENT = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                    st.just(b""))
RELPATH = st.tuples(st.sampled_from(["data", "assets"]),
                    st.lists(NAME, min_size=1, max_size=3)).map(lambda t: "/".join([t[0], *t[1]]))


def _consistent(tree: dict[str, bytes]) -> dict[str, bytes]:
    """Drop paths that would need a file and a folder of the same name."""
    out: dict[str, bytes] = {}
    for rel in sorted(tree, key=len):
        prefixes = {"/".join(rel.split("/")[:i]) for i in range(1, rel.count("/") + 1)}
        if prefixes & out.keys() or any(k.startswith(rel + "/") for k in out):
            continue
        out[rel] = tree[rel]
    return out


TREES = st.dictionaries(RELPATH, CONTENT, max_size=8).map(_consistent)
SPEC = b"appforge: 1\napp: {name: T, id: com.example.t}\npages:\n  - {id: home, body: []}\n"


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=TREES, other=TREES)
# A working file stands where the snapshot has a folder, and the other way round.
@example(tree={"data/x/y": b"1"}, other={"data/x": b"2"})
@example(tree={"data/x": b"1"}, other={"data/x/y": b"2", "data/x/z/w": b""})
def test_save_then_restore_is_byte_identical(tree: dict[str, bytes],
                                             other: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        root.mkdir()
        _write(root, {"appforge.yaml": SPEC, **tree})
        store = Store(root)
        saved = project_files(root)
        oid = store.save()

        # Wreck the working files: other content, other files, some gone.
        for folder in ("data", "assets"):
            shutil.rmtree(root / folder, ignore_errors=True)
        _write(root, other)
        (root / "appforge.yaml").write_bytes(SPEC + b"# edited\n")

        store.restore(oid)
        assert project_files(root) == saved
        store.materialize(oid, Path(tmp) / "copy")
        assert project_files(Path(tmp) / "copy") == saved

        # Saving again (with the stat cache trusting every settled file) records exactly the
        # restored files: the rewritten ones are read again, the others vouched for.
        with mock.patch.object(statcache, "QUIET_NS", 0):
            again = store.save()
            assert store.info(again).tree == store.info(oid).tree

        same = diff_snapshots(store, oid, oid)
        assert same.result.changes == [] and same.result.patch == []
        assert store.verify() == []


@given(path=st.text(min_size=1), size=st.integers(0, 2**40))
def test_tree_encoding_is_plain_json_for_any_name(path: str, size: int) -> None:
    import json

    from appforge.store.model import FileEntry, decode_tree, encode_tree

    encoded = encode_tree([FileEntry(path, "ab" * 32, size)])
    assert encoded == ("[\n" + json.dumps([path, "ab" * 32, size], ensure_ascii=False)
                       + "\n]\n").encode()
    assert decode_tree(encoded, "t") == [FileEntry(path, "ab" * 32, size)]
