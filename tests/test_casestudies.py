"""The case-study library: schema, care rules, loader errors, filters, practice circles."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from circlekit.analysis import research
from circlekit.content.casestudies import (
    STRATEGIES,
    CaseFileError,
    cases_frame,
    claims_without_source,
    filter_cases,
    load_case,
    load_cases,
    normalise,
    strategies_by_region,
)
from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.i18n import LANGUAGES
from circlekit.model import Circle, ConsentScope
from circlekit.store import SQLiteStore, export_circle, import_circle

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "casestudies"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# The contact people named in the sources, as truncated SHA-256 of their casefolded names and
# mailbox names: the test can recognise them without this file publishing them.
PRIVATE_NAME_HASHES = {
    "eee9e0172bbf5a80", "a091335aeeaec3bc", "93c6b09e0fc292a9", "dda38883035c285b",
    "bc3e5726525d884d", "8a5b6503c1b74d03", "b00155d13c941455", "6ac089d3667091a9",
    "316412e131778d37", "061b8f11212af968",
}
EXPECTED = {
    "urban-survivors-union", "counterfit-toronto", "sweden-safety-flyers",
    "club-eney-ukraine", "metzineres-barcelona", "sisterspace-vancouver", "queer-appalachia",
    "whrin-colombia-statement", "nhrc-calling-ourselves-in", "position-paper-context",
}


@pytest.fixture(scope="module")
def cases() -> list:
    return load_cases(FOLDER)


def test_every_case_file_validates(cases: list) -> None:
    assert {c.id for c in cases} == EXPECTED
    assert {c.kind for c in cases} == {"community-response", "organisational-accountability",
                                       "context"}


def test_every_quote_is_verbatim_in_its_kept_source(cases: list) -> None:
    for case in cases:
        excerpt = normalise(case.source.excerpt)
        for quote in case.quotes:
            assert normalise(quote.text) in excerpt, (case.id, quote.text[:40])


def test_no_case_claim_lacks_a_source_passage(cases: list) -> None:
    """Every strategy, demand and service a case is filed under (what the explorer counts)
    names the words of its source that say so."""
    assert {c.id: claims_without_source(c) for c in cases if claims_without_source(c)} == {}


def test_every_place_a_case_names_is_marked_for_translation(cases: list) -> None:
    from circlekit.content.casestudies import PLACES

    named = {c.country for c in cases if c.country} | {c.region for c in cases}
    assert named - PLACES == set()


def test_the_colombia_case_lists_the_coalition_s_five_demands(cases: list) -> None:
    colombia = next(c for c in cases if c.id == "whrin-colombia-statement")
    assert [STRATEGIES[d] for d in colombia.demands] == [
        "Independent investigation", "Reparation",
        "Mechanisms for reporting, protection and follow-up", "Policy reform", "Training"]
    assert colombia.services == []  # psychosocial support is part of a demand, not a service


def test_violence_comes_with_a_content_note(cases: list) -> None:
    for case in cases:
        if {"police-violence", "gender-based-violence", "violence-in-movements"} & set(
                case.themes):
            assert case.content_note, case.id


def test_the_russian_paragraph_keeps_its_original_beside_a_translation(cases: list) -> None:
    context = next(c for c in cases if c.id == "position-paper-context")
    russian = [q for q in context.quotes if q.language == "ru"]
    assert russian and russian[0].text.startswith("Проявления насилия")
    assert russian[0].translation and "rape" in russian[0].translation


def repository_texts() -> list[tuple[str, str]]:
    """(path, text) of every text file the repository tracks: notebooks, book sources,
    catalogs, practice circles, tests, case studies."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    texts = []
    for name in filter(None, listed):
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            texts.append((name, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue  # binary: images, fonts
    return texts


def test_the_names_guard_reads_the_whole_repository() -> None:
    names = {n for n, _text in repository_texts()}
    assert {"README.md", "book/intro.md", "notebooks/00_start.ipynb",
            "widgets/circlekit/content/practice/first.py", "tests/test_casestudies.py",
            "casestudies/counterfit-toronto.md"} <= names
    assert any(n.endswith("/es/LC_MESSAGES/circlekit.po") for n in names)


def test_no_email_address_anywhere_in_casestudies() -> None:
    for path in FOLDER.rglob("*"):
        if path.is_file():
            assert not EMAIL.search(path.read_text(encoding="utf-8")), path.name


def test_no_private_contact_names_anywhere_in_the_repository() -> None:
    for name, text in repository_texts():
        words = set(re.findall(r"[A-Za-z]+", text))
        digests = {hashlib.sha256(w.casefold().encode()).hexdigest()[:16] for w in words}
        assert not digests & PRIVATE_NAME_HASHES, name


def write_case(folder: Path, text: str, name: str = "broken.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def valid_text() -> str:
    return (FOLDER / "sisterspace-vancouver.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda t: t.replace("kind: community-response", "kind: rumour"), "kind"),
        (lambda t: t.replace("- safe-space\n", "- juggling\n", 1), "strategies"),
        (lambda t: t.replace("region: North America\n", ""), "region"),
        (lambda t: t.replace("need to have a safe space. More", "need a space. More", 1),
         "quotes.0"),
        (lambda t: t.replace("content_note: This case refers to violence against women.\n",
                             ""), "content_note"),
        (lambda t: t.replace("summary: ", "summary: write to someone@example.org ", 1),
         "e-mail"),
        (lambda t: t.replace("services: []", "services:\n- hotline", 1), "'hotline' (add it"),
        (lambda t: t.replace("need to have a safe space.\nthemes", "need safety.\nthemes", 1),
         "'safe-space' (the passage given is not word for word"),
    ],
    ids=["kind", "vocabulary", "missing", "quote", "content-note", "email", "unsupported-tag",
         "passage-not-in-source"],
)
def test_a_malformed_case_names_the_file_and_the_field(tmp_path: Path, change: object,
                                                       field: str) -> None:
    path = write_case(tmp_path, change(valid_text()))  # type: ignore[operator]
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert str(info.value).startswith("broken.md:")
    assert field in str(info.value)


def test_unreadable_front_matter_names_the_file(tmp_path: Path) -> None:
    path = write_case(tmp_path, "---\ntitle: [unclosed\n---\nbody")
    with pytest.raises(CaseFileError, match=r"^broken\.md: cannot be read"):
        load_case(path)


def test_filters_return_the_right_cases(cases: list) -> None:
    assert ids(filter_cases(cases, country="Canada")) == {"counterfit-toronto",
                                                         "sisterspace-vancouver"}
    assert ids(filter_cases(cases, kind="organisational-accountability")) == {
        "whrin-colombia-statement", "nhrc-calling-ourselves-in"}
    # Club Eney's source says it has no shelter: it helps women into one, so it is not listed
    assert ids(filter_cases(cases, region="Europe", service="shelter")) == {
        "metzineres-barcelona"}
    assert ids(filter_cases(cases, population="sex-workers", strategy="bad-date-reporting")
               ) == {"counterfit-toronto"}
    assert ids(filter_cases(cases, text="flyer")) == {"sweden-safety-flyers"}
    assert ids(filter_cases(cases, text="WINGS safety plan")) == {"club-eney-ukraine"}
    assert filter_cases(cases, country="Canada", text="flyer") == []


def test_frames_of_the_library(cases: list) -> None:
    frame = cases_frame(cases)
    assert len(frame) == len(cases)
    counts = frame.explode("strategies")["strategies"].value_counts()
    assert counts["training"] == 3
    table = strategies_by_region(cases)
    assert table["Bad-date reporting"] == {"North America": 1}
    # The Colombia coalition calls for training; it is a demand, not a strategy in use.
    assert table["Training"] == {"Europe": 2, "North America": 1}
    assert strategies_by_region(cases, "demands")["Training"] == {"Latin America": 1}
    assert ids(filter_cases(cases, strategy="training")) >= {"whrin-colombia-statement"}


def ids(found: list) -> set:
    return {c.id for c in found}


def test_every_case_dates_what_it_describes(cases: list) -> None:
    for case in cases:
        note = case.dated_note(translate=False)
        assert "still exists" in note
        if case.source.published:
            assert str(case.source.published.year) in note, case.id
    assert any("2019" in c.dated_note(translate=False) for c in cases)


# --- fictional practice circles ----------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_practice_circle_is_complete_and_round_trips(scenario: object, store: SQLiteStore
                                                     ) -> None:
    circle = practice_circle(scenario.key)  # type: ignore[attr-defined]
    assert circle.practice
    assert len(circle.participants) >= 2 and circle.harms and len(circle.needs) >= 2
    assert circle.agreement and all(item.needs for item in circle.agreement)
    assert circle.checkins
    store.create(circle)
    assert store.open(circle.id).circle == circle
    for p in circle.participants:  # everyone shares, so the export keeps all but the
        p.shares_private = True      # facilitator's own notes and the private needs
    store.save(circle, 1)
    copy_id = import_circle(store, export_circle(store, circle.id))
    copy = store.open(copy_id).circle
    # (an export never holds a safety plan: it goes only to its holder;
    # and check-ins' feelings and notes are the facilitator's own: they never travel)
    kept = {"id", "updated", "title", "readiness", "needs", "agreement", "safety_plan",
            "checkins"}
    assert copy.model_dump(exclude=kept) == store.open(circle.id).circle.model_dump(exclude=kept)
    assert [n.own_words for n in copy.needs] == [n.own_words for n in circle.needs
                                                 if not n.private]


def test_each_practice_copy_is_new(store: SQLiteStore) -> None:
    a, b = practice_circle("shared-flat"), practice_circle("shared-flat")
    assert a.id != b.id and a.participants[0].id != b.participants[0].id


def test_practice_circles_never_reach_research_frames(store: SQLiteStore) -> None:
    for _ in range(5):
        for scenario in SCENARIOS:
            circle = practice_circle(scenario.key)
            for p in circle.participants:
                p.consent.agreed_to.append(ConsentScope.RESEARCH)
            store.create(circle)
    assert all(len(f) == 0 for f in research.frames(store).values())


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_practice_circle_opens_in_every_language_with_no_english_left(lang: str) -> None:
    from circlekit.content.practice import texts, texts_in

    for scenario in SCENARIOS:
        english = texts(scenario)
        circle = practice_circle(scenario.key, lang)
        assert circle.language.value == lang
        shown = texts_in(circle)
        assert len(shown) == len(english), scenario.key
        for source, text in zip(english, shown, strict=True):
            # A one-word name may stay as it is in a language written in Latin letters.
            name = " " not in source and source[:1].isupper() and lang in ("es", "fr")
            assert text != source or name, (scenario.key, lang, source)


def test_the_new_practice_circles_keep_a_minimal_record() -> None:
    from circlekit.model.narrative import holds_narrative

    for key in ("booking-phone", "after-the-break-up", "peer-group", "the-coordinator",
                "one-clinic"):
        circle = practice_circle(key, "en")
        assert not holds_narrative(Circle, circle.model_dump(mode="json")), key
        assert not any(h.caused_by for h in circle.harms), key
