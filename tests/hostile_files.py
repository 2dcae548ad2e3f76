"""A deterministic corpus of malformed and hostile circle files, built from a real export."""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Iterator
from typing import Any

from circlekit.model import SCHEMA_VERSION
from circlekit.store.crypto import KeyRecipe, Sealer, b64
from circlekit.store.transfer import FORMAT, MAX_IMPORT_BYTES, SEALED_FORMAT

VERSION = f'"format_version": {SCHEMA_VERSION}'.encode()

# Values no field of a circle accepts: not text, not a choice, not a list of either.
POISON: list[Any] = [[[[]]], {"$": [[1]]}, [[{"a": [None]}]]]


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*here, k)
            yield from _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield (*here, i)
            yield from _paths(v, (*here, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    doc = json.loads(json.dumps(doc))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def _seal(plain: bytes, passphrase: str, rng: random.Random) -> dict[str, Any]:
    # The cheapest cost a real file may ask for keeps a thousand files quick to test.
    recipe = KeyRecipe(salt=rng.randbytes(16), n=2**14)
    sealed = Sealer(recipe.derive(passphrase)).seal(plain, SEALED_FORMAT.encode())
    return {"format": SEALED_FORMAT, "format_version": 1, "kdf": recipe.to_json(),
            "sealed": b64(sealed)}


def corpus(good: bytes, passphrase: str, seed: int = 7) -> Iterator[tuple[str, bytes]]:
    """(kind, bytes) pairs; none of them is a circle this app should accept."""
    rng = random.Random(seed)
    doc = json.loads(good)
    circle_paths = [p for p in _paths(doc["circle"])]

    def dump(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    # Cut short anywhere, as a failed copy would.
    for cut in sorted(rng.sample(range(1, len(good) - 1), 300)):
        yield "truncated", good[:cut]
    # A value of the wrong type at every kind of place in the circle.
    for path in rng.sample(circle_paths, min(400, len(circle_paths))):
        yield "wrong-type", dump(_set(doc, ("circle", *path), rng.choice(POISON)))
    # Required parts missing.
    for key in ("format", "format_version", "circle"):
        yield "missing", dump({k: v for k, v in doc.items() if k != key})
    yield "missing", dump(dict(doc, circle={k: v for k, v in doc["circle"].items()
                                            if k != "title"}))
    # Text far longer than any field allows, in many places.
    text_paths = [p for p in circle_paths if isinstance(_get(doc["circle"], p), str)]
    for path in rng.sample(text_paths, min(60, len(text_paths))):
        yield "huge-string", dump(_set(doc, ("circle", *path), "x" * rng.choice(
            [100_001, 250_000, 1_000_000])))
    yield "huge-file", b" " * (MAX_IMPORT_BYTES + 1)
    # Nesting far deeper than a circle's.
    for depth in (1_000, 10_000, 100_000, 1_000_000):
        yield "deep", b"[" * depth + b"]" * depth
        yield "deep", b'{"format": "' + FORMAT.encode() + b'", "circle": ' + b'{"a":' * depth
    # Format versions this app does not read.
    for version in (0, SCHEMA_VERSION + 1, 99, -1, "1", 1.5, None, True, [1], {"v": 1},
                    10**30):
        yield "wrong-version", dump(dict(doc, format_version=version))
    # Not a circle file at all.
    for other in ([], [1, 2], "circle", 42, None, {"format": "other"}, {"circle": doc["circle"]},
                  dict(doc, format="circle-notebooks/circle/v2"), dict(doc, circle=None),
                  dict(doc, circle=[]), dict(doc, circle="x"), dict(doc, circle={})):
        yield "foreign", dump(other)
    yield "empty", b""
    yield "empty", b"   \n\t  "
    # Binary: random bytes, images, archives, text in encodings other than UTF-8.
    for size in rng.sample(range(1, 5000), 150):
        yield "binary", rng.randbytes(size)
    for magic in (b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.7\n", b"\x1f\x8b\x08",
                  b"SQLite format 3\x00", b"\xff\xd8\xff\xe0"):
        yield "binary", magic + rng.randbytes(500)
    yield "binary", good.decode().encode("utf-16")
    yield "binary", good.decode().encode("utf-32")
    # JSON that Python reads but a circle never holds.
    for literal in (b"NaN", b"Infinity", b"-Infinity", b"1e999999"):
        yield "odd-json", good.replace(VERSION, b'"format_version": ' + literal)
    yield "odd-json", b"\x00" + good
    yield "odd-json", good + b"\n{}"
    # Protected files: the wrong passphrase, no passphrase, damaged or hostile envelopes.
    for i in range(40):
        yield "wrong-passphrase", dump(_seal(good, f"not the passphrase {i}", rng))
    sealed = _seal(good, passphrase, rng)
    raw = base64.b64decode(sealed["sealed"])
    for _ in range(40):
        flipped = bytearray(raw)
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        yield "tampered", dump(dict(sealed, sealed=b64(bytes(flipped))))
    for _ in range(20):
        yield "tampered", dump(dict(sealed, sealed=b64(raw[: rng.randrange(len(raw))])))
    for kdf in ({"name": "scrypt", "salt": sealed["kdf"]["salt"], "n": 2**31, "r": 8, "p": 1},
                dict(sealed["kdf"], r=4096), dict(sealed["kdf"], p=1000),
                dict(sealed["kdf"], n=3), dict(sealed["kdf"], n="16384"),
                dict(sealed["kdf"], salt="*not base64*"), dict(sealed["kdf"], salt=""),
                dict(sealed["kdf"], name="pbkdf2"), None, [], "scrypt"):
        yield "hostile-kdf", dump(dict(sealed, kdf=kdf))
    for value in (None, 12, [], "", "!!!", "A" * 10):
        yield "tampered", dump(dict(sealed, sealed=value))
    # A protected file whose inside is itself malformed (sealed with the right passphrase).
    for inner in (b"", b"{", b"[]", dump(dict(doc, format_version=SCHEMA_VERSION + 1)),
                  dump(dict(sealed, sealed=sealed["sealed"]))):
        yield "sealed-bad-inside", dump(_seal(inner, passphrase, rng))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc
