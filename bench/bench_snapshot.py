"""Benchmark: snapshot save, diff and restore of the 300-page project against the floor of
reading and sha256-hashing the same files, side by side in one run.

    python bench/bench_snapshot.py [--runs 5] [--pages 300]

Each figure is the best of --runs. The issue's aims: a save within 2x the floor, and a second
save after changing one page writes exactly one new blob and its tree (checked here, not just
printed: the run fails otherwise). Saves are timed with the stat cache (unchanged files are not
read again) and without it (every file read and hashed, the floor's own work plus the store's).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate


def best(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def floor(root: Path, names: list[str]) -> None:
    """The floor: read every recorded file and sha256 it, nothing else."""
    for name in names:
        hashlib.sha256((root / name).read_bytes()).hexdigest()


def parse_floor(root: Path, names: list[str]) -> None:
    """Parse every YAML file with libyaml's C loader, nothing else."""
    import yaml

    for name in names:
        if name.endswith(".yaml"):
            yaml.load((root / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def object_kinds(store: object, ids: set[str]) -> list[str]:
    from appforge.store import Store, StoreError

    assert isinstance(store, Store)
    kinds = []
    for oid in sorted(ids):
        for kind in (b"blob", b"tree", b"snapshot"):
            try:
                store.objects.read(oid, kind)
            except StoreError:
                continue
            kinds.append(kind.decode())
    return sorted(kinds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()

    from appforge.store import Store
    from appforge.store.files import project_files
    from appforge.store.objects import write_atomic
    from appforge.store.report import diff_snapshots

    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "bench", args.pages)
        # The stat cache trusts only files left alone for 2 s before they were hashed (a
        # project's files usually are): let the freshly generated ones settle first.
        time.sleep(2.1)
        names = sorted(project_files(root))
        size = sum((root / n).stat().st_size for n in names)
        store = Store(root)

        started = time.perf_counter()
        first = store.save("first")
        first_save = time.perf_counter() - started

        t_floor = best(lambda: floor(root, names), args.runs)
        # What durability alone costs a save: a snapshot record and the log, each written to
        # a temp file, fsync'ed, renamed, and the folder fsync'ed.
        probe = Path(tmp) / "probe"
        probe.mkdir()
        t_commit = best(lambda: [write_atomic(probe / f"f{i}", b"x" * 300) for i in range(2)],
                        args.runs)
        t_save = best(lambda: store.save("unchanged"), args.runs)
        # The same save with every file read and hashed again (no stat cache).
        t_save_full = best(lambda: store.save_files(project_files(root), "unchanged, re-hashed"),
                           args.runs)

        # One changed page: exactly one new blob and its tree (plus the snapshot record).
        page = root / "pages" / "p150.yaml"
        original = page.read_bytes()
        before = set(store.objects.all_ids())
        page.write_bytes(original.replace(b"Section 150x0", b"Section 150x0 (edited)"))
        started = time.perf_counter()
        changed = store.save("one page changed")
        t_save_changed = time.perf_counter() - started
        kinds = object_kinds(store, set(store.objects.all_ids()) - before)
        assert kinds == ["blob", "snapshot", "tree"], kinds

        t_diff = best(lambda: diff_snapshots(store, first, changed), max(1, args.runs // 2))
        # A semantic diff must parse every spec file once: libyaml's parse is its floor.
        t_parse = best(lambda: parse_floor(root, names), max(1, args.runs // 2))
        diff = diff_snapshots(store, first, changed)
        assert [c.description for c in diff.result.changes] == [
            'page p150 › heading "h150x0": text "Section 150x0: {{ len(state.items) }} items" '
            '→ "Section 150x0 (edited): {{ len(state.items) }} items"'], diff.result.changes

        # Restore between two saved versions (no autosave needed): one file rewritten.
        t_restore = best(lambda: store.restore(changed if page.read_bytes() == original
                                               else first), args.runs)
        assert store.verify() == []

        t_verify = best(store.verify, 1)

    print(f"project: {len(names)} files, {size / 1e6:.1f} MB")
    print(f"read + sha256 floor            {t_floor * 1000:8.1f} ms")
    print(f"save (first, {len(names)} new blobs)   {first_save * 1000:8.1f} ms   "
          f"{first_save / t_floor:5.2f}x floor")
    print(f"durable commit (2 x fsync'ed file + folder) {t_commit * 1000:5.1f} ms")
    print(f"save (unchanged, stat cache)   {t_save * 1000:8.1f} ms   "
          f"{t_save / t_floor:5.2f}x floor")
    print(f"save (unchanged, all re-hashed){t_save_full * 1000:8.1f} ms   "
          f"{t_save_full / t_floor:5.2f}x floor   "
          f"{t_save_full / (t_floor + t_commit):5.2f}x (floor + commit)")
    print(f"save (one page changed)        {t_save_changed * 1000:8.1f} ms   "
          f"{t_save_changed / t_floor:5.2f}x floor   new objects: {', '.join(kinds)}")
    print(f"libyaml parse floor            {t_parse * 1000:8.1f} ms")
    print(f"semantic diff (two snapshots)  {t_diff * 1000:8.1f} ms   "
          f"{t_diff / t_floor:5.2f}x floor   {t_diff / t_parse:5.2f}x parse floor")
    print(f"restore (one file differs)     {t_restore * 1000:8.1f} ms   "
          f"{t_restore / t_floor:5.2f}x floor")
    print(f"verify (every object)          {t_verify * 1000:8.1f} ms   "
          f"{t_verify / t_floor:5.2f}x floor")


if __name__ == "__main__":
    main()
