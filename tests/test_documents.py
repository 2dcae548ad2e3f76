"""Take-home documents in every format say what the circle agreed and nothing private."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import papermill
import pytest
from docx import Document as Docx
from pydantic import BaseModel
from pypdf import PdfReader

from circlekit.export import DOCUMENTS, FORMATS, build_document, render
from circlekit.model import Circle, Language, Role, SafetySituation, Service
from circlekit.model.privacy import copy_for
from circlekit.practice import SCENARIOS, practice_circle

ROOT = Path(__file__).resolve().parent.parent


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skip = tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(data: bytes, fmt: str) -> str:
    """What a reader of the file sees, whitespace folded (PDF lines wrap anywhere)."""
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        raw = " ".join(parser.parts)
    elif fmt == "pdf":
        raw = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    else:
        doc = Docx(io.BytesIO(data))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        raw = " ".join([p.text for p in doc.paragraphs] + cells)
    return " ".join(raw.split())


def practice(language: str = "en") -> Circle:
    circle = practice_circle(SCENARIOS[0].key)
    harmed = circle.harmed_parties()[0]
    circle.safety_plan.append(SafetySituation(
        holder=harmed.id, situation="He waits outside the drop-in after closing",
        warning_signs="Messages late at night", what_to_do="Leave by the side door",
        who_to_call="Private friend Quillon", safe_places="Private refuge Zembla",
        services=[Service.SHELTER, Service.OST]))
    circle.language = Language(language)
    return Circle.model_validate(circle.model_dump())


def private_values(circle: Circle, reader: str) -> list[str]:
    """The words of every private detail a copy for ``reader`` leaves out."""
    shown = copy_for(circle, reader).circle.model_dump_json()
    aliases = {p.alias for p in circle.participants}  # shown anyway, e.g. as a signer
    found = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif (isinstance(value, str) and len(value) > 3 and value not in aliases
              and json.dumps(value)[1:-1] not in shown):
            found.append(" ".join(value.split())[:40])

    walk(circle)
    return found


@pytest.fixture(scope="module")
def circle() -> Circle:
    return practice()


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_document_shows_the_rows_and_leaves_private_out(circle: Circle, kind: str,
                                                        fmt: str) -> None:
    reader = circle.harmed_parties()[0].id if kind == "safety_plan" else next(
        p.id for p in circle.participants if Role.CAUSED in p.roles)
    doc = build_document(circle, kind, reader)
    text = text_of(render(doc, fmt), fmt)
    secrets = private_values(circle, reader)
    assert secrets, "the practice circle should have private details to leave out"
    leaked = [s for s in secrets if s in text]
    assert not leaked, f"private details in the {kind} {fmt}: {leaked}"
    assert f"For {circle.alias(reader)}" in text  # every copy names its one reader
    # Every document says what it left out, or that it left nothing out.
    assert ("Left out of this copy" if doc.left_out
            else "Nothing private was left out") in text
    if kind == "agreement":
        for item in circle.agreement:
            assert " ".join(item.action.split())[:60] in text
            for s in item.signoffs:
                assert circle.alias(s.participant) in text
        answers = [e.value for sec in doc.sections for b in sec.blocks for e in b.entries
                   if e.label == "Needs it answers"]
        for need in circle.needs:  # a shared need by its kind; a private one never
            assert any(need.category.label in a for a in answers) != need.private
        assert any("a need kept private" in a for a in answers)
        assert "Sign-offs" in text
    if kind == "safety_plan":
        assert "He waits outside the drop-in after closing" in text
        assert "Leave by the side door" in text
        assert "A shelter that accepts women who use drugs" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_safety_plan_goes_only_to_its_holder_with_everything_in_it(fmt: str) -> None:
    circle = practice()
    holder = circle.harmed_parties()[0]
    text = text_of(render(build_document(circle, "safety_plan", holder.id), fmt), fmt)
    assert "Private friend Quillon" in text and "Private refuge Zembla" in text
    for p in circle.participants:
        p.shares_private = True  # even when everyone shares, nobody else gets the plan
    for other in circle.participants:
        if other.id != holder.id:
            text = text_of(render(build_document(circle, "safety_plan", other.id), fmt), fmt)
            assert "He waits outside" not in text and "Quillon" not in text


@pytest.mark.parametrize("language,title,label", [
    ("ru", "Договорённость о восстановлении", "Что будет сделано"),
    ("es", "Acuerdo de reparación", "Qué se hará"),
    ("uk", "Домовленість про відновлення", "Що буде зроблено"),
    ("fr", "Accord de réparation", "Ce qui sera fait"),
])
def test_pdf_speaks_the_circle_language(language: str, title: str, label: str) -> None:
    circle = practice(language)
    doc = build_document(circle, "agreement", circle.participants[0].id)
    text = text_of(render(doc, "pdf"), "pdf")
    assert title in text and label in text


def test_user_text_cannot_inject_markup() -> None:
    circle = practice()
    circle.agreement[0].action = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    html = render(build_document(circle, "agreement", circle.participants[0].id), "html").decode()
    assert "<img src=x" not in html and "<script>" not in html
    assert "&lt;img src=x" in html


def test_safety_plan_notebook_prints_the_entered_situations(data_dir: Path,
                                                            tmp_path: Path) -> None:
    from circlekit.store import open_store

    circle = practice()
    with open_store(data_dir) as store:
        store.create(circle)
    out = tmp_path / "07.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "07_safety_plan.ipynb"), str(out),
        cwd=str(ROOT / "notebooks"), kernel_name="python3", progress_bar=False,
        parameters={"circle_id": circle.id, "data_dir": str(data_dir),
                    "show_printable": True, "plan_for": circle.harmed_parties()[0].alias})
    outputs = [o for c in json.loads(out.read_text())["cells"] for o in c.get("outputs", [])]
    html = " ".join("".join(o["data"]["text/html"]) for o in outputs
                    if "text/html" in o.get("data", {}))
    assert "He waits outside the drop-in after closing" in html
    assert "Leave by the side door" in html
    assert "Private refuge Zembla" in html  # the holder's own copy holds everything
    assert not [o for o in outputs if o.get("output_type") == "error"]
