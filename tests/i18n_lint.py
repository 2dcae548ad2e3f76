"""Find user-facing text that does not go through the translation function.

A string literal counts as text when it reads like words ("Add a need", "Yes"). It is fine
inside ``_``/``N_``/``ngettext``, in a declaration the catalog extractor reads from the
objects (``ui(...)`` fields, choice members, steps), in a docstring, a log call, a keyword
argument that is not text (CSS classes, MIME types …), or on a line marked ``# i18n:``
with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

WORDS = re.compile(r"\b[A-Z][a-z]+\b|\b[a-z]{2,}[,.:;!?]?\s+[a-z]{2,}\b")
TRANSLATED = {"_", "N_", "ngettext"}
DECLARATIONS = {"ui", "Step", "Group", "RowWords", "Question", "Area", "Scenario", "Field"}
NOT_TEXT_KWARGS = {
    "loc", "class_", "names", "icon", "button_style", "format", "mime", "href", "rel",
                   "onclick", "role", "type", "layout", "style", "pattern", "kind", "key",
                   "notebook", "accept", "note"}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}
NOT_TEXT_CALLS = {"add_class", "remove_class", "getLogger", "strftime", "startswith", "endswith",
                  "environ.get", "getenv", "execute", "executescript", "split", "join_path",
                  "joinpath", "encode", "decode", "KeyError", "TypeError", "AssertionError",
                  "RuntimeError", "NotImplementedError", "filterwarnings", "catch_warnings",
                  "set_option", "rc_context", "savefig", "scalar", "fetch", "use", "type",
                  "legend"}
SQL = re.compile(r"^\s*(SELECT|INSERT|CREATE|UPDATE|DELETE|PRAGMA)\b")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def bare_literals(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    skip: set[int] = set()

    def mark(node: ast.AST) -> None:
        skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                mark(first)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
            if (name in LOG_CALLS and isinstance(receiver, ast.Name)
                    and receiver.id in {"log", "logger", "logging", "warnings"}):
                mark(node)
            if name in TRANSLATED or name in DECLARATIONS or name in NOT_TEXT_CALLS:
                mark(node)
            for kw in node.keywords:
                if kw.arg in NOT_TEXT_KWARGS or (kw.arg or "").startswith("data_"):
                    mark(kw.value)
            if name == "tag" and node.args:
                mark(node.args[0])
        if isinstance(node, ast.ClassDef) and any(
                _name(b) in {"Choice", "Answer"} or _name(b).endswith("Choice")
                for b in node.bases):
            for stmt in node.body:
                if isinstance(stmt, ast.Assign):
                    mark(stmt)
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            mark(node)
        if isinstance(node, ast.Compare):
            mark(node)
        if isinstance(node, ast.Subscript):
            mark(node.slice)
        if isinstance(node, ast.Dict):
            for k in node.keys:
                if k is not None:
                    mark(k)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant):
            continue
        if (not isinstance(node.value, str) or not WORDS.search(node.value)
                or SQL.match(node.value) or node.value.startswith("<")):  # markup
            continue
        span = lines[max(node.lineno - 2, 0):node.end_lineno]
        if any("# i18n:" in line for line in span):
            continue
        found.append((node.lineno, node.value))
    return sorted(found)
