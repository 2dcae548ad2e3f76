"""The import directions of ``circlekit``, read from the source (no module is imported).

Each unit (a subpackage, or a top-level module) may import only the units its row names. A
new unit fails until it has a row, so the table stays the map of the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "widgets" / "circlekit"
TOOLS = PACKAGE.parent / "tools"

# unit: the circlekit units it may import. Read a row as "knows about".
ALLOWED: dict[str, set[str]] = {
    "i18n": set(),  # the translation layer knows nothing of what it translates
    "errors": {"i18n"},
    "guard": set(),
    "passphrase": set(),
    "guidance": {"i18n"},
    "model": {"i18n", "errors"},  # no storage, no widgets, no pages
    "disclosure": {"i18n", "model"},
    "practice": {"i18n", "model"},
    "casestudies": {"i18n", "errors", "model", "resources"},
    "org": {"i18n", "errors", "model", "disclosure"},
    "store": {"i18n", "errors", "model", "org"},
    "render": {"i18n", "model", "casestudies"},  # pure functions: text in, escaped HTML out
    "export": {"i18n", "errors", "model", "render"},
    "needindex": {"model", "store"},
    "research": {"i18n", "model", "store", "disclosure"},
    "session": {"i18n", "errors", "model", "store", "needindex"},
    "views": {"i18n", "errors", "model", "store", "org", "render", "export", "casestudies",
              "guidance", "practice", "session", "disclosure", "keyholder"},
    "app": {"i18n", "errors", "model", "store", "render", "export", "views", "casestudies",
            "keyholder"},
    "settings": {"guard", "resources"},
    "running": set(),
    "keyholder": {"i18n", "store"},  # the key of one facilitator's server, behind the hub
    "hub": {"keyholder"},  # the server extension that runs the key holder
    "chapters": {"guidance", "i18n", "model"},  # notebook openings from the step declarations
    "research_chapter": {"disclosure", "i18n", "model", "research"},
    "step_report": {"app", "errors", "i18n", "model", "render", "store"},
    "serve": {"errors", "guard", "passphrase", "store", "settings", "running"},
    "voila_app": {"i18n", "guard", "render", "settings"},
    "lock": {"errors", "passphrase", "serve", "store", "running"},
    "cli": {"serve", "lock"},
    "resources": set(),
}

# Libraries only some units may use: widgets only in pages, SQL only behind the store.
RESTRICTED = {"ipywidgets": {"views", "app"}, "anywidget": {"views", "app"},
              "sqlite3": {"store"}}


def unit_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def imports(path: Path) -> set[str]:
    """Absolute names of what ``path`` imports (relative imports resolved)."""
    package = list(path.relative_to(PACKAGE).parent.parts)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ["circlekit", *package][: len(package) + 2 - node.level]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found |= {".".join([*base, a.name]) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def units_imported(path: Path) -> set[str]:
    return {m.split(".")[1] for m in imports(path)
            if m.startswith("circlekit.")} - {unit_of(path)}


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_row() -> None:
    units = {unit_of(p) for p in SOURCES} - {"__init__"}
    assert units <= ALLOWED.keys(), f"add {units - ALLOWED.keys()} to ALLOWED"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_table(path: Path) -> None:
    unit = unit_of(path)
    if unit == "__init__":
        return
    wrong = units_imported(path) - ALLOWED[unit]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({unit}) imports {wrong}"
    for library, users in RESTRICTED.items():
        uses = any(m == library or m.startswith(library + ".") for m in imports(path))
        assert not uses or unit in users, f"{path.relative_to(PACKAGE)} uses {library}"


def test_the_table_has_no_cycle() -> None:
    """A cycle in the table would let two layers lean on each other."""
    def reach(unit: str, seen: frozenset[str]) -> None:
        assert unit not in seen, f"cycle through {unit}"
        for nxt in ALLOWED[unit]:
            reach(nxt, seen | {unit})

    for unit in ALLOWED:
        reach(unit, frozenset())


def test_relative_imports_resolve() -> None:
    """The resolver itself: ``..model`` from render/ and ``.html`` beside it."""
    found = imports(PACKAGE / "render" / "report.py")
    assert {"circlekit.model", "circlekit.render.html"} <= found
    assert units_imported(PACKAGE / "render" / "report.py") == {"i18n", "model", "casestudies"}


def test_maintainer_tools_stay_outside_the_package() -> None:
    """The catalog extractor imports the whole model; the runtime package never imports it."""
    assert (TOOLS / "extract_messages.py").exists()
    assert not (PACKAGE / "i18n" / "extract.py").exists()
    for path in SOURCES:
        assert not {m for m in imports(path) if "extract_messages" in m}, path
