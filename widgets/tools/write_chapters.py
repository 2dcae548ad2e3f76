"""The opening of each step notebook, written from the step declaration.

A researcher opening ``notebooks/`` in JupyterLab reads, before running anything, what the
step is for, how the app uses it and how to run the notebook. That text is a Markdown cell
(readable unexecuted, on any viewer, and in diffs) generated from ``model.steps``, so it
cannot drift: ``python widgets/tools/write_chapters.py`` rewrites the cells, ``--check`` (and a
test) fails when a declaration changed and the notebooks were not regenerated.

The cell carries the tag ``hide-in-app``: the app's Voilà template leaves it out, because the
app page already shows the step's purpose and notes where the facilitator needs them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from circlekit.content.guidance import RECORDS_AND_RISK, SHOWN_ON
from circlekit.i18n import language
from circlekit.model.steps import ALL_STEPS, PARTS, STEPS, Step

TAG = "hide-in-app"  # the Voilà template skips cells with this tag
CELL_ID = "chapter"


def title(step: Step) -> str:
    return f"Step {step.number}: {step.title}" if step in STEPS else step.title


def _groups(step: Step) -> list[str]:
    specs = {f.name: f for f in step.fields()}
    lines = []
    for group in step.groups:
        labels = ", ".join(f"{specs[n].label}{' (private)' if specs[n].private else ''}"
                           for n in group.fields)
        lines.append(f"- **{group.title}**: {labels}")
    return lines


def step_chapter(step: Step) -> str:
    """The Markdown that opens ``step``'s notebook (always in English, the source language)."""
    with language("en"):
        lines = [f"# {title(step)}", "", step.purpose, "", "## How the app uses it", "",
                 "In the facilitator app this notebook is one circle's workspace opened at this "
                 "step: the circle comes from the page address (`?circle=…`), and every change "
                 "is saved as it is typed. The form asks, in this order:", ""]
        lines += _groups(step)
        for part in (p for p in PARTS if p.notebook == step.notebook):
            lines += ["", f"Further down the page, *{part.title}*: {part.purpose}", ""]
            lines += _groups(part)
        lines += ["", "Fields marked *private* appear in someone else's take-home copy or "
                  "report only if the people they belong to chose to share them."]
        if step.key in SHOWN_ON:
            lines += ["", f"Above the form the page shows *{RECORDS_AND_RISK.title}*: what "
                      "anything written down can cost the people in the circle."]
        lines += ["", "## Facilitator notes", ""]
        lines += [f"- {note}" for note in step.facilitator_notes]
        lines += ["", "## How to run it", "",
                  "- **In the app (Voilà)**: `make app`, then open the circle from the start "
                  "page. The code cells are hidden; this text is not shown there.",
                  "- **In JupyterLab**: set `circle_id` (and `data_dir`, if the data is not in "
                  "the usual folder) in the cell tagged `parameters`, then run all cells.",
                  "- **With papermill**, as a static report without widgets: "
                  f"`papermill {step.notebook} out.ipynb -p circle_id ID -p report True`. "
                  "The report holds only what everyone in the circle chose to share; "
                  "`-p reader ALIAS` makes it the copy that one person may see."]
        if step.key == "debrief":
            lines[-1] = (f"- **With papermill**: `papermill {step.notebook} out.ipynb -p "
                         "circle_id ID` checks that the page builds. The debrief is the "
                         "facilitator's alone, so it never becomes a report: `-p report True` "
                         "says so instead.")
        elif step.key == "safety_plan":
            lines[-1] += (" A safety plan appears only in its holder's own report "
                          "(`-p reader` set to them).")
    return "\n".join(lines)


def chapter_cell(step: Step) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": CELL_ID, "metadata": {"tags": [TAG]},
            "source": step_chapter(step)}


def _path(folder: Path, step: Step) -> Path:
    return folder / step.notebook


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def stale(folder: Path) -> list[str]:
    """The step notebooks whose opening cell is not the one their declaration gives."""
    return [s.notebook for s in ALL_STEPS
            if (_read(_path(folder, s))["cells"] or [{}])[0] != chapter_cell(s)]


def write(folder: Path) -> list[str]:
    """Put the generated opening cell first in every step notebook; returns those changed."""
    changed = []
    for step in ALL_STEPS:
        path = _path(folder, step)
        nb = _read(path)
        cells = [c for c in nb["cells"] if c.get("id") != CELL_ID]
        if nb["cells"] != [chapter_cell(step), *cells]:
            nb["cells"] = [chapter_cell(step), *cells]
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            changed.append(step.notebook)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("notebooks"))
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail if a notebook's opening is out of date")
    args = parser.parse_args(argv)
    if args.check:
        out = stale(args.folder)
        if out:
            print("out of date (run python widgets/tools/write_chapters.py):", ", ".join(out))
        return 1 if out else 0
    for name in write(args.folder):
        print("rewrote", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
