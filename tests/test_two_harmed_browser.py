"""A circle with two people harmed, typed through the workspace in English and in Spanish, and
every person's take-home agreement read as they would read it.

Fictional: Mira and Sol were each harmed; Ash does the accountability work; Kit supports
Mira and is not asked to sign; Lee facilitates. Each person's copy must head every item with
its action, quote a need in its holder's words only in that holder's copy, list for signing
only those asked to sign, and carry a file name that says whose copy it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from pagekit import add_entry, go, open_workspace, take_home, wait_saved
from readers import text_of

from circlekit.i18n import _, format_date, language
from circlekit.model import Circle, ItemKind, NeedCategory, Role
from circlekit.store import open_store
from conftest import VoilaServer

pytestmark = pytest.mark.browser

PEOPLE = [("Mira", Role.HARMED), ("Sol", Role.HARMED), ("Ash", Role.CAUSED),
          ("Kit", Role.SUPPORT), ("Lee", Role.FACILITATOR)]
NEEDS = [("Mira", NeedCategory.SAFETY, "To feel safe at the drop-in"),
         ("Sol", NeedCategory.APOLOGY, "An apology in writing")]
ITEMS = [("Ash keeps away from the drop-in on Tuesdays", ItemKind.STEP_BACK,
          NeedCategory.SAFETY),
         ("Ash writes Sol an apology", ItemKind.APOLOGY, NeedCategory.APOLOGY)]
# The file names each copy gets, by language: the document's title "for" its reader.
FILE_NAMES = {"en": "repair-agreement-for-{}", "es": "acuerdo-de-reparación-para-{}"}


def words_of(lang: str) -> Callable[[str], str]:
    def say(text: str) -> str:
        with language(lang):
            return _(text)
    return say


@pytest.mark.parametrize("lang", ["en", "es"])
def test_two_people_harmed_each_get_a_true_copy_of_the_agreement(
        page: object, voila_server: VoilaServer, lang: str) -> None:
    say = words_of(lang)
    with open_store(voila_server.data_dir) as store:
        cid = store.create(Circle(title="Two harmed (fictional)", language=lang)).circle.id
    v = open_workspace(page, voila_server, cid, step="setup")
    view = page.locator(".ck-step-setup")  # type: ignore[attr-defined]

    # Setup: five people, each with their role.
    for n, (alias, role) in enumerate(PEOPLE):
        if n:
            view.get_by_role("button", name=say("Add a participant")).click()
        view.get_by_label(say("Alias"), exact=True).fill(alias)
        v = wait_saved(page, v)
        view.get_by_role("checkbox", name=say(role.label), exact=True).check()
        v = wait_saved(page, v)

    # Needs: one for each person harmed, each kept private (the default).
    go(page, "needs")
    view = page.locator(".ck-step-needs")  # type: ignore[attr-defined]
    for n, (holder, category, words) in enumerate(NEEDS):
        if n:
            add_entry(page, view, say("Add a need"), say("Choose…"))
        view.get_by_label(say("Whose need")).select_option(label=holder)
        view.get_by_label(say("Kind of need")).select_option(label=say(category.label))
        view.get_by_label(say("In their own words")).fill(words)
        v = wait_saved(page, v)

    # The agreement: an item for each need; Mira signs the first.
    go(page, "agreement")
    view = page.locator(".ck-step-agreement")  # type: ignore[attr-defined]
    for n, (action, kind, need) in enumerate(ITEMS):
        if n:
            add_entry(page, view, say("Add an agreement item"), say("Choose…"))
        view.get_by_label(say("What will be done")).fill(action)
        view.get_by_label(say("Kind of action")).select_option(label=say(kind.label))
        view.get_by_label(say("Who is responsible")).select_option(label="Ash")
        v = wait_saved(page, v)
        view.get_by_role("checkbox", name=re.compile(
            "^" + re.escape(say(need.label)) + ":")).check()
        v = wait_saved(page, v)
    view.get_by_label(say("Which agreement item")).select_option(index=0)
    view.get_by_role("checkbox", name=say("{name} signs this item").format(name="Mira")).check()
    date_box = view.get_by_label(say("Date ({name})").format(name="Mira"))
    date_box.fill("2026-05-11")
    date_box.press("Tab")
    # The tick and the date are two saves: wait for the one that holds the date.
    v = wait_saved(page, v)
    for _attempt in range(100):
        with open_store(voila_server.data_dir) as store:
            stored = store.open(cid).circle
        signoffs = stored.agreement[0].signoffs
        if signoffs and signoffs[0].signed_on == date(2026, 5, 11):
            break
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert stored.agreement[0].signoffs[0].signed_on == date(2026, 5, 11)
    assert [len(i.signoffs) for i in stored.agreement] == [1, 0]
    assert [len(i.needs) for i in stored.agreement] == [1, 1]

    # Each person's copy, as they would read it.
    with language(lang):
        signed = _("item {number} on {date}").format(
            number=1, date=format_date(stored.agreement[0].signoffs[0].signed_on))
    quoted = {holder: f"“{words}”" for holder, _c, words in NEEDS}
    names = set()
    for reader in ("Mira", "Sol", "Ash", "Kit"):
        made = take_home(page, reader, who=say("Who is this copy for?"),
                         prepare=say("Prepare the documents"))
        name = view.locator(".ck-documents a.ck-download").first.get_attribute("download")
        assert name.rsplit(".", 1)[0] == FILE_NAMES[lang].format(reader.lower()), name
        names.add(name)
        text = text_of(made["html"], "html")
        # Every item is headed by its action, and its action is not said twice.
        for number, (action, _k, _n) in enumerate(ITEMS, 1):
            assert text.count(f"{number}. {action}") == 1, (reader, action)
            assert text.count(action) == 1, (reader, action)
        # A need is quoted in its holder's own words in that holder's copy only.
        for holder, words in quoted.items():
            assert (words in text) is (holder == reader), (reader, holder)
        if reader in ("Ash", "Kit"):
            assert text.count(say("a need kept private")) == 2, reader
        # The sign-offs list who is asked to sign, and never the support person.
        sign_offs = text[text.rindex(say("Sign-offs")):text.index(
            say("Needs no action answers yet"))]
        assert f"Mira {say('Signed')} {signed}" in sign_offs, (reader, sign_offs)
        for unsigned in ("Sol", "Ash"):
            assert f"{unsigned} {say('Sign-off')} {say('not signed yet')}" in sign_offs
        assert "Kit" not in sign_offs and "Lee" not in sign_offs, (reader, sign_offs)
        assert say("Signed") + " " + say("not signed yet") not in text
        # An item that keeps nobody from a service says nothing about keeping one.
        assert say("The person it affects agreed to keep it") not in text
    assert len(names) == 4  # four copies, four names: none is mistaken for another
