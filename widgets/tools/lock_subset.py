"""The part of requirements.lock one install needs: the package's dependencies and the extras
named, with every package they pull in, each pinned with its hashes as in the lock.

    python widgets/tools/lock_subset.py hub > hub-requirements.txt

One lock (``make relock``) stays the only record of versions; the hub and its image install
this subset of it with ``pip install --require-hashes``, so they get exactly the versions the
app is tested with and nothing the tests or the book need. The subset is computed from the
lock's own ``# via`` notes (which package pulled each one in), so nothing is resolved again.
Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "widgets" / "pyproject.toml"
SELF = "circlekit"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    if match is None:
        raise ValueError(f"not a requirement: {spec!r}")
    return canonical(match.group(1))


def entries(lock_text: str) -> list[tuple[str, str, set[str]]]:
    """Each entry of the lock: its package, its lines as written, and the packages it is there
    for. A package may have several entries, one per Python version or platform."""
    found: list[tuple[str, str, set[str]]] = []
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock_text)
    for block in blocks:
        if block.startswith("#") or not block.strip():
            continue
        name = requirement_name(block)
        via = set()
        for line in block.splitlines():
            note = re.match(r"\s*#\s+(?:via\s+)?([A-Za-z0-9][A-Za-z0-9._-]*)", line)
            if note and "#" in line and note.group(1) != "via":
                via.add(canonical(note.group(1)))
        found.append((name, block.rstrip() + "\n", via))
    return found


def roots(extras: list[str]) -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        try:
            wanted += project["optional-dependencies"][extra]
        except KeyError:
            raise SystemExit(f"widgets/pyproject.toml has no extra {extra!r}") from None
    return {requirement_name(spec) for spec in wanted}


def subset(lock_text: str, extras: list[str]) -> str:
    """The lock's entries for the package with ``extras``, in the lock's order."""
    packages = entries(lock_text)
    needed = roots(extras)
    missing = needed - {name for name, _lines, _via in packages}
    if missing:
        raise SystemExit(f"requirements.lock lacks {sorted(missing)}: run make relock")
    changed = True
    while changed:  # a package is needed if something needed pulled it in
        changed = False
        for name, _lines, via in packages:
            if name not in needed and via & needed:
                needed.add(name)
                changed = True
    return "".join(lines for name, lines, _via in packages if name in needed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extras", nargs="*", help="extras of widgets/pyproject.toml, e.g. hub")
    parser.add_argument("--lock", type=Path, default=LOCK)
    args = parser.parse_args(argv)
    sys.stdout.write(subset(args.lock.read_text(encoding="utf-8"), args.extras))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
