"""Five languages: complete catalogs, no bare user-facing literal, pages and dates localised."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from extract_messages import HERE, TEMPLATE, problems, template
from i18n_lint import bare_literals

from circlekit import i18n
from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.model import STEPS, Language, Role
from circlekit.views.workspace import step_page

PACKAGE = Path(i18n.__file__).resolve().parent.parent
# Every module whose strings reach a facilitator's screen or a document.
CHECKED = sorted([
    *PACKAGE.glob("views/**/*.py"), *PACKAGE.glob("export/*.py"), *PACKAGE.glob("org/*.py"),
    *PACKAGE.glob("pages/*.py"), *PACKAGE.glob("session/*.py"), *PACKAGE.glob("model/records/*.py"),
    PACKAGE / "errors.py", PACKAGE / "store/keys.py",
    PACKAGE / "model/circle.py", PACKAGE / "model/errors.py", PACKAGE / "model/fields.py",
    PACKAGE / "model/display.py", PACKAGE / "model/steps.py", PACKAGE / "model/vocab.py",
    PACKAGE / "model/fieldspec.py", PACKAGE / "model/incident.py", PACKAGE / "model/assessment.py",
    PACKAGE / "store/transfer.py", PACKAGE / "store/sqlite.py", PACKAGE / "store/records.py",
    PACKAGE / "store/crypto.py",
])
assert all(path.is_file() for path in CHECKED), [p for p in CHECKED if not p.is_file()]
OTHERS = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_five_languages() -> None:
    assert set(i18n.LANGUAGES) == {"en", "es", "ru", "uk", "fr"}


@pytest.mark.parametrize("language", OTHERS)
def test_catalog_has_no_missing_or_fuzzy_translation(language: str) -> None:
    found = problems(language)
    assert not found, f"{len(found)} problem(s), first: {found[:5]}"


def test_committed_template_matches_the_code() -> None:
    """Run ``python widgets/tools/extract_messages.py`` after changing a user-facing string."""
    with TEMPLATE.open("rb") as fh:
        committed = {m.id for m in read_po(fh) if m.id}
    wanted = {m.id for m in template() if m.id}
    assert committed == wanted, {"new": sorted(map(str, wanted - committed))[:10],
                                 "gone": sorted(map(str, committed - wanted))[:10]}


@pytest.mark.parametrize("language", OTHERS)
def test_translations_keep_every_placeholder(language: str) -> None:
    with (HERE / i18n.catalog_path(language)).open("rb") as fh:
        catalog = read_po(fh, locale=language)
    for m in catalog:
        if not m.id:
            continue
        source = m.id[-1] if isinstance(m.id, tuple) else m.id
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(source)), (
                language, m.id, form)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_bare_user_facing_literal(path: Path) -> None:
    found = bare_literals(path)
    assert not found, f"wrap these in _() (or N_ where declared): {found[:5]}"


def test_the_checker_catches_a_bare_literal(tmp_path: Path) -> None:
    """The lint must be able to fail: plain and f-string labels are both caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import ipywidgets as widgets\n"
        "def build(n):\n"
        "    widgets.Button(description='Save the circle')\n"
        "    return f'Saved {n} rows'\n"
        "def fine():\n"
        "    return _('Save the circle'), tag('p', '', class_='ck-help')\n")
    assert [line for line, _ in bare_literals(sample)] == [3, 4]


@pytest.mark.parametrize("language,expected", [
    ("es", "Añadir un punto del acuerdo"), ("ru", "Добавить пункт договорённости"),
    ("uk", "Додати пункт домовленості"), ("fr", "Ajouter un point de l'accord"),
    ("en", "Add an agreement item"),
])
def test_step_page_speaks_the_circle_language(store: object, language: str,
                                              expected: str) -> None:
    circle = practice_circle(SCENARIOS[0].key).model_copy(
        update={"language": Language(language)})
    store.create(circle)  # type: ignore[attr-defined]
    page = step_page(store, circle.id, "agreement")  # type: ignore[arg-type]
    assert page.view.rows.add_button.description == expected
    labels = {c.spec.label for c in page.view.rows.controls.values()}
    with i18n.language(language):
        assert i18n._("What will be done") in labels
        assert Role.HARMED.label == i18n._("Person harmed")
    i18n.set_language("en")


@pytest.mark.parametrize("language,expected", [
    ("en", "Mar 9, 2026"), ("es", "9 mar 2026"), ("fr", "9 mars 2026"),
    ("ru", "9 мар. 2026\u202fг."), ("uk", "9 бер. 2026\u202fр."),
])
def test_dates_follow_the_locale(language: str, expected: str) -> None:
    with i18n.language(language):
        assert i18n.format_date(date(2026, 3, 9)) == expected


def test_every_step_title_is_translated() -> None:
    for language in OTHERS:
        with i18n.language(language):
            assert all(i18n._(s.title) != s.title for s in STEPS), language
