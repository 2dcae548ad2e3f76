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


def test_licence_is_shipped_with_the_package() -> None:
    assert (ROOT / "LICENSE").read_text() == (ROOT / "widgets" / "LICENSE").read_text()
    project = tomllib.loads((ROOT / "widgets" / "pyproject.toml").read_text())["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert "AFFERO GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()


def test_lock_file_pins_every_dependency() -> None:
    """requirements.lock (``make relock``) pins, with hashes, every declared dependency."""
    project = tomllib.loads((ROOT / "widgets" / "pyproject.toml").read_text())["project"]
    declared = {_normalise(r)[0] for r in project["dependencies"]}
    # The hub extra goes into the organisation's own server install (make hub-install), not
    # into the development environment this lock file sets up.
    declared |= {_normalise(r)[0] for name, extra in project["optional-dependencies"].items()
                 if name != "hub" for r in extra}
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {m.group(1).lower().replace("_", "-")
              for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==", lock, re.M)}
    assert declared <= pinned, declared - pinned
    assert "--hash=sha256:" in lock
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r $(LOCKFILE)" in makefile and "--no-deps -e widgets" in makefile


def test_makefile_runs_the_console_script_and_the_type_checker() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "$(CLI) app" in makefile and "-m mypy" in makefile
    scripts = tomllib.loads((ROOT / "widgets" / "pyproject.toml").read_text())["project"][
        "scripts"]
    assert scripts["circle-notebooks"] == "circlekit.cli:main"


def test_the_readme_and_the_book_name_every_step_of_a_circle() -> None:
    """Their first lines are where people learn the process: no step left out, none added."""
    from circlekit.model import STEPS

    readme = " ".join((ROOT / "README.md").read_text().split("\n\n")[1].split()).lower()
    intro = (ROOT / "book" / "intro.md").read_text()
    listed = re.findall(r"^\d+\. \*\*(?:A )?([^*:]+)", intro, re.M)
    for step in STEPS:
        assert step.title.lower() in readme, step.title
    assert [t.lower() for t in listed] == [s.title.lower() for s in STEPS]
    assert f"{len(STEPS)} steps" in readme.replace("eight", "8")


def test_the_readme_lists_the_workspace_s_steps_as_the_stepper_does() -> None:
    """"Using the app" names each step, in order and with its number, and every entry after
    the steps: the docs cannot drift from the step declarations."""
    import re

    from circlekit.model import ALL_STEPS, STEPS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    using = readme[readme.index("## Using the app"):readme.index("**What a circle keeps")]
    listed = re.findall(r"^(\d+)\. \*\*([^*]+)\*\*", using, re.MULTILINE)
    assert listed == [(str(s.number), s.title) for s in STEPS]
    after = [s.title for s in ALL_STEPS if s not in STEPS]
    assert after and all(f"**{title}**" in using for title in after), after
