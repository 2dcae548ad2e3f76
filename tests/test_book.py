"""The Jupyter Book: built offline and strictly, with every case and step, and hostile case
text rendered as text."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from xss import PAYLOADS, hostile_cases, injected, shape

from circlekit.content.casestudies import load_cases
from circlekit.model import STEPS

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
           '<b id="injected">b</b> $x^2$ {eval}`1+1` [link](javascript:alert(1))')


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("book")
    cases = tmp / "cases"
    shutil.copytree(ROOT / "casestudies", cases)
    source = (cases / "sisterspace-vancouver.md").read_text(encoding="utf-8")
    _, front, _body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(id="hostile", title=PAYLOAD, organisation=PAYLOAD, summary=PAYLOAD,
                questions=[PAYLOAD],
                translations={code: {"content_note": PAYLOAD, "questions": [PAYLOAD]}
                              for code in meta.get("translations", {})})
    (cases / "hostile.md").write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + PAYLOAD + "\n\n**"
        + PAYLOAD + "**\n", encoding="utf-8")
    hostile_cases(cases, ROOT / "casestudies" / "sisterspace-vancouver.md")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "book" / "build.py"), "--cases",
                             str(cases), "--out", str(tmp / "out")],
                            capture_output=True, text=True, timeout=900)
    print(f"book build: {time.perf_counter() - started:.1f} s")
    assert result.returncode == 0, (result.stdout[-4000:], result.stderr[-4000:])
    return tmp / "out" / "_build" / "html"


def test_every_case_study_has_a_page_with_its_title(built: Path) -> None:
    for case in load_cases(ROOT / "casestudies"):
        page = built / "_generated" / "cases" / f"case-{case.id}.html"
        text = "".join(parse(page).text)
        assert case.title in text
        assert case.quotes[0].text[:60] in " ".join(text.split())
        assert case.questions[0][:40] in text
        if case.content_note:
            assert text.index("Content note") < text.index(case.summary[:30])
    index = "".join(parse(built / "_generated" / "cases" / "index.html").text)
    assert "By region" in index and "By theme" in index and "By strategy" in index


def test_every_step_has_a_guide_page_from_its_declaration(built: Path) -> None:
    for step in STEPS:
        text = "".join(parse(built / "_generated" / "guide" / f"{step.key}.html").text)
        assert f"Step {step.number}: {step.title}" in text
        assert step.facilitator_notes[0][:40] in " ".join(text.split())
        for spec in step.fields():
            assert spec.label in text


def test_worked_example_and_notebooks_are_static(built: Path) -> None:
    example = built / "_generated" / "notebooks" / "30_worked_example.html"
    parsed = parse(example)
    images = [a for t, a in parsed.tags if t == "img"
              and (a.get("src") or "").startswith("data:image/png")]
    assert len(images) >= 3  # harm map, pod map, progress chart
    assert "Repair agreement (preview)" in "".join(parsed.text)
    # A content note comes before the first account of the harm.
    text = " ".join("".join(parsed.text).split())
    assert 0 <= text.find("Content note:") < text.find("What happened, who caused it")
    chapter = parse(built / "_generated" / "notebooks" / "40_research.html")
    research = "".join(chapter.text)
    assert "Emotional or psychological harm" in research
    assert "Who is left out, and why" in research and "how to read a hidden cell" in research
    assert len([a for t, a in chapter.tags if t == "img"]) >= 4  # a picture per frame
    assert "Filler" not in research and "River" not in research


def test_no_page_loads_scripts_or_styles_from_outside_the_book(built: Path) -> None:
    outside = []
    for page in built.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            url = (attrs.get("src") if tag in ("script", "img", "iframe") else
                   attrs.get("href") if tag == "link" else None) or ""
            if url.startswith(("http:", "https:", "//")):
                outside.append((page.name, tag, url))
    assert not outside


def test_every_payload_in_the_book_renders_as_text(built: Path) -> None:
    """58 case pages, each hostile in every field, have the elements of a plain case page."""
    plain = (built / "_generated" / "cases" / "case-sisterspace-vancouver.html").read_text()
    ours = set(injected(plain))
    problems = []
    for i in range(len(PAYLOADS)):
        markup = (built / "_generated" / "cases" / f"case-hostile-{i}.html").read_text()
        bad = [b for b in injected(markup) if b not in ours]
        bad += [f"new element {e}" for e in set(shape(markup)) - set(shape(plain))]
        if bad:
            problems.append((i, bad[:3]))
    assert problems == []


def test_markup_in_a_case_study_renders_as_text(built: Path) -> None:
    page = built / "_generated" / "cases" / "case-hostile.html"
    parsed = parse(page)
    assert not [a for _, a in parsed.tags if a.get("id") == "injected"]
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert not [a for t, a in parsed.tags if t == "a"
                and (a.get("href") or "").startswith("javascript")]
    assert "<script>window.__pwned=2</script>" in "".join(parsed.text)
    assert not [t for t, _ in parsed.tags if t == "math"]
    assert "$x^2$" in "".join(parsed.text)
