"""At least 1,000 malformed or hostile files: each refused with a sentence, nothing changed."""

from __future__ import annotations

import collections
import hashlib
from pathlib import Path

from hostile_files import corpus

from circlekit.errors import ImportRefused
from circlekit.model.synthetic import synthetic_circle
from circlekit.store import SQLiteStore, export_circle, import_circle

PASS = "the right passphrase"


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(
        p.read_bytes() for p in sorted(folder.glob("circles.sqlite3*")))).hexdigest()


def is_plain_sentence(text: str) -> bool:
    return (text[:1].isupper() and text.rstrip().endswith((".", "…"))
            and "Traceback" not in text and "Error(" not in text and "\n" not in text)


def test_a_thousand_hostile_files_are_refused_plainly(store: SQLiteStore, data_dir: Path
                                                      ) -> None:
    circle = store.create(synthetic_circle(20)).circle
    good = export_circle(store, circle.id)
    before = digest(data_dir)
    counts: collections.Counter[str] = collections.Counter()
    accepted, unplain = [], []
    for kind, data in corpus(good, PASS):
        counts[kind] += 1
        try:
            import_circle(store, data, passphrase=PASS)
        except ImportRefused as exc:
            if not is_plain_sentence(str(exc)) or "imported" not in str(exc):
                unplain.append((kind, str(exc)[:200]))
        else:
            accepted.append((kind, data[:120]))
    total = sum(counts.values())
    print(f"\n{total} hostile files: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    assert total >= 1000
    assert accepted == []
    assert unplain == []
    assert digest(data_dir) == before
    # The good file still imports after all that.
    import_circle(store, good)
