"""Each language keeps the words its terminology file chooses, and none it denies.

The files are ``widgets/circlekit/i18n/terminology/<language>.yml``; how a native-speaking
reviewer checks them is in the README ("Translations").
"""

from __future__ import annotations

import re

import pytest
import yaml
from babel.messages.pofile import read_po
from extract_messages import HERE

from circlekit import i18n
from circlekit.content.casestudies import load_cases

OTHERS = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE]
TERMS = HERE / "terminology"


def terminology(language: str) -> dict:
    return yaml.safe_load((TERMS / f"{language}.yml").read_text(encoding="utf-8"))


def translations(language: str) -> list[tuple[str, str]]:
    """(English, translation) for every message of the catalog, plural forms included."""
    with (HERE / i18n.catalog_path(language)).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=i18n.DOMAIN)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(ids[0], s) for s in strings if s]
    return pairs


def case_translations(language: str) -> list[tuple[str, str]]:
    """(English, translation) for the case studies' translated content notes and questions."""
    pairs = []
    for case in load_cases():
        local = case.translations.get(language)
        if not local:
            continue
        if local.content_note:
            pairs.append((case.content_note or "", local.content_note))
        pairs += list(zip(case.questions, local.questions, strict=False))
    return pairs


def denied_uses(language: str, pairs: list[tuple[str, str]]) -> list[str]:
    found = []
    for rule in terminology(language)["denied"]:
        pattern = re.compile(rule["pattern"], re.IGNORECASE | re.MULTILINE)
        allowed = rule.get("unless_source")
        for english, text in pairs:
            if pattern.search(text) and not (allowed and re.search(allowed, english, re.I)):
                found.append(f"{rule['pattern']!r} in {text!r} ({english!r}): {rule['why']}")
    return found


def test_every_language_has_a_terminology_file() -> None:
    assert sorted(p.stem for p in TERMS.glob("*.yml")) == sorted(OTHERS)


@pytest.mark.parametrize("language", OTHERS)
def test_the_key_terms_are_covered(language: str) -> None:
    covered = {t["en"] for t in terminology(language)["terms"]}
    assert {"person harmed", "person who caused harm", "accountability", "repair", "survivor",
            "setback", "support pod", "reporting harm"} <= covered


@pytest.mark.parametrize("language", OTHERS)
def test_catalog_uses_the_chosen_terms(language: str) -> None:
    catalog = dict(translations(language))
    wrong = [f"{t['msgid']!r}: {catalog.get(t['msgid'])!r} should use {t['use']!r}"
             for t in terminology(language)["terms"]
             if t["use"].casefold() not in (catalog.get(t["msgid"]) or "").casefold()]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", OTHERS)
def test_catalog_has_no_denied_term(language: str) -> None:
    found = denied_uses(language, translations(language))
    assert not found, f"{len(found)} denied term(s):\n" + "\n".join(found)


@pytest.mark.parametrize("language", OTHERS)
def test_case_study_translations_have_no_denied_term(language: str) -> None:
    found = denied_uses(language, case_translations(language))
    assert not found, f"{len(found)} denied term(s):\n" + "\n".join(found)


def test_denied_terms_are_caught() -> None:
    """Every denied rule says why, and the check finds planted uses."""
    for language in OTHERS:
        for rule in terminology(language)["denied"]:
            re.compile(rule["pattern"])
            assert rule.get("why"), rule
    assert denied_uses("ru", [("Setbacks", "Срывы")]) and denied_uses("es", [
        ("Person harmed", "Persona dañada")]) and denied_uses("fr", [("Closed", "Clos")])
    assert not denied_uses("ru", [("Restitution", "Возмещение")])
    assert denied_uses("ru", [("Survivor-centred practice", "пострадавшие")])
    # Accountability is what people take, not a report to a superior.
    assert denied_uses("ru", [("Accountability", "Подотчётность")])
    assert denied_uses("uk", [("Accountability", "Підзвітність")])
    # The apology asks nothing of the person harmed: not "without saying sorry".
    assert denied_uses("fr", [("asks for no forgiveness", "sans demander pardon")])
