"""The rooms of ``circlekit`` and the doors between them, read from the source.

Each unit (a sub-package, or one of the few modules at the package root) may import only the
units its row names, and uses every one of them, so the table stays the map of the code and
not a permission slip. Imports inside functions count too: a lazy import is still a door.
No module imports itself back through others (a cycle), and no module is over 400 lines.
Nothing is imported here: the test reads the files.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "widgets" / "circlekit"
TOOLS = PACKAGE.parent / "tools"
MAX_LINES = 400

# unit: the circlekit units it may import. Read a row as "knows about". Below the line, what
# runs in a page's kernel; ``server`` and ``cli`` run in the Jupyter server or the terminal,
# and the only bridge between the two is the key socket (store.keys ↔ server.keyholder).
ALLOWED: dict[str, set[str]] = {
    "i18n": set(),  # knows nothing of what it translates
    "settings": set(),  # read by every side: the server, the command line, the kernels
    "errors": {"i18n"},
    "model": {"i18n"},  # no storage, no widgets, no pages: researchers use it in plain Python
    "content": {"i18n", "errors", "model", "settings"},  # case studies, guidance, scenarios
    "store": {"i18n", "errors", "model", "settings"},  # the only unit that speaks SQL
    "analysis": {"i18n", "model", "store"},  # research figures and disclosure control
    "session": {"i18n", "errors", "model", "settings", "store"},  # one page's autosave
    "render": {"i18n", "model", "content"},  # pure functions: text in, escaped HTML out
    "export": {"i18n", "errors", "model", "content", "render"},  # documents, worksheets
    "org": {"i18n", "model", "analysis"},  # an organisation's self-assessment and report
    "views": {"i18n", "errors", "model", "content", "store", "session", "render", "export",
              "org"},
    "pages": {"i18n", "errors", "model", "content", "store", "render", "export", "views"},
    "server": {"i18n", "errors", "settings", "content", "render", "store"},
    "cli": {"errors", "settings", "store", "server"},
    "__main__": {"cli"},
}
ROOT_MODULES = {"__init__", "__main__", "errors", "settings"}
# Libraries only some units may use.
RESTRICTED = {
    "ipywidgets": {"views", "pages"}, "anywidget": {"views"},
    "sqlite3": {"store"},
    "tornado": {"server"}, "voila": {"server"}, "jupyter_server": {"server"},
    "matplotlib": {"render", "analysis"},
    "weasyprint": {"export"}, "docx": {"export"},
}


def unit_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["circlekit", *parts])


def _outside_type_checking(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, except under ``if TYPE_CHECKING:`` (those imports never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        yield node
        yield from _outside_type_checking(node)


def imports(path: Path) -> set[str]:
    """Absolute names of what ``path`` imports, anywhere in it (relative imports resolved)."""
    package = module_of(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> set[str]:
    """What ``source``, a module of ``package``, imports: ``from package import name``
    yields ``package.name`` when that is a module, else ``package``."""
    found: set[str] = set()
    for node in _outside_type_checking(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) + 1 - node.level] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.add(sub if is_module(sub) else module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def is_module(name: str) -> bool:
    if not name.startswith("circlekit."):
        return False
    path = PACKAGE.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def units_imported(path: Path) -> set[str]:
    return {m.split(".")[1] for m in imports(path)
            if m.startswith("circlekit.")} - {unit_of(path)}


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_row() -> None:
    units = {unit_of(p) for p in SOURCES} - {"__init__"}
    assert units <= ALLOWED.keys(), f"add {units - ALLOWED.keys()} to ALLOWED"
    assert ALLOWED.keys() <= units, f"remove {ALLOWED.keys() - units} from ALLOWED"


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


def test_every_door_in_the_table_is_used() -> None:
    used: dict[str, set[str]] = {unit: set() for unit in ALLOWED}
    for path in SOURCES:
        if unit_of(path) != "__init__":
            used[unit_of(path)] |= units_imported(path)
    unused = {unit: ALLOWED[unit] - used[unit] for unit in ALLOWED if ALLOWED[unit] - used[unit]}
    assert not unused, f"the table allows imports nobody makes: {unused}"


def test_the_table_has_no_cycle() -> None:
    """A cycle in the table would let two layers lean on each other."""
    graph = nx.DiGraph([(u, v) for u, vs in ALLOWED.items() for v in vs])
    assert nx.is_directed_acyclic_graph(graph), list(nx.simple_cycles(graph))


def module_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in SOURCES:
        graph.add_node(module_of(path))
        for target in imports(path):
            if is_module(target) and target != module_of(path):
                graph.add_edge(module_of(path), target)
    return graph


def test_no_module_imports_itself_back() -> None:
    """Module by module, lazy imports included: a cycle inside one unit fails too."""
    cycles = [sorted(c) for c in nx.strongly_connected_components(module_graph()) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_cycle_check_sees_lazy_imports() -> None:
    """The resolver itself: a function-level import is an edge, a TYPE_CHECKING one is not."""
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..views import x\n"
              "def f():\n    from . import progress\n")
    found = imports_in(source, ["circlekit", "model"])
    assert "circlekit.model.progress" in found
    assert not any(m.startswith("circlekit.views") for m in found)


def test_relative_imports_resolve() -> None:
    """``..model`` from render/ and ``.html`` beside it; a module named after ``import``."""
    found = imports(PACKAGE / "render" / "report.py")
    assert {"circlekit.model", "circlekit.render.html"} <= found
    assert units_imported(PACKAGE / "render" / "report.py") == {"i18n", "model", "content"}
    assert "circlekit.store.keys" in imports(PACKAGE / "pages" / "__init__.py")


def test_the_root_holds_only_the_sub_packages() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == ROOT_MODULES, f"move {loose - ROOT_MODULES} into a sub-package"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it"


def test_every_sub_package_says_what_lives_there() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init.parent.name}/__init__.py needs a docstring"


def test_maintainer_tools_stay_outside_the_package() -> None:
    """The catalog extractor and the chapter writer import the whole model; the runtime
    package never imports them."""
    for tool in ("extract_messages.py", "write_chapters.py"):
        assert (TOOLS / tool).exists()
    assert not (PACKAGE / "i18n" / "extract.py").exists()
    for path in SOURCES:
        assert not {m for m in imports(path)
                    if "extract_messages" in m or "write_chapters" in m}, path


def test_test_modules_share_helpers_not_each_other() -> None:
    """Shared test code lives in helper modules (conftest, pagekit, httpkit, readers …): a
    test module importing another would run, and collect, that module's tests too."""
    tests = Path(__file__).resolve().parent
    for path in tests.glob("test_*.py"):
        found = imports_in(path.read_text(encoding="utf-8"), ["tests"])
        assert not {m for m in found if m.split(".")[0].startswith("test_")}, path.name
