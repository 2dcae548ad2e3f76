"""Views without a kernel: set ``.value``, call ``.click()``, read what would be shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from circlekit.content.practice import practice_circle
from circlekit.model import STEPS, Circle, Participant, Role, field_spec
from circlekit.model.synthetic import synthetic_circle
from circlekit.session import CircleSession, SaveState
from circlekit.store import SQLiteStore
from circlekit.views import StartPage
from circlekit.views.steps import VIEWS as PAGES
from circlekit.views.steps import step_view
from circlekit.views.workspace import step_page

PAYLOAD = '<img src=x onerror=window.__x=1><script>window.__x=2</script><b id=inj>b</b>'


def test_start_page_creates_and_lists(store: SQLiteStore) -> None:
    start = StartPage(store)
    start.title.value = "Autumn circle"
    start.create_button.click()
    assert "created" in start.message.value
    assert "Autumn circle" in start.listing.value
    assert [c.title for c in store.list()] == ["Autumn circle"]


def test_a_new_circle_opens_its_workspace_and_choosers_start_on_a_circle(
        store: SQLiteStore) -> None:
    store.create(Circle(title="Older"))
    start = StartPage(store)
    assert start.circle_language.circle.label == "Older"  # never blank while a circle exists
    assert start.deletion.circle.label == "Older"
    start.title.value = "Newest"
    start.create_button.click()
    newest = next(c for c in store.list() if c.title == "Newest")
    assert start.opener.href == f"circle.ipynb?circle={newest.id}"
    assert StartPage(store).circle_language.circle.label == "Newest"  # the most recent
    start.practice_button.click()  # a practice copy opens too: the page says and shows it
    practice = next(c for c in store.list() if c.practice)
    assert start.opener.href == f"circle.ipynb?circle={practice.id}"


def test_an_import_reads_the_chosen_file(store: SQLiteStore) -> None:
    from circlekit.store import export_circle

    data = export_circle(store, store.create(Circle(title="Moved")).circle.id)
    start = StartPage(store)
    picker = start.transfer.upload
    start.transfer.import_button.click()
    assert "Choose a circle file to import first." in start.transfer.import_message.value
    picker._received(picker, {"name": "moved.json", "size": len(data)}, [memoryview(data)])
    assert picker.chosen == "moved.json"
    start.transfer.import_button.click()
    assert "It is now in your circles" in start.transfer.import_message.value
    assert picker.chosen == "" and picker.content is None
    picker._received(picker, {"name": "huge.json", "size": 10**9}, [])  # too large: not sent
    start.transfer.import_button.click()
    assert "too large" in start.transfer.import_message.value


def test_start_page_refuses_an_empty_title_plainly(store: SQLiteStore) -> None:
    start = StartPage(store)
    start.title.value = " "
    start.create_button.click()
    assert "Circle name: cannot be empty." in start.message.value
    assert store.list() == []


@pytest.mark.parametrize("key", list(PAGES))
def test_every_step_page_builds_on_a_practice_circle(key: str, store: SQLiteStore) -> None:
    circle = store.create(practice_circle("drop-in-volunteer")).circle
    page = step_page(store, circle.id, key)
    assert isinstance(page.widget, widgets.VBox)
    assert page.header.save_message == "Everything is saved." and page.header.version == 1


def setup_page(store: SQLiteStore) -> Any:
    circle = store.create(Circle(title="Views")).circle
    return step_page(store, circle.id, "setup")


def test_a_new_row_waits_for_its_required_text_then_saves(store: SQLiteStore) -> None:
    page = setup_page(store)
    rows = page.view.rows
    rows.controls["roles"].group.boxes[0][1].value = True  # type: ignore[attr-defined]
    assert "Fill in “Alias”" in rows.message.value
    assert store.open(page.session.circle.id).circle.participants == []
    # The header never says everything is saved while the entry waits.
    assert page.header.save_state == "waiting" and page.header.waiting_step == "setup"
    assert page.header.save_message == ("1 entry is not stored yet. Circle setup: fill in "
                                        "“Alias”.")
    rows.controls["alias"].field.value = "Mira"
    stored = store.open(page.session.circle.id)
    assert [(p.alias, p.roles) for p in stored.circle.participants] == [("Mira", [Role.HARMED])]
    assert page.header.save_state == "saved" and "Mira" in rows.table.value


@pytest.mark.parametrize(("key", "field", "text"), [
    ("safety_plan", "holder", "situation"), ("needs", "holder", "own_words"),
    ("agreement", "responsible", "action")])
def test_a_new_entry_names_nobody_until_someone_is_chosen(store: SQLiteStore, key: str,
                                                          field: str, text: str) -> None:
    """A safety plan, a need or an item of a new entry starts on "Choose…", never on the
    first person offered: a plan stored under the wrong holder goes home with them."""
    ash = Participant(alias="Ash", roles=[Role.CAUSED])
    mira = Participant(alias="Mira", roles=[Role.HARMED])
    circle = store.create(Circle(title="Whose", participants=[ash, mira])).circle
    rows = step_page(store, circle.id, key).view.rows
    chooser = rows.controls[field].field
    assert chooser.label == "Choose…" and any("Mira" in o[0] for o in chooser.options[1:])
    rows.controls[text].field.value = "Words for the entry"
    assert "this entry is saved" in rows.message.value
    assert getattr(store.open(circle.id).circle, rows.collection) == []
    chooser.value = mira.id
    (stored,) = getattr(store.open(circle.id).circle, rows.collection)
    assert getattr(stored, field) == mira.id


def test_a_bad_value_gets_a_message_next_to_the_field(store: SQLiteStore) -> None:
    page = setup_page(store)
    page.view.rows.controls["alias"].field.value = "Mira"
    page.view.rows.controls["alias"].field.value = "x" * 300
    assert "at most 200 characters" in page.view.rows.controls["alias"].error_line.value
    assert store.open(page.session.circle.id).circle.participants[0].alias == "Mira"
    assert page.header.save_state == "waiting"
    assert "see the message next to the field" in page.header.save_message
    page.view.rows.controls["alias"].field.value = "Mira R."
    assert page.header.save_state == "saved"


def test_an_entry_put_away_unstored_no_longer_holds_the_header(store: SQLiteStore) -> None:
    """Choosing another entry puts away the one the form held: nothing unstored is on the
    page any more, and the header says so; a second form's wait is counted apart."""
    page = setup_page(store)
    rows = page.view.rows
    rows.controls["alias"].field.value = "Mira"
    rows.start_new()
    rows.controls["roles"].group.boxes[0][1].value = True  # type: ignore[attr-defined]
    page.view.circle_fields.controls["group_agreements"].field.value = "x" * 300
    assert page.header.save_state == "waiting"
    assert page.header.save_message.startswith("2 entries are not stored yet.")
    rows.edit(page.session.circle.participants[0].id)
    assert page.header.save_message.startswith("1 entry is not stored yet.")
    page.view.circle_fields.controls["group_agreements"].field.value = "What is said stays"
    assert page.header.save_state == "saved"
    assert page.header.save_message == "All changes saved."


def test_delete_asks_twice_and_refuses_a_referenced_row(store: SQLiteStore) -> None:
    circle = store.create(synthetic_circle(6)).circle
    page = step_page(store, circle.id, "setup")
    page.view.rows.edit(circle.participants[0].id)  # named in harms, needs and items
    page.view.rows.delete_button.click()
    assert "Click the button again" in page.view.rows.message.value
    page.view.rows.delete_button.click()
    assert "still named elsewhere" in page.view.rows.message.value
    page.view.rows.edit(circle.participants[3].id)  # the facilitator: named nowhere
    page.view.rows.delete_button.click()
    alias = circle.participants[3].alias
    # The button says what goes; choosing or changing anything else disarms it.
    assert page.view.rows.delete_button.description == f"Yes, delete “{alias}”"
    page.view.rows.edit(circle.participants[2].id)
    assert page.view.rows.delete_button.description == "Delete this participant"
    page.view.rows.edit(circle.participants[3].id)
    page.view.rows.delete_button.click()
    page.view.rows.controls["alias"].field.value = alias + " R."
    assert "Yes, delete" not in page.view.rows.delete_button.description
    page.view.rows.delete_button.click()
    page.view.rows.delete_button.click()
    assert len(store.open(circle.id).circle.participants) == 3


def test_a_stale_save_shows_the_conflict_and_overwrites_nothing(store: SQLiteStore) -> None:
    circle = store.create(Circle(title="Two tabs")).circle
    tab_a = step_page(store, circle.id, "setup")
    tab_b = step_page(store, circle.id, "setup")
    tab_a.view.rows.controls["alias"].field.value = "From A"
    tab_b.view.rows.controls["alias"].field.value = "From B"
    assert tab_b.session.state is SaveState.CONFLICT
    assert "changed in another tab" in tab_b.header.save_message
    assert tab_b.view.rows.controls["alias"].field.value == "From B"  # kept on screen
    assert [p.alias for p in store.open(circle.id).circle.participants] == ["From A"]
    tab_b.view.rows.controls["alias"].field.value = "From B again"  # no save after a conflict
    assert [p.alias for p in store.open(circle.id).circle.participants] == ["From A"]


def test_session_debounces_a_burst_of_changes_into_one_save(store: SQLiteStore) -> None:
    circle = store.create(Circle(title="Debounce")).circle
    timers: list[Any] = []

    class Timer:
        def __init__(self, callback: Any) -> None:
            self.callback, self.cancelled = callback, False

        def cancel(self) -> None:
            self.cancelled = True

    def schedule(_delay: float, callback: Any) -> Timer:
        timers.append(Timer(callback))
        return timers[-1]

    session = CircleSession(store, circle.id, delay=0.5, schedule=schedule)
    for n in range(5):
        session.circle.group_agreements = [f"rule {n}"]
        session.changed()
    assert session.state is SaveState.PENDING and len(store.history(circle.id)) == 1
    live = [t for t in timers if not t.cancelled]
    assert len(timers) == 5 and len(live) == 1
    live[0].callback()
    assert [h.version for h in store.history(circle.id)] == [1, 2]
    assert store.open(circle.id).circle.group_agreements == ["rule 4"]


def hostile_circle() -> Circle:
    """A complete circle in which every free-text field holds markup."""
    circle = practice_circle("drop-in-volunteer")
    circle.title = PAYLOAD
    circle.group_agreements = [PAYLOAD]
    for step in STEPS:
        # A step edits rows of the circle, or one record of it (closing, debrief).
        rows = getattr(circle, step.collection) if step.collection else [
            getattr(circle, step.key)]
        for row in rows:
            for spec in step.fields():
                if spec.kind in ("text", "longtext"):
                    setattr(row, spec.name, PAYLOAD)
    return circle


@pytest.mark.parametrize("key", list(PAGES))
def test_markup_in_every_text_field_is_escaped(key: str, store: SQLiteStore) -> None:
    circle = store.create(hostile_circle()).circle
    page = step_page(store, circle.id, key)
    html_values = [w.value for w in widgets.Widget.widgets.values()
                   if isinstance(w, widgets.HTML) and w in _descendants(page.widget)]
    joined = "".join(html_values)
    # Only dates and answers (no plan rows), or a record's fields, which are inputs only.
    if key not in ("follow_up", "meetings", "safety_plan", "closing", "debrief"):
        assert "&lt;img src=x onerror" in joined
    # The header draws the circle's name with textContent; it arrives as plain text.
    assert PAYLOAD in page.header.circle_name
    assert "<img src=x" not in joined and "<script>window" not in joined
    assert "<b id=inj>" not in joined


def _descendants(root: widgets.Widget) -> list[widgets.Widget]:
    found, todo = [], [root]
    while todo:
        w = todo.pop()
        found.append(w)
        todo.extend(getattr(w, "children", ()))
    return found


def test_three_hundred_rows_cost_one_table_not_three_hundred_widgets(store: SQLiteStore
                                                                      ) -> None:
    small = store.create(synthetic_circle(9)).circle
    big = store.create(synthetic_circle(900)).circle
    counts = []
    for circle in (small, big):
        before = len(widgets.Widget.widgets)
        step_page(store, circle.id, "needs")
        counts.append(len(widgets.Widget.widgets) - before)
    assert len(store.open(big.id).circle.needs) == 300
    assert counts[1] == counts[0]


def test_field_specs_drive_the_form() -> None:
    spec = field_spec(Participant, "alias")
    assert (spec.label, spec.kind, spec.required) == ("Alias", "text", True)


class ManualTimers:
    """A kernel's timers, run by hand: autosave waits until ``run`` is called."""

    def __init__(self) -> None:
        self.pending: list[Any] = []

    def __call__(self, _delay: float, callback: Any) -> Any:
        timer = type("Timer", (), {"cancel": lambda t: self.pending.remove(t)
                                   if t in self.pending else None})()
        timer.callback = callback
        self.pending.append(timer)
        return timer


def test_a_step_switch_writes_what_is_pending(store: SQLiteStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import circlekit.session as session_module

    timers = ManualTimers()
    monkeypatch.setattr(session_module, "kernel_scheduler", lambda: timers)
    circle = store.create(Circle(title="Switch")).circle
    workspace = step_page(store, circle.id, "setup")
    workspace.view.circle_fields.controls["group_agreements"].field.value = "Typed at once"
    assert workspace.header.save_state == "pending" and timers.pending
    assert store.open(circle.id).circle.group_agreements == []
    workspace.show("harm_map")  # the click on the next step, before the autosave's delay
    assert store.open(circle.id).circle.group_agreements == ["Typed at once"]
    assert workspace.header.save_state == "saved" and workspace.header.step == "harm_map"
    assert not timers.pending  # the autosave that was waiting is cancelled, not run twice


def test_reference_lists_follow_the_circle_at_once(store: SQLiteStore) -> None:
    circle = store.create(Circle(title="References")).circle
    workspace = step_page(store, circle.id, "setup")
    setup = workspace.view
    harm = workspace.views.setdefault("harm_map", step_view(workspace.session, "harm_map"))
    setup.rows.controls["alias"].field.value = "Mira"
    setup.rows.controls["roles"].group.boxes[0][1].value = True  # person harmed
    workspace.show("harm_map")
    caused_by = harm.rows.controls["caused_by"].group
    assert [b.description for _, b in caused_by.boxes] == ["Mira"]
    first_box = caused_by.boxes[0][1]
    workspace.show("setup")
    setup.rows.controls["alias"].field.value = "Mira R."  # renamed: same checkbox, new label
    workspace.show("harm_map")
    assert caused_by.boxes[0][1] is first_box and first_box.description == "Mira R."
    first_box.value = True  # the checkbox still counts as an edit after relabelling
    harm.rows.controls["description"].field.value = "Shouted at me."
    stored = store.open(circle.id).circle
    assert stored.harms[0].caused_by == [stored.participants[0].id]


def test_pictures_are_redrawn_only_when_what_they_draw_changes(store: SQLiteStore,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from circlekit.views.steps.harm_map import HarmMapView

    drawn: list[int] = []
    monkeypatch.setattr(HarmMapView, "drawing", lambda self: drawn.append(1) or b"png")
    circle = store.create(practice_circle("drop-in-volunteer")).circle
    workspace = step_page(store, circle.id, "harm_map")
    where = workspace.view.rows.controls["where"].field
    where.value = "Somewhere else"  # the form's first save may reorder lists, drawn once more
    before = len(drawn)
    for n in range(3):
        where.value = f"Somewhere else {n}"  # not on the map
    assert len(drawn) == before
    workspace.view.rows.controls["harm_types"].group.boxes[0][1].value = True
    assert len(drawn) == before + 1


def test_the_needs_history_reads_old_versions_once(store: SQLiteStore,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    circle = store.create(synthetic_circle(30)).circle
    reads: list[int] = []
    original = store.open_version
    monkeypatch.setattr(store, "open_version", lambda cid, v: reads.append(v) or original(cid, v))
    workspace = step_page(store, circle.id, "needs")
    assert reads == [1]  # the index is built once, from the stored versions
    words = workspace.view.rows.controls["own_words"].field
    for n in range(5):
        words.value = f"Said differently {n}"
    assert reads == [1]  # saves extend the index; no old version is read again
    history = workspace.view.history.value
    assert "Said differently 4" in history and "Said differently 0" in history


def test_a_sign_off_tick_is_never_dropped_silently(store: SQLiteStore) -> None:
    from datetime import date

    circle = store.create(practice_circle("drop-in-volunteer")).circle
    workspace = step_page(store, circle.id, "agreement")
    control = workspace.view.rows.controls["signoffs"]
    lines = {ref: inputs for ref, inputs in control.inner_lines()}  # type: ignore[attr-defined]
    unsigned = next(ref for ref, (box, _when) in lines.items() if not box.value)
    box, when = lines[unsigned]
    box.value = True  # ticked, no date typed: dated today rather than dropped
    assert when.value == date.today()
    item = store.open(circle.id).circle.agreement[-1]
    assert any(s.participant == unsigned for s in item.signoffs)


def test_an_earlier_version_is_compared_then_restored_as_the_newest(store: SQLiteStore
                                                                    ) -> None:
    circle = store.create(Circle(title="History")).circle
    workspace = step_page(store, circle.id, "setup")
    alias = workspace.view.rows.controls["alias"].field
    alias.value = "First name"  # version 2
    alias.value = "Second name"  # version 3
    restored: list[int] = []
    panel = workspace.history
    reload_page = panel.on_restored
    panel.on_restored = lambda version: (restored.append(version), reload_page(version))
    panel.show_button.click()
    assert [v for _label, v in panel.version.options] == [2, 1]  # not the current one
    # Each version says what its save changed, without quoting the circle.
    assert [label.split(": ", 1)[1] for label, _v in panel.version.options] == [
        "Circle setup: 1 added", "Created"]
    panel.version.value = 1
    assert "Circle setup: 0 added, 1 removed, 0 changed." in panel.changes.value
    panel.button.click()
    assert "Click the button again" in panel.message.value and restored == []
    assert store.open(circle.id).version == 3  # one click restores nothing
    panel.button.click()
    assert restored == [4] and store.open(circle.id).circle.participants == []
    assert [h.version for h in store.history(circle.id)] == [1, 2, 3, 4]  # nothing deleted
    assert workspace.header.reload_requested


def test_explorer_search_follows_typing_and_leads_back() -> None:
    from circlekit.content.casestudies import filter_cases, load_cases
    from circlekit.views.explorer import CaseExplorer

    cases = load_cases()
    explorer = CaseExplorer(cases)
    assert explorer.search.continuous_update  # every keystroke reaches the kernel
    explorer.search.value = "shelter"  # no kernel here, so it applies at once
    found = len(filter_cases(cases, text="shelter"))
    assert f"{found} of {len(cases)} cases match." in explorer.count.value
    top = explorer.widget.children[1].value
    assert "ck-quick-exit" in top and 'href="00_start.ipynb?lang=en"' in top


def test_a_language_named_in_a_sentence_is_written_as_that_sentence_s_language(
        store: SQLiteStore) -> None:
    """"Esta página está ahora en español", not "en Español"; the chooser keeps "Español"."""
    from circlekit.i18n import set_language
    from circlekit.views import StartPage

    try:
        start = StartPage(store, Path("."))
        start.title.value = "Circle typed before switching"
        start.switch_language("es")
        assert start.title.value == "Circle typed before switching"  # nothing typed is lost
        assert "Esta página está ahora en español." in start.message.value
        start.switch_language("ru")
        assert "русский" in start.message.value and "Русский" not in start.message.value
        start.switch_language("en")
        assert "This page is now in English." in start.message.value
    finally:
        set_language("en")


def test_a_step_opened_without_a_circle_shows_its_guide(data_dir: Path) -> None:
    """A case study links to the steps it illustrates: they open as a guide, not an error."""
    from circlekit.pages import step_page

    shown = step_page("harm_map", folder=str(data_dir))
    text = " ".join(str(getattr(w, "value", "")) for w in [shown, *shown.children])
    assert "Harm mapping" in text and "Facilitator notes" in text
    assert "No circle was chosen" not in text and "Open a circle from the start page" in text


def test_an_unanswered_question_says_so_instead_of_showing_a_blank_box(
        store: SQLiteStore) -> None:
    """ipywidgets shows a blank dropdown for a value of None, even when a line's value is
    None: "Not answered yet" must be the line shown, and still mean no answer."""
    from circlekit.model import Closing
    from circlekit.views.forms import bool_control

    control = bool_control(field_spec(Closing, "closing_check"))
    assert control.field.index == 0 and control.field.label == "Not answered yet"
    assert control.get() is None
    control.field.label = "Yes"
    assert control.get() is True
    control.set(None)
    assert control.field.label == "Not answered yet"


def test_an_address_naming_no_step_says_so_and_opens_the_first(store: SQLiteStore) -> None:
    from circlekit.views.workspace import Workspace

    circle = store.create(Circle(title="Views")).circle
    page = Workspace(store, circle.id, "agreemnt")
    assert page.header.step == "setup"
    assert "names no step of a circle (“agreemnt”)" in page.message.value


def test_marks_drawn_by_the_stylesheet_need_no_symbol_font() -> None:
    """A mark typed as a character (⏸) shows as an empty box where no font has it: every
    mark the stylesheet adds is drawn with borders instead."""
    import re
    from pathlib import Path

    import circlekit.views

    css = (Path(circlekit.views.__file__).parent / "style.css").read_text(encoding="utf-8")
    contents = re.findall(r"content:\s*([^;}]*)", css)
    assert contents, "the stylesheet adds no marks any more: update this test"
    assert all(value.strip().isascii() for value in contents), contents


def test_an_organisation_is_added_where_an_item_needs_it(store: SQLiteStore) -> None:
    """"Who is responsible" offers people; a drop-in taking on an item is added on the
    agreement step itself, offered at once, and stored."""
    from circlekit.model import Participant

    circle = store.create(Circle(title="Views", participants=[
        Participant(alias="Mira", roles=[Role.HARMED])])).circle
    page = step_page(store, circle.id, "agreement")
    view = page.view
    view.org_name.value = "  "
    button = view.org_add
    button.click()
    assert "name first." in view.org_message.value
    view.org_name.value = "The drop-in"
    button.click()
    assert "was added to the circle as an organisation" in view.org_message.value
    assert "The drop-in" in [label for label, _v in view.rows.controls["responsible"].field.options]
    stored = store.open(circle.id).circle
    assert [(p.alias, p.roles) for p in stored.participants][1] == (
        "The drop-in", [Role.ORGANISATION])
    view.org_name.value = "The drop-in"
    button.click()
    assert "already in the circle" in view.org_message.value
    assert len(store.open(circle.id).circle.participants) == 2
