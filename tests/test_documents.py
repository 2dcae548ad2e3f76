"""Take-home documents in every format say what the circle agreed and nothing private."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import papermill
import pytest
from docx import Document as Docx
from pydantic import BaseModel
from readers import text_of

from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.export import DOCUMENTS, FORMATS, build_document, render
from circlekit.model import Circle, Language, Progress, Role, SafetySituation, Service
from circlekit.model.privacy import copy_for
from conftest import ipc_kernel_manager

ROOT = Path(__file__).resolve().parent.parent


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
        cwd=str(ROOT / "notebooks"), kernel_name="python3",
        kernel_manager_class=ipc_kernel_manager(), progress_bar=False,
        parameters={"circle_id": circle.id, "data_dir": str(data_dir),
                    "show_printable": True, "plan_for": circle.harmed_parties()[0].alias})
    outputs = [o for c in json.loads(out.read_text())["cells"] for o in c.get("outputs", [])]
    html = " ".join("".join(o["data"]["text/html"]) for o in outputs
                    if "text/html" in o.get("data", {}))
    assert "He waits outside the drop-in after closing" in html
    assert "Leave by the side door" in html
    assert "Private refuge Zembla" in html  # the holder's own copy holds everything
    assert not [o for o in outputs if o.get("output_type") == "error"]


LONG_ACTION = ("Jay writes to every volunteer who heard the rumour, in words Mira reads first, "
               "and reads it in the next volunteers' meeting with Ben beside him")


def headings(data: bytes, fmt: str) -> list[str]:
    """The item headings (level 3 in HTML, level 2 in Word) a reader sees; the PDF is laid
    out from the same HTML."""
    if fmt == "docx":
        return [p.text for p in Docx(io.BytesIO(data)).paragraphs
                if p.style.name == "Heading 2"]
    return [m.strip() for m in re.findall(r"<h3>(.*?)</h3>", data.decode("utf-8"))]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", ["agreement", "needs", "follow_up", "harm_map"])
def test_item_headings_are_whole_and_their_text_is_said_once(kind: str, fmt: str) -> None:
    """A heading is a whole value of its row (an action, a kind, a date), never a text cut
    mid-word and then repeated in full below it; and it names the row, not just a number."""
    circle = practice()
    circle.agreement[1].action = LONG_ACTION  # cut at 70 characters, this was "…reads it in"
    reader = circle.harmed_parties()[0].id
    doc = build_document(circle, kind, reader)
    data = render(doc, fmt)
    text = text_of(data, fmt)
    blocks = [b for s in doc.sections[:1] for b in s.blocks]
    assert blocks
    for block in blocks:
        number, _sep, name = block.title.partition(" ")
        # A harm is numbered only: its kinds are a list, and nothing else may head it (a
        # person would read as an accusation, its account is private).
        assert number.rstrip(".").isdigit() and (name or kind == "harm_map"), \
            f"{block.title!r} names nothing"
        if not name:
            assert any(e.label == "Kinds of harm" for e in block.entries)  # none dropped
            continue
        values = [e.value for e in block.entries]
        # ("Safety: “…”" quotes a need: the heading is its whole kind, not a text cut short)
        assert not any(v.startswith(name) and v != name and v[len(name)] not in ":,;"
                       for v in values), f"{name!r} is a value cut short"
    for item in circle.agreement if kind == "agreement" else []:
        assert text.count(" ".join(item.action.split())) == 1
    if fmt != "pdf":
        shown = headings(data, fmt)
        assert len(shown) >= len(blocks)
        for heading in shown[:len(blocks)]:
            name = heading.partition(" ")[2]
            assert not (name and LONG_ACTION.startswith(name)) or name == LONG_ACTION


def test_references_to_an_agreement_item_end_between_words() -> None:
    circle = practice()
    # Its first 40 characters end inside "the", as "…who heard t" did.
    circle.agreement[1].action = ("Jay writes to each volunteer who heard the rumour, in words "
                                  "Mira reads first")
    doc = build_document(circle, "follow_up", circle.harmed_parties()[0].id)
    progress = [e.value for s in doc.sections for b in s.blocks for e in b.entries
                if e.label == "Progress per item"]
    assert progress
    words = {w for a in circle.agreement for w in a.action.split()}
    for value in progress:
        for word in value.replace(";", " ").replace(",", " ").split():
            assert (word in words or word.rstrip(",") in words or word == "…"
                    or word.rstrip(".").isdigit() or word in {p.label for p in Progress}
                    or any(word in p.label.split() for p in Progress)), word


@pytest.mark.parametrize("language,names", [
    # Each copy named for its person, as its first line says: two people's copies do not mix.
    ("en", ("repair-agreement-for-mira", "safety-plan-for-mira")),
    ("es", ("acuerdo-de-reparación-para-mira", "plan-de-seguridad-para-mira")),
    ("fr", ("accord-de-réparation-pour-mira", "plan-de-sécurité-pour-mira")),
    ("ru", ("договорённость-о-восстановлении-для-mira", "план-безопасности-для-mira")),
])
def test_download_names_are_in_the_circle_language(language: str, names: tuple) -> None:
    from circlekit.views.documents import DocumentsPanel

    circle = practice(language)
    holder = circle.harmed_parties()[0].id
    assert build_document(circle, "agreement", holder).filename == names[0]
    assert build_document(circle, "safety_plan", holder).filename == names[1]
    for kind in DOCUMENTS:
        name = build_document(circle, kind, holder).filename
        assert re.fullmatch(r"[^\W_]+(-[^\W_]+)*", name), name  # no dot, slash or space
    panel = DocumentsPanel(lambda: circle, "agreement")
    panel.reader.value = holder
    made = panel.prepare()
    assert made and f'download="{names[0]}.pdf"' in panel.links.value


def test_a_file_name_holds_nothing_a_file_system_could_misread() -> None:
    from circlekit.export.build import file_name

    assert file_name("../../etc/passwd: C:\\a b?*") == "etc-passwd-c-a-b"
    assert file_name("Accord de réparation") == "accord-de-réparation"
    assert file_name("...") == "document"


def test_every_picture_in_a_document_is_described() -> None:
    circle = practice()
    for kind in ("harm_map", "follow_up"):
        html = render(build_document(circle, kind, circle.harmed_parties()[0].id),
                      "html").decode("utf-8")
        alts = re.findall(r"<img [^>]*?alt=\"([^\"]*)\"", html)
        assert len(alts) == html.count("<img ") == 1
        assert alts[0].strip() and ("1 harm" in alts[0] or "1 check-in" in alts[0])


def test_no_label_in_any_copy_says_what_an_example_would_disclose() -> None:
    """A kind of harm is printed beside the person affected in other people's copies: its
    label names the kind only, in every language; examples live in the form's help."""
    import enum

    from circlekit.i18n import LANGUAGES
    from circlekit.model import Affected, Directness, Harm, HarmType, Participant, incident, vocab

    for member in (m for module in (vocab, incident) for c in vars(module).values()
                   if isinstance(c, type) and issubclass(c, enum.Enum) for m in c):
        label = getattr(member, "source_label", "")
        assert "e.g." not in label and "for example" not in label, label
    ana = Participant(alias="Ana", roles=[Role.HARMED])
    bo = Participant(alias="Bo", roles=[Role.HARMED])
    circle = Circle(title="Outing", participants=[ana, bo], harms=[Harm(
        harm_types=[HarmType.PRIVACY],
        affected=[Affected(participant=ana.id, directness=Directness.DIRECT)])])
    for lang in LANGUAGES:
        circle.language = Language(lang)
        text = render(build_document(circle, "harm_map", bo.id), "html").decode()
        for example in ("HIV", "VIH", "ВИЧ", "ВІЛ"):
            assert example not in text, (lang, example)


@pytest.mark.parametrize("shape", ["words", "no space"])
def test_the_longest_answer_fits_every_format(shape: str) -> None:
    """50,000 characters (the most a field takes) come out whole; a word with no space is
    broken across lines rather than holding up the document (benchmarks/documents.py times
    it: about a second)."""
    circle = practice()
    reader = circle.harmed_parties()[0].id
    text = ("word " * 10_000)[:50_000] if shape == "words" else "x" * 50_000
    circle.needs[0].own_words = text
    doc = build_document(circle, "needs", reader)
    for fmt in FORMATS:
        shown = text_of(render(doc, fmt), fmt)
        if shape == "no space":
            assert shown.count("x") >= 50_000, fmt
        else:
            assert shown.count("word") >= 9_999, fmt


def test_a_copy_says_what_is_true_of_what_it_leaves_out_and_who_signs() -> None:
    from circlekit.model import AgreementItem, ItemKind, Need, NeedCategory, Participant

    mira = Participant(alias="Mira", roles=[Role.HARMED])
    jay = Participant(alias="Jay", roles=[Role.CAUSED])
    rosa = Participant(alias="Rosa", roles=[Role.SUPPORT])
    need = Need(holder=mira.id, category=NeedCategory.SAFETY, own_words="Her own words",
                private=True)
    circle = Circle(title="Copies", participants=[mira, jay, rosa], needs=[need],
                    agreement=[AgreementItem(action="Jay steps back", kind=ItemKind.STEP_BACK,
                                             responsible=jay.id,
                                             needs=[need.id])])
    text = text_of(render(build_document(circle, "needs", jay.id), "html"), "html")
    assert "Nothing recorded yet" not in text and "belongs to others" in text
    signoffs = build_document(circle, "agreement", mira.id).sections[-2]
    assert [b.title for b in signoffs.blocks] == ["Mira", "Jay"]  # Rosa is not asked to sign


def test_every_declared_heading_names_a_row_without_a_person_a_list_or_a_secret() -> None:
    from circlekit.model import ALL_STEPS, PARTS, SAFETY_STEP, field_spec

    for s in (*ALL_STEPS, *PARTS):
        for name in s.heading:
            spec = field_spec(s.model, name)  # type: ignore[arg-type]
            assert spec.kind not in ("ref", "refs", "choices"), (s.key, name)
            # A private heading only where every copy is its owner's (a safety plan).
            assert not spec.private or s is SAFETY_STEP, (s.key, name)
    assert not next(s for s in ALL_STEPS if s.key == "harm_map").heading  # numbered only


def test_a_fault_while_making_documents_is_a_sentence_and_the_button_comes_back(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import circlekit.export
    from circlekit.views.documents import DocumentsPanel

    def broken(*_args: Any) -> bytes:
        raise RuntimeError("a fault deep in a layout library")

    monkeypatch.setattr(circlekit.export, "render", broken)
    circle = practice()
    panel = DocumentsPanel(lambda: circle, "agreement")
    panel.reader.value = circle.harmed_parties()[0].id
    panel.button.click()
    assert "Something went wrong" in panel.message.value
    assert "Traceback" not in panel.message.value and "layout library" not in panel.message.value
    assert not panel.button.disabled and panel.links.value == ""
