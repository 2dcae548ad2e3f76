"""Store figures: autosave latency by circle size, and listing many circles.

Prints each figure beside a baseline measured in the same run (a bare SQLite insert of the
same document with the same durability settings), so the ratio shows what the store adds.
Targets: save p95 <= 20 ms at 500 items; listing 10,000 circles <= 200 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from circlekit.model import Circle
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import open_store

SAVES = 200


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def bare_insert_ms(folder: Path, doc: str, n: int) -> list[float]:
    db = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE t (k INTEGER PRIMARY KEY, doc TEXT)")
    times = []
    for _ in range(n):
        t = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (doc) VALUES (?)", (doc,))
        db.execute("COMMIT")
        times.append((time.perf_counter() - t) * 1000)
    db.close()
    return times


def autosave(folder: Path, items: int) -> None:
    with open_store(folder / f"s{items}") as store:
        opened = store.create(synthetic_circle(items))
        circle, version = opened.circle, opened.version
        times = []
        for i in range(SAVES):
            circle.group_agreements = [f"agreement {i}"]
            t = time.perf_counter()
            version = store.save(circle, version)
            times.append((time.perf_counter() - t) * 1000)
        base = bare_insert_ms(folder / f"s{items}", circle.model_dump_json(), SAVES)
    p50, p95, b95 = pct(times, 50), pct(times, 95), pct(base, 95)
    print(f"autosave {items:>4} items: p50 {p50:6.2f} ms  p95 {p95:6.2f} ms   "
          f"(bare SQLite insert p95 {b95:5.2f} ms, ratio {p95 / b95:4.1f}x)")


def listing(folder: Path, n: int = 10_000) -> None:
    with open_store(folder / "many") as store:
        db = store._db  # type: ignore[attr-defined]  # bulk-load fast; the timing is of list()
        db.execute("BEGIN")
        for i in range(n):
            c = Circle(title=f"Circle {i}")
            db.execute("INSERT INTO circles VALUES (?, ?, 'en', 'preparing', 0, ?, 1)",
                       (c.id, c.title, c.updated.isoformat()))
            db.execute("INSERT INTO versions VALUES (?, 1, ?, 0, 'created', ?)",
                       (c.id, c.updated.isoformat(), c.model_dump_json()))
        db.execute("COMMIT")
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            found = store.list()
            runs.append((time.perf_counter() - t) * 1000)
        assert len(found) == n
        t = time.perf_counter()
        db.execute("SELECT id, title FROM circles").fetchall()
        bare = (time.perf_counter() - t) * 1000
    print(f"list {n:,} circles: median {statistics.median(runs):6.1f} ms   "
          f"(bare SELECT {bare:5.1f} ms, ratio {statistics.median(runs) / bare:4.1f}x)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for items in (10, 100, 500):
            autosave(folder, items)
        listing(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
