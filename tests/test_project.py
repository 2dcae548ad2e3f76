"""Project hygiene: clean notebooks, dependencies in sync (layers: test_layers.py)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets" / "circlekit"


def committed_notebooks() -> list[Path]:
    return [p for p in ROOT.rglob("*.ipynb")
            if not any(part.startswith(".") or part in {"_build", "artifacts"}
                       for part in p.relative_to(ROOT).parts)]


def test_there_are_notebooks() -> None:
    assert (ROOT / "notebooks" / "00_start.ipynb") in committed_notebooks()


def test_no_notebook_carries_outputs_or_execution_counts() -> None:
    dirty = []
    for path in committed_notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
                dirty.append(path.relative_to(ROOT))
                break
    assert not dirty, f"clear outputs before committing: {dirty}"


def _normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()  # type: ignore[union-attr]
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_matches_the_package_dependencies() -> None:
    project = tomllib.loads((ROOT / "widgets" / "pyproject.toml").read_text())["project"]
    wanted = {_normalise(r) for r in project["dependencies"]}
    wanted |= {_normalise(r) for extra in project["optional-dependencies"].values()
               for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_normalise(d) for d in env["dependencies"] if isinstance(d, str)}
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda |= {_normalise(d) for d in pip if not d.startswith("-e")}
    conda -= {n for n in conda if n[0] in {"python", "pip"}}
    assert conda == wanted, {"only in environment.yml": conda - wanted,
                             "only in pyproject.toml": wanted - conda}


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make app" in readme
