"""Build the Jupyter Book offline and strictly.

1. Stage the book's own pages in a temporary folder.
2. Generate the facilitator guide from the step declarations and one page per case study
   (every value from a case file escaped, so it can only ever be text).
3. Execute the worked example, the case overview and the research chapter with papermill on
   fictional data.
4. Run ``jupyter-book build -W -n``: any warning or broken reference fails the build.

Usage: python book/build.py [--cases DIR] [--out DIR]   (default out: book/, html in
book/_build/html).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from circlekit.content.casestudies import (
    KINDS,
    POPULATIONS,
    SERVICES,
    STRATEGIES,
    THEMES,
    CaseStudy,
    load_cases,
)
from circlekit.content.guidance import RECORDS_AND_RISK
from circlekit.content.legal import ELSEWHERE, NOT_ADVICE, OURS, UNCLEAR, legal_notes
from circlekit.i18n import LANGUAGES, _, language
from circlekit.model import ALL_STEPS, PARTS, STEPS, Step

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent
NOTEBOOKS = ROOT / "notebooks"
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def md(text: object) -> str:
    """Plain text for Markdown: every ASCII punctuation mark backslash-escaped, so no HTML,
    role, directive, link or math can come out of it."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def md_prose(text: str) -> str:
    """Paragraphs and **bold** kept; everything else escaped."""
    paragraphs = []
    for p in re.split(r"\n\s*\n", text.strip()):
        pieces = _BOLD.split(" ".join(p.split()))
        paragraphs.append("".join(f"**{md(x)}**" if i % 2 else md(x)
                                  for i, x in enumerate(pieces)))
    return "\n\n".join(paragraphs)


def labels(values: list[str], names: dict[str, str]) -> str:
    return md(", ".join(names.get(v, v) for v in values)) or "—"


def question_tables(step: Step, level: str) -> list[str]:
    """A table per group of ``step``'s form: each question, its help, and whether private."""
    fields = {f.name: f for f in step.fields()}
    lines = []
    for group in step.groups:
        lines += [f"{level} {md(group.title)}", "",
                  "| Question | What to ask or enter | Private by default |",
                  "| --- | --- | --- |"]
        for name in group.fields:
            f = fields[name]
            lines.append(f"| {md(f.label)} | {md(f.help) or '—'} | "
                         f"{'yes' if f.private else 'no'} |")
        lines.append("")
    return lines


def guide_pages(out: Path) -> None:
    out.mkdir(parents=True)
    index = ["# The facilitator guide", "",
             "One page per step, generated from the same declarations the app's forms use, so "
             "the guide and the app always ask the same questions.", ""]
    for step in ALL_STEPS:
        numbered = step in STEPS
        index.append(f"{step.number if numbered else '-'}{'.' if numbered else ''} "
                     f"{{ref}}`step-{step.key}`")
        title = f"Step {step.number}: {md(step.title)}" if numbered else md(step.title)
        lines = [f"(step-{step.key})=", f"# {title}", "",
                 md(step.purpose), "", ":::{admonition} Facilitator notes", ":class: tip"]
        lines += [f"- {md(n)}" for n in step.facilitator_notes] + [":::", ""]
        lines += question_tables(step, "##")
        # Lists of rows the same page holds (follow-up's goals), after the step's own.
        for part in (p for p in PARTS if p.notebook == step.notebook):
            lines += [f"## {md(part.title)}", "", md(part.purpose), "",
                      ":::{admonition} Facilitator notes", ":class: tip"]
            lines += [f"- {md(n)}" for n in part.facilitator_notes] + [":::", ""]
            lines += question_tables(part, "###")
        cases = [c for c in CASES if step.key in c.steps]
        if cases:
            lines += ["## Case studies that illustrate this step", ""]
            lines += [f"- {{ref}}`case-{c.id}`" for c in cases]
        (out / f"{step.key}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index.append("- {ref}`records-and-risk`")
    (out / "records.md").write_text(records_page(), encoding="utf-8")
    index.append("- {ref}`legal-notes`")
    (out / "legal.md").write_text(legal_page(), encoding="utf-8")
    (out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")


NATIVE = {"en": "English", "es": "Español", "fr": "Français", "ru": "Русский",
          "uk": "Українська"}


def records_page() -> str:
    """The legal-risk guidance the app shows, in every language the app speaks."""
    g = RECORDS_AND_RISK
    lines = ["(records-and-risk)=", f"# {md(g.title)}", "",
             "The app shows this on the setup, harm-mapping and safety-plan pages, in the "
             "circle's language. Seizure, subpoenas and passphrases are covered for "
             "maintainers in `SECURITY.md`.", ""]
    for code in LANGUAGES:
        with language(code):
            lines += [f"## {md(NATIVE[code])}: {md(_(g.title))}", "", md(_(g.intro)), ""]
            lines += [f"- {md(_(p))}" for p in g.points] + [""]
    return "\n".join(lines)


def legal_page() -> str:
    """The legal notes by place that setup shows, each statement with its source and date."""
    lines = ["(legal-notes)=", "# The law where a circle meets", "",
             "Setup asks where the circle meets and shows that place's note, in the circle's "
             "language. These notes are kept as data in `widgets/circlekit/content/legal/`, "
             "one file per place; each statement names the public text it rests on and the "
             "date it was last checked against it.", "",
             f"*{md(NOT_ADVICE)}*", ""]
    for place, note in legal_notes().items():
        lines += [f"## {md(place.source_label)}", ""]
        for st in note.statements:
            marks = [OURS] if st.ours else []
            marks += [UNCLEAR] if st.unclear else []
            extra = f" *{md(' '.join(marks))}*" if marks else ""
            lines += [f"- {md(st.text)}{extra} Source: [{md(st.source)}]({st.url}), "
                      f"checked {st.checked.isoformat()}."]
        lines.append("")
    lines += ["## Anywhere else", "", md(ELSEWHERE), ""]
    return "\n".join(lines)


def case_page(case: CaseStudy) -> str:
    lines = [f"(case-{case.id})=", f"# {md(case.title)}", ""]
    if case.content_note:
        lines += [":::{admonition} Content note", ":class: warning", md(case.content_note),
                  ":::", ""]
    facts = [("Organisation", md(case.organisation)),
             ("Website", f"<{case.website}>" if case.website else ""),
             ("Where", md(case.where)),
             ("Kind", md(KINDS[case.kind])),
             ("Populations", labels(case.populations, POPULATIONS)),
             ("Strategies", labels(case.strategies, STRATEGIES)),
             ("Called for", labels(case.demands, STRATEGIES)),
             ("Services", labels(case.services, SERVICES)),
             ("Themes", labels(case.themes, THEMES))]
    lines += [f"**{k}:** {v}  " for k, v in facts if v] + ["", f"*{md(case.dated_note(False))}*",
                                                            "", f"*{md(case.summary)}*", "",
                                                            md_prose(case.narrative), "",
                                                            "## In the source's words", ""]
    for q in case.quotes:
        lines += [f"> {md(q.text)}", ""]
        if q.translation:
            by = md(q.translation_by or "unattributed")
            lines += [f"*English translation \\({by}\\):* {md(q.translation)}", ""]
    src = case.source
    when = src.published.strftime("%-d %B %Y") if src.published else "undated"
    lines += [f"Source: {md(src.document)}. {md(src.publisher)}, {when}.", "",
              "## Process steps it illustrates", ""]
    lines += [f"- {{ref}}`step-{s.key}`" for s in STEPS if s.key in case.steps]
    lines += ["", "## Questions for discussion", ""]
    lines += [f"{i}. {md(q)}" for i, q in enumerate(case.questions, 1)]
    return "\n".join(lines) + "\n"


def case_pages(out: Path) -> None:
    out.mkdir(parents=True)
    for case in CASES:
        (out / f"case-{case.id}.md").write_text(case_page(case), encoding="utf-8")
    index = ["# Case studies", "",
             "Community responses and organisational statements, each told from its source, "
             "with quotations marked and discussion questions for educators.", ""]
    for title, key, names in [("By region", "region", None), ("By theme", "themes", THEMES),
                              ("By strategy", "strategies", STRATEGIES),
                              ("Called for (demands, counted apart)", "demands", STRATEGIES)]:
        index += [f"## {title}", ""]
        groups: dict[str, list[CaseStudy]] = {}
        for c in CASES:
            values = getattr(c, key)
            for v in values if isinstance(values, list) else [values]:
                groups.setdefault((names or {}).get(v, v), []).append(c)
        for label in sorted(groups):
            refs = ", ".join(f"{{ref}}`case-{c.id}`" for c in groups[label])
            index.append(f"- **{md(label)}**: {refs}")
        index.append("")
    (out / "index.md").write_text("\n".join(index), encoding="utf-8")


def run_notebooks(out: Path, cases_dir: Path) -> None:
    out.mkdir(parents=True)
    runs = [("30_worked_example", {}, None),
            ("10_case_explorer", {"cases_dir": str(cases_dir), "static": True},
             "# The case library at a glance\n\nThe interactive explorer in the app filters "
             "these cases by country, region, kind, population, strategy and service."),
            ("40_research", {}, None)]  # its own worked example of made-up circles
    for name, params, title in runs:
        t = time.perf_counter()
        target = out / f"{name}.ipynb"
        papermill.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(target),
                                   parameters=params, cwd=str(NOTEBOOKS), kernel_name="python3",
                                   progress_bar=False)
        nb = nbformat.read(target, as_version=4)
        for cell in nb.cells:  # readers see what the code shows, not the code
            if cell.cell_type == "code":
                cell.metadata.setdefault("tags", []).append("remove-input")
        if title:  # app pages carry their title in the page itself; the book needs one
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(title))
        nbformat.write(nb, target)
        print(f"  executed {name} in {time.perf_counter() - t:.1f} s", flush=True)


CASES: list[CaseStudy] = []


def build(cases_dir: Path, out: Path) -> int:
    started = time.perf_counter()
    CASES[:] = load_cases(cases_dir)
    with tempfile.TemporaryDirectory(prefix="circle-book-") as tmp:
        stage = Path(tmp) / "book"
        shutil.copytree(BOOK, stage, ignore=shutil.ignore_patterns("_build", "build.py",
                                                                    "__pycache__"))
        # contributing.md includes the case-study README from beside the book.
        (stage.parent / "casestudies").mkdir()
        shutil.copy(ROOT / "casestudies" / "README.md", stage.parent / "casestudies")
        generated = stage / "_generated"
        print("generating the guide and case pages", flush=True)
        guide_pages(generated / "guide")
        case_pages(generated / "cases")
        print("executing notebooks", flush=True)
        run_notebooks(generated / "notebooks", cases_dir)
        print("building (warnings are errors)", flush=True)
        result = subprocess.run(
            [str(Path(sys.executable).parent / "jupyter-book"), "build", str(stage),
             "--path-output",
             str(out), "-W", "-n", "--keep-going"], check=False)
    print(f"book built in {time.perf_counter() - started:.1f} s" if result.returncode == 0
          else "the book build failed (see the warnings above)")
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "casestudies")
    parser.add_argument("--out", type=Path, default=BOOK)
    args = parser.parse_args()
    return build(args.cases, args.out)


if __name__ == "__main__":
    sys.exit(main())
