"""Backup figures: a sealed backup of a big data folder, and what it does to saves meanwhile.

A folder of 200 circles with 50 versions each is backed up; targets: the backup takes at most
5 s, and a save in an open workspace (another process, as a page's kernel is) stays within 2x
its usual p95 while backups run. The baseline is the same saves measured alone, in this run.

    python benchmarks/backup.py [CIRCLES] [VERSIONS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from circlekit.model.synthetic import synthetic_circle
from circlekit.store import KEY_VAR, SQLiteStore, folder_recipe
from circlekit.store.backup import make_backup, set_backup_passphrase

SAVER = """
import statistics, sys, time
from pathlib import Path
from circlekit.store import KEY_VAR, SQLiteStore, folder_recipe
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import key_from_environment
with SQLiteStore(Path(sys.argv[1]), key=key_from_environment()) as store:
    opened = store.create(synthetic_circle(200, seed=int(sys.argv[3])))
    circle, version, times = opened.circle, opened.version, []
    print("ready", flush=True)
    for i in range(int(sys.argv[2])):
        circle.group_agreements = [f"agreement {i}"]
        t = time.perf_counter()
        version = store.save(circle, version)
        times.append(time.perf_counter() - t)
        time.sleep(0.01)  # a person typing, not a loop
print(statistics.quantiles(times, n=100)[94] * 1000)
"""


def fill(folder: Path, circles: int, versions: int, locked: bool) -> None:
    with SQLiteStore(folder) as store:
        store._db.execute("PRAGMA synchronous=OFF")  # setting up only: no need to wait
        for n in range(circles):
            circle = synthetic_circle(20, seed=n)
            version = store.create(circle).version
            for v in range(versions - 1):
                circle.group_agreements = [f"agreement {v} of circle {n}"]
                version = store.save(circle, version)
        if locked:  # sealed rows do not compress: the backup is as big as the file
            store.set_passphrase("a benchmark passphrase")
        else:
            set_backup_passphrase(store, "a benchmark passphrase")


def saves_p95(folder: Path, seed: int, key: bytes | None,
              during: Path | None = None) -> tuple[float, int]:
    """p95 (ms) of 150 saves in another process, with backups to ``during`` meanwhile."""
    env = {**os.environ, KEY_VAR: key.hex()} if key else None
    proc = subprocess.Popen([sys.executable, "-c", SAVER, str(folder), "150", str(seed)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    made = 0
    if during is not None:
        with SQLiteStore(folder, key=key) as store:
            while proc.poll() is None:
                make_backup(store, during)
                made += 1
    return float(proc.communicate()[0]), made


def run(root: Path, circles: int, versions: int, locked: bool) -> None:
    data, out = root / "data", root / "backups"
    data.mkdir()
    out.mkdir()
    t = time.perf_counter()
    fill(data, circles, versions, locked)
    kind = "locked" if locked else "not locked"
    print(f"{kind}: set up {circles} circles x {versions} versions in "
          f"{time.perf_counter() - t:.0f} s")
    recipe = folder_recipe(data)
    key = recipe.derive("a benchmark passphrase") if recipe else None
    size = (data / "circles.sqlite3").stat().st_size
    took = []
    with SQLiteStore(data, key=key) as store:
        for _ in range(3):
            t = time.perf_counter()
            made = make_backup(store, out)
            took.append(time.perf_counter() - t)
    print(f"  backup: median {statistics.median(took):.2f} s (target <= 5 s) of a "
          f"{size / 1e6:.1f} MB database into {made.size / 1e6:.1f} MB")
    alone, _ = saves_p95(data, 1, key)
    during, n = saves_p95(data, 2, key, out)
    print(f"  save p95 alone {alone:.1f} ms; during {n} backups {during:.1f} ms "
          f"(ratio {during / alone:.2f}x, target <= 2x)")


def main() -> None:
    circles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    versions = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    for locked in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), circles, versions, locked)


if __name__ == "__main__":
    main()
