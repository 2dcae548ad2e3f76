"""In Chromium: the agreement step speaks the circle's language, and its PDF downloads and
opens."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.model import Language
from circlekit.store import open_store
from conftest import PAGE_TIMEOUT, VoilaServer

CASES = {
    "es": {"heading": "Paso 6: Acuerdo de reparación", "add": "Añadir un punto del acuerdo",
           "label": "Qué se hará", "prepare": "Preparar los documentos",
           "title": "Acuerdo de reparación", "file": "acuerdo-de-reparación-para-mira.pdf"},
    "ru": {"heading": "Шаг 6: Договорённость о восстановлении",
           "add": "Добавить пункт договорённости",
           "label": "Что будет сделано", "prepare": "Подготовить документы",
           "title": "Договорённость о восстановлении",
           "file": "договорённость-о-восстановлении-для-mira.pdf"},
}


@pytest.mark.parametrize("language", list(CASES))
def test_agreement_step_in_the_circle_language_and_its_pdf(
        voila_server: VoilaServer, page: object, language: str) -> None:
    want = CASES[language]
    circle = practice_circle(SCENARIOS[0].key)
    circle.language = Language(language)
    with open_store(voila_server.data_dir) as store:
        store.create(circle)
    page.goto(voila_server.page_url("05_repair_agreement.ipynb", circle=circle.id))  # type: ignore[attr-defined]
    page.get_by_role("heading", name=want["heading"]).wait_for()  # type: ignore[attr-defined]
    page.get_by_role("button", name=want["add"]).wait_for()  # type: ignore[attr-defined]
    assert page.get_by_label(want["label"]).count() == 1  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Add an agreement item").count() == 0  # type: ignore[attr-defined]

    page.locator(".ck-reader select").select_option(index=0)  # type: ignore[attr-defined]
    page.get_by_role("button", name=want["prepare"]).click()  # type: ignore[attr-defined]
    link = page.get_by_role("link", name="PDF", exact=True)  # type: ignore[attr-defined]
    link.wait_for()
    with page.expect_download() as info:  # type: ignore[attr-defined]
        link.click()
    download = info.value
    assert download.suggested_filename == want["file"]  # named in the circle's language
    data = open(download.path(), "rb").read()
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert want["title"] in text
    assert " ".join(circle.agreement[0].action.split())[:40] in text


# Two languages here and the other two on the organisation's pages below: every page in
# every language is checked in process (test_every_page_speaks), quickly.
@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_step_and_the_explorer_show_no_english_in_chromium(
        voila_server: VoilaServer, page: object, language: str) -> None:
    """What the in-process check builds (test_every_page_speaks) is what a reader sees."""
    from pagekit import go, open_workspace
    from untranslated import english_messages, left_in_english

    from circlekit.model import STEPS

    english = english_messages()
    circle = practice_circle("drop-in-volunteer", language)
    with open_store(voila_server.data_dir) as store:
        store.create(circle)
    open_workspace(page, voila_server, circle.id)
    seen = []
    for step in STEPS:
        go(page, step.key)
        seen.append(page.locator(".ck-page").inner_text())  # type: ignore[attr-defined]
    page.goto(voila_server.page_url("10_case_explorer.ipynb", lang=language,  # type: ignore[attr-defined]
                                  case="whrin-colombia-statement"))
    page.locator(".ck-case").wait_for()  # type: ignore[attr-defined]
    seen.append(page.locator(".ck-page").inner_text())  # type: ignore[attr-defined]
    text = " ".join(" ".join(seen).split())
    assert left_in_english(text, english) == []


@pytest.mark.parametrize("language", ["es", "uk"])
def test_the_organisation_s_pages_show_no_english_in_chromium(
        voila_server: VoilaServer, page: object, language: str) -> None:
    """The self-assessment, the incident log and the incident report, opened in the language
    the start page links them in (every language is checked in process by
    test_every_page_speaks; two here, as a reader sees them)."""
    from untranslated import english_messages, left_in_english

    english = english_messages()
    seen = []
    for notebook in ("20_org_self_assessment.ipynb", "21_incident_log.ipynb",
                     "22_incident_report.ipynb"):
        page.goto(voila_server.page_url(notebook, lang=language))  # type: ignore[attr-defined]
        page.locator(".ck-nav a").first.wait_for(timeout=2 * PAGE_TIMEOUT)  # type: ignore[attr-defined]
        seen.append(page.locator(".ck-page").first.inner_text())  # type: ignore[attr-defined]
    text = " ".join(" ".join(seen).split())
    assert len(text) > 500, text  # the pages were drawn, not only their frame
    assert left_in_english(text, english) == []
